import { useCallback } from 'react';
import { useShallow } from 'zustand/react/shallow';
import type { Commit } from '../../../../shared/domain/history';
import { ErrorPanel } from '../../components/error-panel';
import { SkeletonRows } from '../../components/skeleton-rows';
import { Spinner } from '../../components/spinner';
import { useCommitDetailStore } from '../../stores/commit-detail-store';
import { useCommitLogStore } from '../../stores/commit-log-store';
import { useHistoryRefsStore } from '../../stores/history-refs-store';
import { describeFilter, isFiltering } from './commit-filter';
import { CommitList } from './commit-list';
import { SearchBar } from './search-bar';

/** The searchable, endlessly scrolling log of one ref. */
export function CommitLogPane({ service }: { readonly service: string }) {
  const { status, commits, hasMore, error, pageStatus, pageError, filter, ref, selectedIndex, logService } = useCommitLogStore(
    useShallow((s) => ({
      status: s.status,
      commits: s.commits,
      hasMore: s.hasMore,
      error: s.error,
      pageStatus: s.pageStatus,
      pageError: s.pageError,
      filter: s.filter,
      ref: s.ref,
      selectedIndex: s.selectedIndex,
      logService: s.service
    }))
  );
  const refsError = useHistoryRefsStore((s) => (s.service === service && s.status === 'error' ? s.error : null));
  const { select, reload, loadMore, clearFilters } = useCommitLogStore.getState();
  const openSha = useCommitDetailStore((s) => s.sha);
  const filtering = isFiltering(filter);

  const open = useCallback((commit: Commit) => void useCommitDetailStore.getState().open(service, commit.sha), [service]);
  const count = commits.length.toLocaleString('en');
  const summary =
    status === 'ready'
      ? `${hasMore ? `${count}+` : count} commit${commits.length === 1 && !hasMore ? '' : 's'}${filtering ? ` ${describeFilter(filter)}` : ''}`
      : '';

  let body;
  if (logService !== service) {
    // The store still holds the previous service for the one render before open() runs.
    body = <SkeletonRows label="Loading commits" />;
  } else if (status === 'error' && error) {
    body = <ErrorPanel title="Could not load commits" error={error} onRetry={reload} />;
  } else if ((status === 'loading' || status === 'idle') && commits.length === 0) {
    body = <SkeletonRows label="Loading commits" />;
  } else if (status === 'ready' && commits.length === 0) {
    body = filtering ? (
      <div className="empty-state">
        <p>No commits {describeFilter(filter)}.</p>
        <button type="button" className="button small" onClick={clearFilters}>
          Clear search
        </button>
      </div>
    ) : (
      <div className="empty-state">
        <p>This ref has no commits.</p>
      </div>
    );
  } else {
    body = (
      <CommitList
        commits={commits}
        label="Commits"
        idPrefix="log"
        selectedIndex={selectedIndex}
        onSelect={select}
        openSha={openSha}
        onOpen={open}
        onNearEnd={hasMore ? loadMore : undefined}
        resetKey={`${service}|${ref ?? ''}|${filter.text ?? ''}|${filter.author ?? ''}|${filter.shaPrefix ?? ''}`}
        stale={status === 'loading'}
      />
    );
  }

  return (
    <section className="pane list-pane" aria-labelledby="commits-heading">
      <div className="pane-toolbar">
        <h2 id="commits-heading" className="pane-title">
          Commits
        </h2>
        <span className="pane-meta" aria-live="polite" data-testid="commit-count">
          {summary}
        </span>
        {status === 'loading' && commits.length > 0 && <Spinner label="Updating commits" />}
      </div>
      <SearchBar />
      {refsError && !error && (
        <div className="inline-errors">
          <ErrorPanel
            title="Could not load branches and tags"
            error={refsError}
            onRetry={() => void useHistoryRefsStore.getState().load(service)}
            compact
          />
        </div>
      )}
      <div className="list-body">{body}</div>
      {status === 'ready' && commits.length > 0 && (
        <div className="list-footer">
          {pageStatus === 'loading' && (
            <>
              <Spinner label="Loading more commits" /> Loading more commits…
            </>
          )}
          {pageStatus === 'error' && pageError && (
            <ErrorPanel title="Could not load more commits" error={pageError} onRetry={loadMore} compact />
          )}
          {pageStatus === 'idle' && (hasMore ? `${count} loaded — scroll for more` : `End of history · ${count} commits`)}
        </div>
      )}
    </section>
  );
}
