import { useQueryClient } from '@tanstack/react-query';
import { keyMatches } from '../../api/call-key';
import { dropService, invalidateHistory, upsertService } from '../../api/services-cache';
import { useCallMutation } from '../../api/use-call';

/**
 * The workspace's changes as mutations. Each puts the core's answer into the cache at once and marks
 * the audit log stale; the `workspace.changes` hint then refetches the rest (here and in other windows).
 */
export function useAddService() {
  const client = useQueryClient();
  return useCallMutation('services.add', {
    onSuccess: (service) => {
      upsertService(client, service);
      void client.invalidateQueries({ queryKey: ['audit.list'] });
    }
  });
}

export function useSetEnvironments() {
  const client = useQueryClient();
  return useCallMutation('environments.set', {
    onSuccess: (service) => {
      upsertService(client, service);
      void client.invalidateQueries({ queryKey: ['audit.list'] });
    }
  });
}

/** Re-points a service at its repository; what was read from the old place is stale. */
export function useSetServicePath() {
  const client = useQueryClient();
  return useCallMutation('services.setPath', {
    onSuccess: (service) => {
      upsertService(client, service);
      void invalidateHistory(client, service.name);
      void client.invalidateQueries({ queryKey: ['audit.list'] });
    }
  });
}

/** Removes a service from the workspace (its release records and audit entries stay in the store). */
export function useRemoveService() {
  const client = useQueryClient();
  return useCallMutation('services.remove', {
    onSuccess: ({ service }) => {
      dropService(client, service);
      client.removeQueries({
        predicate: (query) =>
          keyMatches(query.queryKey, ['history.branches', 'history.tags', 'history.commits', 'history.commit', 'history.compare'], service)
      });
      void client.invalidateQueries({ queryKey: ['audit.list'] });
    }
  });
}
