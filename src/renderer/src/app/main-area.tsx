import { errorData } from '../api/call-key';
import { ErrorBoundary } from '../components/error-boundary';
import { ErrorPanel } from '../components/error-panel';
import { CenterFill, ScreenPad } from '../components/screen';
import { Spinner } from '../components/spinner';
import { WelcomePanel } from '../features/workspace/welcome-panel';
import { assertNever } from '../../../shared/assert-never';
import { useNavigationStore } from '../stores/navigation-store';
import { screenById } from './screens';
import { useServices } from './use-services';

/** The current screen (from the registry), behind its own error boundary; the welcome panel while there is no service. */
export function MainArea() {
  const screen = screenById(useNavigationStore((s) => s.screen));
  const selected = useNavigationStore((s) => s.selectedService);
  const services = useServices();

  if (services.isPending) {
    return (
      <CenterFill>
        <Spinner label="Loading the workspace" />
      </CenterFill>
    );
  }
  if (services.isError && !services.data) {
    return (
      <ScreenPad>
        <ErrorPanel title="Could not load the workspace" error={errorData(services.error)} onRetry={() => void services.refetch()} />
      </ScreenPad>
    );
  }

  switch (screen.params) {
    case 'service': {
      const service = services.data.find((s) => s.name === selected);
      if (!service) return <WelcomePanel />;
      const Component = screen.component;
      return (
        <ErrorBoundary key={`${screen.id}:${service.name}`} name={screen.label}>
          <Component service={service} />
        </ErrorBoundary>
      );
    }
    case 'none': {
      const Component = screen.component;
      return (
        <ErrorBoundary key={screen.id} name={screen.label}>
          <Component />
        </ErrorBoundary>
      );
    }
    default:
      return assertNever(screen, 'screen params');
  }
}
