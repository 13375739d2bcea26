import { ErrorBoundary } from '../components/error-boundary';
import { ErrorPanel } from '../components/error-panel';
import { Spinner } from '../components/spinner';
import { HistoryScreen } from '../features/history/history-screen';
import { WelcomePanel } from '../features/workspace/welcome-panel';
import { WorkspaceScreen } from '../features/workspace/workspace-screen';
import { assertNever } from '../../../shared/assert-never';
import { useNavigationStore } from '../stores/navigation-store';
import { useServicesStore } from '../stores/services-store';

/** The current screen, each behind its own error boundary; the welcome panel while there are no services. */
export function MainArea() {
  const screen = useNavigationStore((s) => s.screen);
  const selected = useNavigationStore((s) => s.selectedService);
  const status = useServicesStore((s) => s.status);
  const services = useServicesStore((s) => s.services);
  const error = useServicesStore((s) => s.error);
  const load = useServicesStore((s) => s.load);

  if (status === 'idle' || status === 'loading') {
    return (
      <div className="center-fill">
        <Spinner label="Loading the workspace" />
      </div>
    );
  }
  if (status === 'error' && error) {
    return (
      <div className="screen-pad">
        <ErrorPanel title="Could not load the workspace" error={error} onRetry={() => void load()} />
      </div>
    );
  }

  switch (screen) {
    case 'history': {
      const service = services.find((s) => s.name === selected);
      if (!service) return <WelcomePanel />;
      return (
        <ErrorBoundary key={`history:${service.name}`} name="History">
          <HistoryScreen service={service} />
        </ErrorBoundary>
      );
    }
    case 'workspace':
      return (
        <ErrorBoundary key="workspace" name="Workspace">
          <WorkspaceScreen />
        </ErrorBoundary>
      );
    default:
      return assertNever(screen, 'screen');
  }
}
