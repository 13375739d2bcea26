import type { QueryClient } from '@tanstack/react-query';
import type { CallName, StreamInput, StreamName } from '../../../shared/contract';
import { INVALIDATES, INVALIDATES_FOR_SERVICE } from '../../../shared/contract/invalidation';
import { keyMatches } from './call-key';
import type { StreamHandlers } from './client';

type Subscribe = <N extends StreamName>(name: N, input: StreamInput<N>, handlers: StreamHandlers<unknown>) => () => void;
type Table = Partial<Readonly<Record<StreamName, readonly CallName[]>>>;

const serviceOf = (item: unknown): string | undefined => {
  const service = (item as { service?: unknown } | null)?.service;
  return typeof service === 'string' ? service : undefined;
};

/**
 * Subscribes to every hint stream the contract lists and, on each batch and after a reset (hints may
 * have been missed), invalidates the cached results of the calls it names: all of them (`everywhere`),
 * or only those of the service a hint names (`perService`; all of them after a reset).
 * Returns the unsubscribe.
 */
export function connectInvalidationHints(
  client: QueryClient,
  subscribe: Subscribe,
  everywhere: Table = INVALIDATES,
  perService: Table = INVALIDATES_FOR_SERVICE
): () => void {
  const streams = new Set([...Object.keys(everywhere), ...Object.keys(perService)] as StreamName[]);
  const offs = [...streams].map((stream) => {
    const all = everywhere[stream] ?? [];
    const scoped = perService[stream] ?? [];
    const invalidate = (calls: readonly CallName[], service?: string) =>
      void client.invalidateQueries({ predicate: (query) => keyMatches(query.queryKey, calls, service) });
    const onItems = (items: readonly unknown[]) => {
      if (all.length) invalidate(all);
      if (!scoped.length) return;
      for (const service of new Set(items.map(serviceOf))) if (service !== undefined) invalidate(scoped, service);
    };
    const onReset = () => invalidate([...all, ...scoped]);
    // Hint streams take no input (the contract declares them with noInput).
    return subscribe(stream, {} as StreamInput<typeof stream>, { onItems, onReset });
  });
  return () => offs.forEach((off) => off());
}
