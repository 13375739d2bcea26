import {
  keepPreviousData,
  useInfiniteQuery,
  useMutation,
  useQuery,
  type InfiniteData,
  type UseMutationOptions,
  type UseQueryOptions
} from '@tanstack/react-query';
import type { CallInput, CallName, CallOutput } from '../../../shared/contract';
import { callKey, type CallKey } from './call-key';
import type { CallError } from './call-error';
import { callOrThrow } from './client';

type QueryOptions<N extends CallName> = Omit<
  UseQueryOptions<CallOutput<N>, CallError, CallOutput<N>, CallKey<N>>,
  'queryKey' | 'queryFn'
>;

/**
 * One call as a query keyed [name, input]. The query's AbortSignal reaches the core, so a query nobody
 * waits for any more (the user typed on, switched service) is cancelled end to end.
 */
export function useCallQuery<N extends CallName>(name: N, input: CallInput<N>, options: QueryOptions<N> = {}) {
  return useQuery({
    queryKey: callKey(name, input),
    queryFn: ({ signal }) => callOrThrow(name, input, { signal }),
    ...options
  });
}

/** One call as a mutation; what to refresh afterwards is the caller's onSuccess. */
export function useCallMutation<N extends CallName, Context = unknown>(
  name: N,
  options: Omit<UseMutationOptions<CallOutput<N>, CallError, CallInput<N>, Context>, 'mutationFn'> = {}
) {
  return useMutation({ mutationFn: (input: CallInput<N>) => callOrThrow(name, input), ...options });
}

export interface Paging<N extends CallName> {
  /** The input of the page at `cursor` (0 for the first page: an offset, or the id to continue before). */
  pageInput(cursor: number): CallInput<N>;
  /** The cursor of the page after `last`, or undefined at the end. */
  nextCursor(last: CallOutput<N>): number | undefined;
}

/**
 * A paged call as an infinite query keyed [name, input-without-cursor, 'pages']. While a new input
 * loads, the previous pages stay on screen (placeholder), marked stale by the caller.
 */
export function useCallPages<N extends CallName>(name: N, input: CallInput<N>, paging: Paging<N>, enabled = true) {
  return useInfiniteQuery<CallOutput<N>, CallError, InfiniteData<CallOutput<N>, number>, readonly [N, CallInput<N>, 'pages'], number>({
    queryKey: [name, input, 'pages'],
    queryFn: ({ pageParam, signal }) => callOrThrow(name, paging.pageInput(pageParam), { signal }),
    initialPageParam: 0,
    getNextPageParam: (last) => paging.nextCursor(last),
    placeholderData: keepPreviousData,
    enabled
  });
}
