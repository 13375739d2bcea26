import { useCallback } from 'react';
import { shortSha, type Commit } from '../../../../shared/domain/history';
import { errorData } from '../../api/call-key';
import { Button } from '../../components/button';
import { EmptyState } from '../../components/empty-state';
import { ErrorPanel } from '../../components/error-panel';
import { Pane, PaneBand, PaneBody, PaneFooter, PaneMeta } from '../../components/pane';
import { SkeletonRows } from '../../components/skeleton-rows';
import { Spinner } from '../../components/spinner';
import { useOpenCommitStore } from '../../stores/open-commit-store';
import { describeFilter, isFiltering } from './commit-filter';
import { CommitList } from './commit-list';
import styles from './history.module.css';
import { SearchBar } from './search-bar';
import { ShallowNote } from './shallow-note';
import { useCommitLog } from './use-commit-log';
import { useHistoryRefs } from './use-history-refs';

/** The searchable, endlessly scrolling log of one ref. */
export function CommitLogPane({ service }: { readonly service: string }) {
  const { view, mine, query, commits } = useCommitLog(service);
  const refs = useHistoryRefs(service);
  const openSha = useOpenCommitStore((s) => (s.service === service ? s.sha : null));
  const open = useCallback((commit: Commit) => useOpenCommitStore.getState().open(service, commit.sha), [service]);
  const { filter } = view;
  const filtering = isFiltering(filter);
  const hasMore = query.hasNextPage;
  const loadMore = useCallback(() => {
    if (!query.isFetchingNextPage && !query.isFetchNextPageError) void query.fetchNextPage();
  }, [query]);

  const shallow = query.data?.pages[0]?.shallow;
  const ready = (query.isSuccess || query.isFetchNextPageError) && !query.isPlaceholderData;
  const count = commits.length.toLocaleString('en');
  const summary = ready
    ? `${hasMore ? `${count}+` : count} commit${commits.length === 1 && !hasMore ? '' : 's'}${filtering ? ` ${describeFilter(filter)}` : ''}`
    : '';
  // Refetching the same query (Refresh) or loading a new one over the old rows: the rows are stale.
  const stale = query.isPlaceholderData || (query.isFetching && !query.isFetchingNextPage);

  let body;
  if (!mine || query.isPending) {
    body = <SkeletonRows label="Loading commits" />;
  } else if (query.isError && !query.isFetchNextPageError) {
    body = <ErrorPanel title="Could not load commits" error={errorData(query.error)} onRetry={() => void query.refetch()} />;
  } else if (commits.length === 0) {
    body = filtering ? (
      <EmptyState>
        <p>No commits {describeFilter(filter)}.</p>
        <Button size="small" onClick={view.clearFilters}>
          Clear search
        </Button>
      </EmptyState>
    ) : (
      <EmptyState>
        <p>This ref has no commits.</p>
      </EmptyState>
    );
  } else {
    body = (
      <CommitList
        commits={commits}
        tags={refs.tags}
        label="Commits"
        idPrefix="log"
        selectedIndex={view.selectedIndex}
        onSelect={view.select}
        openSha={openSha}
        onOpen={open}
        onNearEnd={hasMore ? loadMore : undefined}
        resetKey={`${service}|${view.ref ?? ''}|${filter.text ?? ''}|${filter.author ?? ''}|${filter.shaPrefix ?? ''}`}
        stale={stale}
      />
    );
  }

  return (
    <Pane
      className={styles.listPane}
      titleId="commits-heading"
      title="Commits"
      tools={
        <>
          <PaneMeta testId="commit-count">{summary}</PaneMeta>
          {stale && commits.length > 0 && <Spinner label="Updating commits" />}
        </>
      }
    >
      <SearchBar />
      {refs.error && !query.isError && (
        <PaneBand>
          <ErrorPanel title="Could not load branches and tags" error={refs.error} onRetry={refs.retry} compact />
        </PaneBand>
      )}
      {shallow && (
        <PaneBand>
          <ShallowNote testId="shallow-history-note">
            Shallow clone: the history stops at{' '}
            <span className="mono" title={shallow.boundary.join(', ')}>
              {shallow.boundary.map(shortSha).join(', ')}
            </span>{' '}
            — older commits are not in this clone.
          </ShallowNote>
        </PaneBand>
      )}
      <PaneBody>{body}</PaneBody>
      {ready && commits.length > 0 && (
        <PaneFooter>
          {query.isFetchingNextPage && (
            <>
              <Spinner label="Loading more commits" /> Loading more commits…
            </>
          )}
          {query.isFetchNextPageError && (
            <ErrorPanel
              title="Could not load more commits"
              error={errorData(query.error)}
              onRetry={() => void query.fetchNextPage()}
              compact
            />
          )}
          {!query.isFetchingNextPage &&
            !query.isFetchNextPageError &&
            (hasMore
              ? `${count} loaded — scroll for more`
              : `${shallow ? 'End of the shallow clone' : 'End of history'} · ${count} commits`)}
        </PaneFooter>
      )}
    </Pane>
  );
}
