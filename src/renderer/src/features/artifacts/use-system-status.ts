import type { SystemStatus } from '../../../../shared/domain/artifact-operations';
import type { Service } from '../../../../shared/domain/workspace';
import { useCallQuery } from '../../api/use-call';

/** How often the offline indicator asks again. */
const STATUS_INTERVAL_MS = 15_000;

/** Whether the Docker engine and the registries answer, asked now and every 15 s. */
export function useSystemStatus() {
  return useCallQuery('system.status', {}, { refetchInterval: STATUS_INTERVAL_MS, retry: false });
}

/** Why a prune of this service cannot run now, or null when it can (or the status is not known yet). */
export function pruneBlockedReason(status: SystemStatus | undefined, service: Service | undefined): string | null {
  if (!status || !service) return null;
  const registry = status.registries.find((r) => r.services.includes(service.name));
  if (registry && !registry.reachable) return `Pruning needs the registry ${registry.host}, which does not answer: ${registry.detail}`;
  if (!registry && !status.docker.reachable) return `Pruning needs the Docker engine (${service.name} keeps its artifacts there), which does not answer: ${status.docker.detail}`;
  return null;
}
