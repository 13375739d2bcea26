import { useQueryClient } from '@tanstack/react-query';
import { callKey } from '../../api/call-key';
import { upsertService } from '../../api/services-cache';
import { useCallMutation, useCallQuery } from '../../api/use-call';

const SETTINGS = callKey('settings.get', {});

/** The workspace's settings: the Prometheus canary analysis asks, and where its scrape targets are written. */
export function useWorkspaceSettings() {
  return useCallQuery('settings.get', {});
}

/**
 * Sets (or clears, with null) the workspace's Prometheus. No hint stream carries settings, so the core's
 * answer replaces the cached settings here; the change is audited, so the audit log is stale.
 */
export function useSetPrometheus() {
  const client = useQueryClient();
  return useCallMutation('settings.setPrometheus', {
    onSuccess: (settings) => {
      client.setQueryData(SETTINGS, settings);
      void client.invalidateQueries({ queryKey: ['audit.list'] });
    }
  });
}

/** Marks a service read-only (shadow releases may mirror its traffic) or not; the service's cache follows. */
export function useSetReadOnly() {
  const client = useQueryClient();
  return useCallMutation('services.setReadOnly', {
    onSuccess: (service) => {
      upsertService(client, service);
      void client.invalidateQueries({ queryKey: ['services.get'] });
      void client.invalidateQueries({ queryKey: ['audit.list'] });
    }
  });
}
