import { useShallow } from 'zustand/react/shallow';
import { ErrorPanel } from '../../components/error-panel';
import { Spinner } from '../../components/spinner';
import { useCommitDetailStore } from '../../stores/commit-detail-store';
import { CommitDetailView } from './commit-detail-view';

/** The open commit: message, people, dates, parents and changed files. */
export function CommitDetailPane({ service }: { readonly service: string }) {
  const current = useCommitDetailStore(
    useShallow((s) => ({ service: s.service, sha: s.sha, status: s.status, detail: s.detail, error: s.error }))
  );
  // A commit of another service (for the one render before the screen closes it) is not shown.
  const mine = current.service === service;
  const sha = mine ? current.sha : null;
  const status = mine ? current.status : 'idle';
  const { detail, error } = current;
  const { retry, close } = useCommitDetailStore.getState();

  return (
    <section className="pane detail-pane" aria-labelledby="detail-heading" data-testid="commit-detail">
      <div className="pane-toolbar">
        <h2 id="detail-heading" className="pane-title">
          Commit detail
        </h2>
        {status === 'loading' && <Spinner label="Loading the commit" />}
        <span className="spacer" />
        {sha && (
          <button type="button" className="button small ghost" onClick={close}>
            Close
          </button>
        )}
      </div>
      <div className="detail-body">
        {status === 'idle' && (
          <div className="empty-state">
            <p>Select a commit to see its message and changed files.</p>
            <p className="muted">Use ↑ and ↓ in the list, Enter to open.</p>
          </div>
        )}
        {status === 'error' && error && <ErrorPanel title="Could not load the commit" error={error} onRetry={retry} />}
        {status === 'loading' && !detail && <div className="detail-skeleton" aria-hidden="true" />}
        {detail && (status === 'ready' || status === 'loading') && (
          <CommitDetailView service={service} detail={detail} stale={status === 'loading'} />
        )}
      </div>
    </section>
  );
}
