/**
 * The live demo as the core composes it: a release orchestrator of its own that acts as `demo:setup`
 * (over the core's records and strategy runner, so its releases are ordinary ones the board, the
 * timeline and the rollback console show), the demo repository's checkouts, and the engine to build on.
 */
import type { Artifact } from '../../../shared/domain/artifacts';
import type { Service } from '../../../shared/domain/workspace';
import { createReleaseService } from '../../features/releases/release-service';
import type { StrategyRunner } from '../../features/releases/strategies/strategy';
import type { ContainersPort } from '../../ports/containers';
import type { EventPort } from '../../ports/events';
import type { ReleaseStore } from '../../ports/store';
import type { WorktreePort } from '../../ports/worktrees';
import { LIVE_DEMO_ACTOR } from './deploy-live-demo';
import { createLiveDemoRepository } from './live-demo-repository';
import { createLiveDemoStarter, type LiveDemoStarter } from './live-demo-starter';

export interface LiveDemoWiring {
  readonly store: ReleaseStore;
  readonly events: EventPort;
  readonly containers: ContainersPort;
  readonly worktrees: WorktreePort;
  /** The core's strategy runner (the one the user's releases go through). */
  readonly runner: StrategyRunner;
  /** How the engine runs an artifact, as the core's orchestrator says it. */
  readonly imageReference: (service: Service, artifact: Artifact) => string;
  /** Public port per environment (tests pick free ones); default: the demo's 48080–48082. */
  readonly ports?: Readonly<Record<string, number>> | undefined;
}

export function createLiveDemo(wiring: LiveDemoWiring): LiveDemoStarter {
  // Made on first use, closed with the starter: a core whose demo is never opened pays nothing.
  let releases: ReturnType<typeof createReleaseService> | null = null;
  const orchestrator = () =>
    (releases ??= createReleaseService({
      store: wiring.store,
      runner: wiring.runner,
      events: wiring.events,
      actor: LIVE_DEMO_ACTOR,
      pid: process.pid,
      imageReference: wiring.imageReference
    }));
  const starter = createLiveDemoStarter({
    events: wiring.events,
    ports: wiring.ports,
    prepare: async (service) => ({
      engine: wiring.containers,
      repository: createLiveDemoRepository(service.repoPath, wiring.worktrees),
      store: wiring.store,
      releases: {
        ...orchestrator(),
        servingDigest: async (name, environment, signal) => (await wiring.runner.readState(name, environment, signal)).servingDigest
      }
    })
  });
  return {
    ...starter,
    async close() {
      await starter.close();
      await releases?.close();
    }
  };
}
