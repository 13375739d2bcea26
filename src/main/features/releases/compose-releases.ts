/**
 * Builds the releases feature from the core's adapters: the Docker runtime and the nginx router behind
 * their ports, the strategy runner, the orchestrator and the views. Kept apart from core.ts so the
 * composition root stays a list.
 */
import type { EnvironmentRuntimePort } from '../../ports/environment-runtime';
import type { EventPort } from '../../ports/events';
import type { GitPort } from '../../ports/git';
import type { KubernetesPort } from '../../ports/kubernetes';
import type { RegistryEndpoint, RegistryPort } from '../../ports/registry';
import type { ReleaseStore } from '../../ports/store';
import type { TrafficRouterPort } from '../../ports/traffic-router';
import { createArtifactImages } from './artifact-images';
import { createReleasesHandlers } from './handlers';
import { createReleaseService, type GateAnalysis } from './release-service';
import { createReleaseViews } from './release-views';
import { createDockerStrategyRunner } from './strategies/docker-strategy-runner';
import { createKubernetesStrategyRunner } from './strategies/kubernetes/kubernetes-strategy-runner';
import { createTargetRunner } from './strategies/target-runner';
import { kubernetesTargetOrThrow } from './release-targets';

export interface ReleasesFeatureDeps {
  readonly store: ReleaseStore;
  readonly git: GitPort;
  readonly events: EventPort;
  readonly actor: string;
  readonly runtime: EnvironmentRuntimePort;
  readonly router: TrafficRouterPort;
  readonly openRegistry: (endpoint: RegistryEndpoint) => ReturnType<RegistryPort['open']>;
  /** Long-lived cores recover at start; the CLI's short-lived one too, before its first release call. */
  readonly recoverAtStart: boolean;
  /** Canary analysis at each gate (features/analysis); without it a gate waits for a person or its timer. */
  readonly analysis?: GateAnalysis | undefined;
  /** Kubernetes environments' port (the kubernetes feature's, loaded on first use). */
  readonly kubernetes?: KubernetesPort | undefined;
}

export function composeReleases(deps: ReleasesFeatureDeps) {
  const images = createArtifactImages({ runtime: deps.runtime, openRegistry: deps.openRegistry });
  const docker = createDockerStrategyRunner({ runtime: deps.runtime, router: deps.router });
  const kubernetes = deps.kubernetes
    ? createKubernetesStrategyRunner({
        kube: deps.kubernetes,
        targetOf: (service, environment) => kubernetesTargetOrThrow(deps.store.workspace, service, environment),
        describeRelease: (deploymentId) => {
          const release = deps.store.releases.getRelease(deploymentId);
          return release ? { version: release.version, by: release.startedBy } : null;
        }
      })
    : null;
  const runner = createTargetRunner({ workspace: deps.store.workspace, docker, kubernetes });
  const service = createReleaseService({
    store: deps.store,
    runner,
    events: deps.events,
    actor: deps.actor,
    pid: process.pid,
    imageReference: (_service, artifact) => images.imageReference(artifact),
    analysis: deps.analysis
  });
  const views = createReleaseViews({
    store: deps.store,
    git: deps.git,
    runtime: deps.runtime,
    router: deps.router,
    readState: (service, environment, signal) => runner.readState(service, environment, signal),
    kubernetes: deps.kubernetes,
    clock: () => new Date(),
    imageReference: (_service, artifact) => images.imageReference(artifact),
    artifactExists: async (serviceName, digest, signal) => {
      const artifact = findArtifactOf(deps.store, serviceName, digest);
      if (!artifact) return { exists: false, where: 'the records', pruned: false };
      return images.presence(artifact, signal);
    }
  });
  const recovering = deps.recoverAtStart
    ? service.recover().catch((error: unknown) => console.error('[shipdeck] reading back interrupted releases failed:', error))
    : Promise.resolve();
  const handlers = createReleasesHandlers({ store: deps.store, service, views, events: deps.events, actor: deps.actor });
  return {
    handlers,
    async close() {
      await recovering;
      await service.close();
    }
  };
}

/** The service's artifact with that digest, paging back through its history. */
function findArtifactOf(store: ReleaseStore, service: string, digest: string) {
  let beforeId: number | undefined;
  for (;;) {
    const page = store.artifacts.listArtifacts(service, { limit: 500, ...(beforeId !== undefined ? { beforeId } : {}) });
    const found = page.items.find((artifact) => artifact.digest === digest);
    if (found) return found;
    if (page.nextBeforeId === null) return null;
    beforeId = page.nextBeforeId;
  }
}
