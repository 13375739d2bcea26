import { useQueryClient } from '@tanstack/react-query';
import { errorData } from '../../api/call-key';
import { useCallMutation } from '../../api/use-call';
import { useTaskProgress } from '../../api/use-task-progress';
import { BrandMark } from '../../components/brand-mark';
import { Button } from '../../components/button';
import { ErrorPanel } from '../../components/error-panel';
import { ProgressBar } from '../../components/progress-bar';
import { useNavigationStore } from '../../stores/navigation-store';
import styles from './welcome-panel.module.css';

/** First run: what Shipdeck is, and two ways in. */
export function WelcomePanel() {
  const client = useQueryClient();
  const requestAddService = useNavigationStore((s) => s.requestAddService);
  const { progress, reset } = useTaskProgress('demo');
  const demo = useCallMutation('demo.open', {
    onMutate: reset,
    onSuccess: async (service) => {
      // The list must hold the demo before it is selected, or the selection would fall back to another service.
      await client.invalidateQueries({ queryKey: ['services.list'] });
      const navigation = useNavigationStore.getState();
      navigation.selectService(service.name);
      navigation.setHistoryMode('log');
      navigation.go('history');
    }
  });
  const running = demo.isPending;

  return (
    <section className={styles.welcome} aria-labelledby="welcome-heading">
      <div className={styles.card}>
        <BrandMark large />
        <h1 id="welcome-heading">Welcome to Shipdeck</h1>
        <p className={styles.lead}>Shipdeck shows, for every service, what runs in each environment and how it got there.</p>
        <p className={styles.lead}>
          Promote a release or roll it back with one click — and read the whole history even when you are offline.
        </p>
        <div className={styles.actions}>
          <Button variant="primary" disabled={running} onClick={() => demo.mutate({})}>
            Open the demo workspace
          </Button>
          <Button disabled={running} onClick={requestAddService}>
            Add a service
          </Button>
        </div>
        {running && (
          <ProgressBar
            label="Creating the demo workspace"
            completed={progress?.completed ?? 0}
            total={progress?.total ?? 0}
            step={progress?.step ?? 'Starting…'}
          />
        )}
        {demo.error && (
          <ErrorPanel title="Could not open the demo workspace" error={errorData(demo.error)} onRetry={() => demo.mutate({})} />
        )}
      </div>
    </section>
  );
}
