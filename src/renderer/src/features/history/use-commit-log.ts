import { useMemo } from 'react';
import { useCallPages } from '../../api/use-call';
import { useCommitLogViewStore } from '../../stores/commit-log-view-store';
import { flattenPages, nextPageOffset } from './commit-pages';

export const PAGE_SIZE = 200;

/**
 * The log the view store describes (service, ref, filter) as an infinite query of commit pages. Until
 * the store has switched to `service` (the first render of a new service), nothing is fetched.
 */
export function useCommitLog(service: string) {
  const view = useCommitLogViewStore();
  const mine = view.service === service;
  const input = {
    service,
    ...(mine && view.ref ? { ref: view.ref } : {}),
    ...(mine ? view.filter : {}),
    limit: PAGE_SIZE
  };
  const query = useCallPages(
    'history.commits',
    input,
    { pageInput: (offset) => ({ ...input, offset }), nextCursor: nextPageOffset },
    mine
  );
  const commits = useMemo(() => flattenPages(query.data?.pages ?? []), [query.data]);
  return { view, mine, query, commits };
}
