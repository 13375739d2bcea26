import type { ReachabilityCheck, SystemStatus } from '../../../shared/domain/artifact-operations';
import { AppError } from '../../../shared/result';
import type { ContainersPort } from '../../ports/containers';
import type { RegistryClient, RegistryEndpoint } from '../../ports/registry';
import type { WorkspaceStore } from '../../ports/store';
import { locateArtifact } from './artifact-location';

/** The offline indicator must answer quickly: each check gets this long. */
export const STATUS_TIMEOUT_MS = 2000;

export interface SystemStatusDeps {
  readonly containers: Pick<ContainersPort, 'ping'>;
  readonly openRegistry: (endpoint: RegistryEndpoint) => RegistryClient;
  readonly workspace: WorkspaceStore;
  readonly now: () => Date;
}

const messageOf = (error: unknown): string => (error instanceof Error ? error.message : String(error));

/** Whether the Docker engine and each service's registry answer right now, checked in parallel. */
export function createSystemStatus(deps: SystemStatusDeps) {
  const timeout = (signal: AbortSignal) => AbortSignal.any([signal, AbortSignal.timeout(STATUS_TIMEOUT_MS)]);

  const docker = async (signal: AbortSignal): Promise<ReachabilityCheck> => {
    try {
      const info = await deps.containers.ping(timeout(signal));
      return { reachable: true, detail: `Docker ${info.version} at ${info.endpoint}` };
    } catch (error) {
      return { reachable: false, detail: messageOf(error) };
    }
  };

  const registry = async (host: string, signal: AbortSignal): Promise<ReachabilityCheck> => {
    try {
      const ping = await deps.openRegistry({ host }).ping(timeout(signal));
      return { reachable: true, detail: ping.access === 'needs-credentials' ? 'answers; needs credentials (shipdeck registry login)' : 'answers' };
    } catch (error) {
      // A registry that refuses our credentials still answered: it is online.
      if (error instanceof AppError && ['REGISTRY_AUTH_FAILED', 'REGISTRY_DENIED'].includes(error.code)) {
        return { reachable: true, detail: `answers, but ${error.message}` };
      }
      return { reachable: false, detail: error instanceof AppError && error.code === 'CANCELLED' ? `no answer within ${STATUS_TIMEOUT_MS / 1000} s` : messageOf(error) };
    }
  };

  return async (signal: AbortSignal): Promise<SystemStatus> => {
    const hosts = new Map<string, string[]>();
    for (const service of deps.workspace.listServices()) {
      if (!service.imageRepository) continue;
      const location = locateArtifact(service.imageRepository);
      if (location.kind !== 'registry') continue;
      hosts.set(location.name.host, [...(hosts.get(location.name.host) ?? []), service.name]);
    }
    const [engine, registries] = await Promise.all([
      docker(signal),
      Promise.all([...hosts].map(async ([host, services]) => ({ host, services, ...(await registry(host, signal)) })))
    ]);
    return { checkedAt: deps.now().toISOString(), docker: engine, registries };
  };
}
