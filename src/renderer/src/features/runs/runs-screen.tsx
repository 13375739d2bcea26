import { useState } from 'react';
import type { Service } from '../../../../shared/domain/workspace';
import { ErrorBoundary } from '../../components/error-boundary';
import { EmptyState } from '../../components/empty-state';
import { Screen } from '../../components/screen';
import { useCallQuery } from '../../api/use-call';
import { useSystemStatus } from '../../api/use-system-status';
import { OfflineIndicator } from '../../components/offline-indicator';
import { RunDetail } from './run-detail';
import { RunList } from './run-list';
import styles from './runs.module.css';
import { BranchWatchControl } from './branch-watch-control';
import { StartRun } from './start-run';

/** Pipeline runs of one service: the runs, and the selected run's stage graph and live log. */
export function RunsScreen({ service }: { readonly service: Service }) {
  const [chosen, setChosen] = useState<{ readonly service: string; readonly runId: number } | null>(null);
  // Until a run is chosen, the newest is shown (the list's first page is shared through the query cache).
  const newest = useCallQuery('runs.list', { service: service.name, limit: 1 });
  const selected = chosen?.service === service.name ? chosen.runId : (newest.data?.items[0]?.id ?? null);
  const select = (runId: number) => setChosen({ service: service.name, runId });
  // The recorded runs never need the network; starting one whose stages use containers needs Docker.
  const status = useSystemStatus();
  const dockerDown = status.data && !status.data.docker.reachable ? status.data.docker.detail : null;

  return (
    <Screen title="Pipeline runs" inline subtitle={<span className={styles.serviceName}>{service.name}</span>} tools={
        <>
          <OfflineIndicator status={status.data} checking={status.isFetching} />
          <BranchWatchControl service={service.name} />
          <StartRun service={service.name} onStarted={select} dockerDown={dockerDown} />
        </>
      }
    >
      <div className={styles.body}>
        <ErrorBoundary name="Runs">
          <RunList service={service.name} selectedId={selected} onSelect={(run) => select(run.id)} />
        </ErrorBoundary>
        <ErrorBoundary name="Run">
          {selected === null ? (
            <div className={styles.detailPane}>
              <EmptyState>Pick a run, or start one.</EmptyState>
            </div>
          ) : (
            <RunDetail runId={selected} onStarted={select} />
          )}
        </ErrorBoundary>
      </div>
    </Screen>
  );
}
