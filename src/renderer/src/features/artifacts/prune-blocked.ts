import type { SystemStatus } from '../../../../shared/domain/artifact-operations';
import type { Service } from '../../../../shared/domain/workspace';

/** Why a prune of this service cannot run now, or null when it can (or the status is not known yet). */
export function pruneBlockedReason(status: SystemStatus | undefined, service: Service | undefined): string | null {
  if (!status || !service) return null;
  const registry = status.registries.find((r) => r.services.includes(service.name));
  if (registry && !registry.reachable) return `Pruning needs the registry ${registry.host}, which does not answer: ${registry.detail}`;
  if (!registry && !status.docker.reachable) return `Pruning needs the Docker engine (${service.name} keeps its artifacts there), which does not answer: ${status.docker.detail}`;
  return null;
}
