import type { QueryClient } from '@tanstack/react-query';
import type { Service } from '../../../shared/domain/workspace';
import { callKey, keyMatches } from './call-key';

const LIST = callKey('services.list', {});

/** Puts a service the core just returned into the cached list at once (the hint refetches it anyway). */
export function upsertService(client: QueryClient, service: Service): void {
  client.setQueryData<readonly Service[]>(LIST, (list) =>
    list ? [...list.filter((s) => s.name !== service.name), service].sort((a, b) => a.name.localeCompare(b.name)) : list
  );
}

export function dropService(client: QueryClient, name: string): void {
  client.setQueryData<readonly Service[]>(LIST, (list) => list?.filter((s) => s.name !== name));
}

/** Everything read from a service's repository is stale (Refresh, or the repository moved). */
export function invalidateHistory(client: QueryClient, service: string): Promise<void> {
  return client.invalidateQueries({
    predicate: (query) =>
      keyMatches(query.queryKey, ['history.branches', 'history.tags', 'history.commits', 'history.commit', 'history.compare'], service)
  });
}
