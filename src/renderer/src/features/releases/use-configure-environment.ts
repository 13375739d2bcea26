import { useQueryClient } from '@tanstack/react-query';
import type { Service } from '../../../../shared/domain/workspace';
import { keyMatches } from '../../api/call-key';
import { upsertService } from '../../api/services-cache';
import { useCallMutation } from '../../api/use-call';

/**
 * Changes one environment's settings (`environments.configure`). The core's answer goes into the services
 * list at once, so a picker shows the saved value without waiting for the refetch; the board, the
 * kubeconfig overview (its watches follow the environments' namespaces) and a workload's views refetch.
 */
export function useConfigureEnvironment(options: { readonly onSaved?: (service: Service) => void } = {}) {
  const client = useQueryClient();
  return useCallMutation('environments.configure', {
    onSuccess: (service) => {
      upsertService(client, service);
      void client.invalidateQueries({
        predicate: (query) => keyMatches(query.queryKey, ['releases.board', 'services.list', 'services.get', 'kubernetes.overview', 'kubernetes.revisions', 'kubernetes.analysisRuns', 'audit.list'])
      });
      options.onSaved?.(service);
    }
  });
}
