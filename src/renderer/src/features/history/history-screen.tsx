import { useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import type { Service } from '../../../../shared/domain/workspace';
import { invalidateHistory } from '../../api/services-cache';
import { Button } from '../../components/button';
import { ErrorBoundary } from '../../components/error-boundary';
import { Icon } from '../../components/icon';
import { Screen } from '../../components/screen';
import { SegmentedControl } from '../../components/segmented-control';
import { useCommitLogViewStore } from '../../stores/commit-log-view-store';
import { useNavigationStore, type HistoryMode } from '../../stores/navigation-store';
import { useOpenCommitStore } from '../../stores/open-commit-store';
import { cx } from '../../components/cx';
import { CommitDetailPane } from './commit-detail-pane';
import { CommitLogPane } from './commit-log-pane';
import { ComparePane } from './compare-pane';
import styles from './history.module.css';
import { RefSelector } from './ref-selector';

const MODES: readonly { readonly value: HistoryMode; readonly label: string }[] = [
  { value: 'log', label: 'Log' },
  { value: 'compare', label: 'Compare' }
];

function ServiceLine({ service }: { readonly service: Service }) {
  return (
    <p className={styles.serviceLine}>
      <span className={styles.serviceName}>{service.name}</span>
      <span className={cx(styles.repoPath, 'mono')} title={service.repoPath} data-testid="repo-path">
        <bdi>{service.repoPath}</bdi>
      </span>
    </p>
  );
}

/** A service's history: the log (searchable) or a comparison of two refs, and the open commit. */
export function HistoryScreen({ service }: { readonly service: Service }) {
  const mode = useNavigationStore((s) => s.historyMode);
  const setMode = useNavigationStore((s) => s.setHistoryMode);
  const client = useQueryClient();

  useEffect(() => {
    useCommitLogViewStore.getState().open(service.name);
    if (useOpenCommitStore.getState().service !== service.name) useOpenCommitStore.getState().close();
  }, [service.name]);

  return (
    <Screen
      title="History"
      inline
      subtitle={<ServiceLine service={service} />}
      tools={
        <>
          <SegmentedControl label="History view" options={MODES} value={mode} onChange={setMode} idPrefix="history-tab" controls="history-panel" />
          {mode === 'log' && <RefSelector service={service.name} />}
          <Button
            iconOnly
            aria-label="Refresh"
            title="Reload branches, tags and commits"
            onClick={() => void invalidateHistory(client, service.name)}
          >
            <Icon name="refresh" />
          </Button>
        </>
      }
    >
      <div className={styles.body}>
        <div className={styles.main} role="tabpanel" id="history-panel" aria-labelledby={`history-tab-${mode}`}>
          <ErrorBoundary key={mode} name={mode === 'log' ? 'Commit list' : 'Compare'}>
            {mode === 'log' ? <CommitLogPane service={service.name} /> : <ComparePane service={service.name} />}
          </ErrorBoundary>
        </div>
        <ErrorBoundary name="Commit detail">
          <CommitDetailPane service={service.name} />
        </ErrorBoundary>
      </div>
    </Screen>
  );
}
