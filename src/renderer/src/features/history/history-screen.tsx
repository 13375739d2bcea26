import { useEffect } from 'react';
import type { Service } from '../../../../shared/domain/workspace';
import { useCommitDetailStore } from '../../stores/commit-detail-store';
import { useCommitLogStore } from '../../stores/commit-log-store';
import { useHistoryRefsStore } from '../../stores/history-refs-store';
import { useNavigationStore } from '../../stores/navigation-store';
import { ErrorBoundary } from '../../components/error-boundary';
import { CommitDetailPane } from './commit-detail-pane';
import { CommitLogPane } from './commit-log-pane';
import { ComparePane } from './compare-pane';
import { HistoryHeader } from './history-header';

/** A service's history: the log (searchable) or a comparison of two refs, and the open commit. */
export function HistoryScreen({ service }: { readonly service: Service }) {
  const mode = useNavigationStore((s) => s.historyMode);

  useEffect(() => {
    void useHistoryRefsStore.getState().load(service.name);
    useCommitLogStore.getState().open(service.name);
    if (useCommitDetailStore.getState().service !== service.name) useCommitDetailStore.getState().close();
  }, [service.name]);

  return (
    <div className="screen history-screen">
      <HistoryHeader service={service} />
      <div className="history-body">
        <div className="history-main" role="tabpanel" id="history-panel" aria-labelledby={`history-tab-${mode}`}>
          <ErrorBoundary key={mode} name={mode === 'log' ? 'Commit list' : 'Compare'}>
            {mode === 'log' ? <CommitLogPane service={service.name} /> : <ComparePane service={service.name} />}
          </ErrorBoundary>
        </div>
        <ErrorBoundary name="Commit detail">
          <CommitDetailPane service={service.name} />
        </ErrorBoundary>
      </div>
    </div>
  );
}
