/**
 * The live demo's runner as the core composes it (loaded when the demo is first opened): a release
 * orchestrator of its own that acts as `demo:setup`, over the core's records, so its releases are
 * ordinary ones the board, the timeline and the rollback console show; the docker strategy runner over
 * the Docker engine and nginx; the demo repository's checkouts; the engine to build on.
 */
import type { Service } from '../../../shared/domain/workspace';
import { createReleaseService } from '../../features/releases/release-service';
import { createDockerStrategyRunner } from '../../features/releases/strategies/docker-strategy-runner';
import type { ContainersPort } from '../../ports/containers';
import type { EnvironmentRuntimePort } from '../../ports/environment-runtime';
import type { EventPort } from '../../ports/events';
import type { ReleaseStore } from '../../ports/store';
import type { TrafficRouterPort } from '../../ports/traffic-router';
import type { WorktreePort } from '../../ports/worktrees';
import { deployLiveDemo, LIVE_DEMO_ACTOR } from './deploy-live-demo';
import { createLiveDemoRepository } from './live-demo-repository';
import type { LiveDemoRunner } from './live-demo-starter';

export interface LiveDemoTargets {
  readonly runtime: EnvironmentRuntimePort;
  readonly router: TrafficRouterPort;
}

export interface LiveDemoWiring {
  readonly dataDir: string;
  readonly store: ReleaseStore;
  readonly events: EventPort;
  readonly containers: ContainersPort;
  readonly worktrees: WorktreePort;
  /** Where environments run; default: the Docker engine and nginx (routers under the data folder). */
  readonly targets?: LiveDemoTargets | undefined;
}

async function defaultTargets(dataDir: string): Promise<LiveDemoTargets> {
  const [{ createDockerEnvironmentRuntime }, { createNginxRouter }] = await Promise.all([
    import('../../adapters/docker/environment-runtime'),
    import('../../adapters/router/nginx-router')
  ]);
  return { runtime: createDockerEnvironmentRuntime(), router: createNginxRouter({ dataDir }) };
}

export async function createLiveDemoRunner(wiring: LiveDemoWiring): Promise<LiveDemoRunner> {
  const { runtime, router } = wiring.targets ?? (await defaultTargets(wiring.dataDir));
  const runner = createDockerStrategyRunner({ runtime, router });
  const releases = createReleaseService({
    store: wiring.store,
    runner,
    events: wiring.events,
    actor: LIVE_DEMO_ACTOR,
    pid: process.pid,
    // The live demo releases only the images it built here: their digest is the local image ID.
    imageReference: (_service: Service, artifact) => artifact.digest
  });
  return {
    run: (service, options) =>
      deployLiveDemo({
        service,
        engine: wiring.containers,
        repository: createLiveDemoRepository(service.repoPath, wiring.worktrees),
        store: wiring.store,
        releases: {
          ...releases,
          servingDigest: async (name, environment, signal) => (await runner.readState(name, environment, signal)).servingDigest
        },
        ...options
      }),
    close: () => releases.close()
  };
}
