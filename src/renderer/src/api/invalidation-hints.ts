import type { QueryClient } from '@tanstack/react-query';
import type { CallName, StreamInput, StreamName } from '../../../shared/contract';
import { INVALIDATES } from '../../../shared/contract/invalidation';
import { keyMatches } from './call-key';
import type { StreamHandlers } from './client';

type Subscribe = <N extends StreamName>(name: N, input: StreamInput<N>, handlers: StreamHandlers<unknown>) => () => void;

/**
 * Subscribes to every hint stream the contract lists and, on each batch and after a reset (hints may
 * have been missed), invalidates the cached results of the calls it names. Returns the unsubscribe.
 */
export function connectInvalidationHints(
  client: QueryClient,
  subscribe: Subscribe,
  table: Partial<Readonly<Record<StreamName, readonly CallName[]>>> = INVALIDATES
): () => void {
  const offs = (Object.entries(table) as [StreamName, readonly CallName[]][]).map(([stream, calls]) => {
    const invalidate = () => void client.invalidateQueries({ predicate: (query) => keyMatches(query.queryKey, calls) });
    // Hint streams take no input (the contract declares them with noInput).
    return subscribe(stream, {} as StreamInput<typeof stream>, { onItems: invalidate, onReset: invalidate });
  });
  return () => offs.forEach((off) => off());
}
