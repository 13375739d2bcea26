/**
 * For the release views' tests: a real SQLite store and a real git repository (one commit per version,
 * migrations as the test writes them), with the engine, nginx, the strategies' read-back and the registry
 * replaced by fakes the test sets up per environment.
 */
import path from 'node:path';
import { afterEach } from 'vitest';
import { DEFAULT_ENVIRONMENT_SETTINGS, type EnvironmentSettings, type ReleaseStrategy } from '../../../../shared/domain/environment-settings';
import type { Release, ReleaseTrigger } from '../../../../shared/domain/releases';
import { AppError } from '../../../../shared/result';
import { createGitPort } from '../../../adapters/git/simple-git-adapter';
import { makeTempDir, removeDir, TempRepository } from '../../../adapters/git/testing/temp-repository';
import { openReleaseStore, type SqliteReleaseStore } from '../../../adapters/store/sqlite-release-store';
import { steppingClock } from '../../../adapters/store/testing/temp-store';
import type { EnvironmentRuntimePort, ImageConfigSummary, Instance, InstanceRole } from '../../../ports/environment-runtime';
import type { RouteConfig, RouterStatus, TrafficRouterPort } from '../../../ports/traffic-router';
import type { ArtifactPresence, ReleaseViewsDeps } from '../release-views-deps';
import type { EnvironmentState } from '../strategies/strategy';

export const SERVICE = 'shop-api';
export const ENVIRONMENTS = ['dev', 'staging', 'prod'] as const;
export type EnvironmentName = (typeof ENVIRONMENTS)[number];

export interface VersionSpec {
  readonly version: string;
  /** Files added or changed by this version's commit (e.g. migrations). */
  readonly files?: Readonly<Record<string, string>>;
  /** The artifact's digest: a real local image's ID for tests against the engine; made up when absent. */
  readonly digest?: string;
}

export interface VersionFacts {
  readonly version: string;
  readonly digest: string;
  readonly commitSha: string;
  readonly artifactId: number;
}

/** What the fake engine and nginx say about one environment. */
export interface LiveFake {
  instances: Instance[];
  /** Instance ids that do not answer their health path. */
  unhealthy: Set<string>;
  route: RouteConfig | null;
  routerRunning: boolean;
  problems: string[];
  /** readState rejects with this (the engine stopped); listInstances too when `engineDown`. */
  readStateError: Error | null;
}

export interface ViewsWorld {
  /** The service's name (SERVICE unless the test gave its own). */
  readonly service: string;
  readonly store: SqliteReleaseStore;
  readonly repo: TempRepository;
  readonly versions: readonly VersionFacts[];
  readonly deps: ReleaseViewsDeps;
  readonly live: Record<EnvironmentName, LiveFake>;
  /** Every engine call rejects TARGET_UNREACHABLE. */
  engineDown: boolean;
  /** Engine calls never answer (a hung engine). */
  engineHangs: boolean;
  /** By digest: what the registry says. Absent: exists in "the local Docker engine". */
  readonly presence: Map<string, ArtifactPresence>;
  /** By image reference: the image's configuration (absent: the image is not in the engine). */
  readonly imageConfigs: Map<string, ImageConfigSummary>;
  version(name: string): VersionFacts;
  /** Records a release that went all the way (or the status given), returning it. */
  ship(environment: EnvironmentName, version: string, options?: ShipOptions): Promise<Release>;
  /** Running instances of a version, as a release leaves them, with nginx routing to them. */
  runs(environment: EnvironmentName, version: string, count: number, options?: { readonly role?: InstanceRole }): Instance[];
}

export interface ShipOptions {
  readonly strategy?: ReleaseStrategy;
  readonly trigger?: ReleaseTrigger;
  readonly rollbackOfId?: number | null;
  readonly reason?: string | null;
  readonly settings?: Partial<EnvironmentSettings>;
  readonly startedBy?: string;
  /** Leave it at this status instead of succeeded. */
  readonly endAt?: 'in-progress' | 'pending-approval' | 'failed' | 'interrupted';
}

const PORTS: Record<EnvironmentName, number> = { dev: 18001, staging: 18002, prod: 18003 };

