import { keepPreviousData } from '@tanstack/react-query';
import { errorData } from '../../api/call-key';
import { useCallQuery } from '../../api/use-call';
import { Button } from '../../components/button';
import { EmptyState } from '../../components/empty-state';
import { ErrorPanel } from '../../components/error-panel';
import { Pane, PaneBody } from '../../components/pane';
import { SkeletonArea } from '../../components/skeleton-rows';
import { Spinner } from '../../components/spinner';
import { useOpenCommitStore } from '../../stores/open-commit-store';
import { CommitDetailView } from './commit-detail-view';
import styles from './history.module.css';

/** The open commit: message, people, dates, parents and changed files. */
export function CommitDetailPane({ service }: { readonly service: string }) {
  // A commit of another service (for the one render before the screen closes it) is not shown.
  const sha = useOpenCommitStore((s) => (s.service === service ? s.sha : null));
  const close = useOpenCommitStore((s) => s.close);
  const query = useCallQuery(
    'history.commit',
    { service, sha: sha ?? '' },
    { enabled: sha !== null, placeholderData: keepPreviousData }
  );
  const loading = sha !== null && query.isFetching;

  return (
    <Pane
      className={styles.detailPane}
      titleId="detail-heading"
      title="Commit detail"
      testId="commit-detail"
      tools={
        <>
          {loading && <Spinner label="Loading the commit" />}
          <span className="spacer" />
          {sha && (
            <Button size="small" variant="ghost" onClick={close}>
              Close
            </Button>
          )}
        </>
      }
    >
      <PaneBody scroll>
        {sha === null && (
          <EmptyState>
            <p>Select a commit to see its message and changed files.</p>
            <p className="muted">Use ↑ and ↓ in the list, Enter to open.</p>
          </EmptyState>
        )}
        {sha !== null && query.isError && (
          <ErrorPanel title="Could not load the commit" error={errorData(query.error)} onRetry={() => void query.refetch()} />
        )}
        {sha !== null && query.isPending && <SkeletonArea />}
        {sha !== null && query.data && !query.isError && (
          <CommitDetailView service={service} detail={query.data} stale={query.isPlaceholderData} />
        )}
      </PaneBody>
    </Pane>
  );
}
