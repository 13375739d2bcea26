import { ErrorPanel } from '../../components/error-panel';
import { ProgressBar } from '../../components/progress-bar';
import { useDemoStore } from '../../stores/demo-store';
import { useNavigationStore } from '../../stores/navigation-store';

/** First run: what Shipdeck is, and two ways in. */
export function WelcomePanel() {
  const status = useDemoStore((s) => s.status);
  const progress = useDemoStore((s) => s.progress);
  const error = useDemoStore((s) => s.error);
  const openDemo = useDemoStore((s) => s.open);
  const requestAddService = useNavigationStore((s) => s.requestAddService);
  const running = status === 'running';

  return (
    <section className="welcome" aria-labelledby="welcome-heading">
      <div className="welcome-card">
        <span className="brand-mark large" aria-hidden="true" />
        <h1 id="welcome-heading">Welcome to Shipdeck</h1>
        <p className="welcome-lead">
          Shipdeck shows, for every service, what runs in each environment and how it got there.
        </p>
        <p className="welcome-lead">
          Promote a release or roll it back with one click — and read the whole history even when you are offline.
        </p>
        <div className="welcome-actions">
          <button type="button" className="button primary" disabled={running} onClick={() => void openDemo()}>
            Open the demo workspace
          </button>
          <button type="button" className="button" disabled={running} onClick={requestAddService}>
            Add a service
          </button>
        </div>
        {running && (
          <ProgressBar
            label="Creating the demo workspace"
            completed={progress?.completed ?? 0}
            total={progress?.total ?? 0}
            step={progress?.step ?? 'Starting…'}
          />
        )}
        {status === 'error' && error && (
          <ErrorPanel title="Could not open the demo workspace" error={error} onRetry={() => void openDemo()} />
        )}
      </div>
    </section>
  );
}