const emptyLive = (): LiveFake => ({ instances: [], unhealthy: new Set(), route: null, routerRunning: true, problems: [], readStateError: null });

export const defaultImageConfig = (patch: Partial<ImageConfigSummary> = {}): ImageConfigSummary => ({
  env: ['PATH=/bin'],
  cmd: ['/bin/server'],
  entrypoint: [],
  exposedPorts: [],
  user: '',
  workingDir: '/',
  ...patch
});

/** A world per test (removed after it). Tests on the shared Docker engine give a service name of their own. */
export function useViewsWorld(options: { readonly service?: string } = {}): (versions: readonly VersionSpec[]) => Promise<ViewsWorld> {
  const service = options.service ?? SERVICE;
  const cleanups: (() => void)[] = [];
  afterEach(() => cleanups.splice(0).forEach((cleanup) => cleanup()));
  return async (specs) => {
    const root = makeTempDir('shipdeck-views-');
    const store = openReleaseStore(path.join(root, 'data'), { now: steppingClock(), dailyBackup: false });
    cleanups.push(() => {
      store.close();
      removeDir(root);
    });
    const repo = TempRepository.init(path.join(root, 'repo'));
    await store.workspace.addService(
      {
        name: service,
        repoPath: repo.dir,
        imageRepository: null,
        pipelineFile: '.shipdeck/pipeline.yml',
        environments: ENVIRONMENTS.map((name) => ({ name, targetKind: 'docker' as const, requiresApproval: name === 'prod' }))
      },
      { actor: 'tester', action: 'service.add', subject: `service:${service}`, details: {} }
    );
    for (const name of ENVIRONMENTS) {
      await store.releases.configureEnvironment(service, name, { settings: { publicPort: PORTS[name] } }, { actor: 'tester', action: 'environment.configure', subject: `environment:${service}/${name}`, details: {} });
    }

    const versions: VersionFacts[] = [];
    for (const [index, spec] of specs.entries()) {
      repo.write('VERSION', `${spec.version}\n`);
      for (const [file, content] of Object.entries(spec.files ?? {})) repo.write(file, content);
      const commitSha = repo.commitAll(`Release ${spec.version}`);
      const digest = spec.digest ?? `sha256:${(index + 1).toString(16).padStart(64, 'a')}`;
      const artifact = await store.artifacts.recordArtifact({ service: service, imageRepository: `shipdeck-local/${service}`, digest, commitSha, version: spec.version, pipelineRunId: null, commitSubject: `Release ${spec.version}` });
      versions.push({ version: spec.version, digest, commitSha, artifactId: artifact.id });
    }

    const live = { dev: emptyLive(), staging: emptyLive(), prod: emptyLive() };
    const presence = new Map<string, ArtifactPresence>();
    const imageConfigs = new Map<string, ImageConfigSummary>(versions.map((facts) => [facts.digest, defaultImageConfig()]));
    const liveOf = (environment: string): LiveFake => live[environment as EnvironmentName];
    const hangs = new Promise<never>(() => undefined);

    const engine = async <T>(answer: () => T): Promise<T> => {
      if (world.engineHangs) return hangs;
      if (world.engineDown) throw new AppError('TARGET_UNREACHABLE', 'No Docker engine answers at /var/run/docker.sock.', 'Start Docker.');
      return answer();
    };

    const runtime: EnvironmentRuntimePort = {
      ping: () => engine(() => undefined),
      imageExists: (reference) => engine(() => imageConfigs.has(reference)),
      imageConfig: (reference) => engine(() => imageConfigs.get(reference) ?? null),
      startInstance: () => Promise.reject(new Error('the views never start instances')),
      waitHealthy: () => Promise.reject(new Error('the views never wait')),
      probe: (instance) => engine(() => !liveOf(instance.environment).unhealthy.has(instance.id)),
      removeInstance: () => Promise.reject(new Error('the views never remove instances')),
      listInstances: (_service, environment) => engine(() => (environment ? liveOf(environment).instances : [])),
      lastLogLines: () => Promise.resolve([])
    };
    const router: TrafficRouterPort = {
      apply: () => Promise.reject(new Error('the views never configure nginx')),
      current: (_service, environment) => Promise.resolve(liveOf(environment).route),
      status: (_service, environment): Promise<RouterStatus> => Promise.resolve({ running: liveOf(environment).routerRunning, kind: 'host', processId: '1', configFile: '/tmp/x.conf' }),
      remove: () => Promise.reject(new Error('the views never remove routers'))
    };
    const readState = (_service: string, environment: string): Promise<EnvironmentState> =>
      engine(() => {
        const fake = liveOf(environment);
        if (fake.readStateError) throw fake.readStateError;
        const stable = fake.instances.filter((instance) => instance.role === 'stable' && instance.state === 'running');
        return {
          instances: fake.instances,
          route: fake.route,
          servingDigest: fake.route === null ? null : (stable[0]?.digest ?? null),
          canary: null,
          idle: null,
          shadow: null,
          problems: fake.problems
        };
      });

    const deps: ReleaseViewsDeps = {
      store,
      git: createGitPort(),
      runtime,
      router,
      readState,
      artifactExists: (_service, digest) => engine(() => presence.get(digest) ?? { exists: true, where: 'the local Docker engine', pruned: false }),
      clock: () => new Date('2026-03-02T12:00:00.000Z'),
      liveTimeoutMs: 300,
      checkTimeoutMs: 300
    };
    const world: ViewsWorld = {
      service,
      store,
      repo,
      versions,
      live,
      engineDown: false,
      engineHangs: false,
      presence,
      imageConfigs,
      deps,
      version: (name) => {
        const found = versions.find((facts) => facts.version === name);
        if (!found) throw new Error(`no version ${name}`);
        return found;
      },
      ship: async (environment, version, options = {}) => {
        const facts = world.version(version);
        const current = store.releases.currentRelease(service, environment);
        const waits = options.endAt === 'pending-approval';
        const started = await store.releases.startRelease({
          service: service,
          environment,
          digest: facts.digest,
          previousDigest: current?.digest ?? null,
          strategy: options.strategy ?? 'rolling',
          trigger: options.trigger ?? 'manual',
          startedBy: options.startedBy ?? 'alice',
          rollbackOfId: options.rollbackOfId ?? null,
          reason: options.reason ?? null,
          overrideReason: null,
          settings: { ...DEFAULT_ENVIRONMENT_SETTINGS, publicPort: PORTS[environment], ...options.settings },
          status: waits ? 'pending-approval' : 'in-progress',
          pid: waits ? null : process.pid
        });
        if (options.endAt === undefined) await store.releases.appendReleaseEvent(started.id, { status: 'succeeded', phase: 'completed', detail: 'all instances healthy' });
        if (options.endAt === 'failed') await store.releases.appendReleaseEvent(started.id, { status: 'failed', phase: 'failed', detail: 'instance never healthy' });
        if (options.endAt === 'interrupted') await store.releases.appendReleaseEvent(started.id, { status: 'interrupted', phase: 'interrupted', detail: 'Shipdeck stopped' });
        return store.releases.getRelease(started.id) as Release;
      },
      runs: (environment, version, count, options = {}) => {
        const facts = world.version(version);
        const role = options.role ?? 'stable';
        return Array.from({ length: count }, (_, index) => ({
          id: `${environment}-${role}-${version}-${index}`,
          name: `shipdeck-${service}-${environment}-${role}-${index}`,
          service: service,
          environment,
          role,
          index,
          digest: facts.digest,
          imageReference: facts.digest,
          deploymentId: 1,
          containerPort: 8080,
          hostPort: 30000 + index,
          networkAddress: `shipdeck-${service}-${environment}-${role}-${index}:8080`,
          state: 'running' as const,
          startedAt: '2026-03-01T09:00:00.000Z'
        }));
      }
    };

    return world;
  };
}

/** nginx routing all traffic to these instances (the stable pool). */
export function routeTo(environment: EnvironmentName, instances: readonly Instance[], service = SERVICE): RouteConfig {
  return {
    service,
    environment,
    publicPort: PORTS[environment],
    pools: [{ name: 'stable', servers: instances.map((instance) => ({ instanceName: instance.name, hostPort: instance.hostPort ?? 0, networkAddress: instance.networkAddress })) }],
    weights: { stable: 100 },
    sticky: null,
    mirror: null,
    deploymentId: null
  };
}
