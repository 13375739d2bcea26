// The live demo over the real SQLite store and the real release orchestrator, with an in-memory strategy
// runner, engine and repository (the Docker half runs in deploy-live-demo.integration.test.ts).
import { afterEach, describe, expect, it } from 'vitest';
import { type ProgressEvent } from '../../../shared/contract';
import type { Service } from '../../../shared/domain/workspace';
import { openReleaseStore } from '../../adapters/store/sqlite-release-store';
import { audit, steppingClock, useTempDirs } from '../../adapters/store/testing/temp-store';
import { createEventBus } from '../../event-bus';
import { createArtifactImages } from '../../features/releases/artifact-images';
import { createReleaseService } from '../../features/releases/release-service';
import type { StrategyRunner } from '../../features/releases/strategies/strategy';
import { fakeStrategyRunner } from '../../features/releases/testing/fake-strategy-runner';
import { DEMO_ENVIRONMENTS, DEMO_SERVICE_NAME } from '../../features/workspace/open-demo';
import type { BuildRequest, ContainersPort } from '../../ports/containers';
import type { EnvironmentRuntimePort } from '../../ports/environment-runtime';
import type { ReleaseStore } from '../../ports/store';
import { PORTABLE_DOCKERFILE, dockerfile } from '../demo-build-files';
import { deployLiveDemo, LIVE_DEMO_ACTOR, type LiveDemoDeps } from './deploy-live-demo';
import type { LiveDemoRepository } from './live-demo-repository';

const tempDir = useTempDirs('shipdeck-live-demo-');
const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

const TIP = 'a'.repeat(40);
const NEXT = 'b'.repeat(40);
/** The live demo's images are local ones (no registry needs to run), as a pipeline records an image it did not push. */
const REPOSITORY = 'shipdeck-local/shop-api';

/** An engine that builds one image ID per commit and version, and keeps what it built. */
function fakeEngine() {
  const images = new Set<string>();
  const builds: BuildRequest[] = [];
  let unreachable: Error | null = null;
  const engine: Pick<ContainersPort, 'ping' | 'buildImage' | 'inspectImage'> = {
    ping: async () => {
      if (unreachable) throw unreachable;
      return { endpoint: 'unix:///fake.sock', version: '20.10.24', apiVersion: '1.41' };
    },
    buildImage: async (request) => {
      builds.push(request);
      const imageId = `sha256:${request.commitSha.slice(0, 8)}${Buffer.from(request.version ?? '').toString('hex').padEnd(56, '0').slice(0, 56)}`;
      images.add(imageId);
      return { imageId, tags: [`${request.repository}:${request.commitSha.slice(0, 7)}`] };
    },
    inspectImage: async (reference) => (images.has(reference) ? { id: reference, repoTags: [], repoDigests: [], created: '2026-03-01T09:00:00Z', sizeBytes: 2_000_000 } : null)
  };
  return {
    engine,
    builds,
    images,
    stop: (error: Error | null) => {
      unreachable = error;
    }
  };
}

function fakeRepository(options: { portable?: boolean } = {}) {
  const checkouts: string[] = [];
  const disposed: string[] = [];
  const liveCommits: { base: string; files: ReadonlyMap<string, string> }[] = [];
  const repository: LiveDemoRepository = {
    tipOfMain: async () => TIP,
    readFile: async (commit, file) => {
      if (commit !== TIP) return null;
      if (file === 'Dockerfile') return options.portable === false ? dockerfile(11, true, true) : PORTABLE_DOCKERFILE;
      if (file === 'www/v1/version.json') return '{"service":"shop-api","version":"1.8.0"}\n';
      return null;
    },
    subject: async (commit) => (commit === TIP ? 'ci: make the pipeline run on any machine with Docker' : 'demo: shop-api 1.9.0-live'),
    liveCommit: async (base, files) => {
      liveCommits.push({ base, files });
      return NEXT;
    },
    checkout: async (commit) => {
      checkouts.push(commit);
      return { path: `/checkouts/${commit.slice(0, 7)}`, dispose: async () => void disposed.push(commit) };
    }
  };
  return { repository, checkouts, disposed, liveCommits };
}

async function world(options: { portable?: boolean; runner?: (runner: StrategyRunner) => StrategyRunner } = {}) {
  const store: ReleaseStore = openReleaseStore(tempDir(), { now: steppingClock() });
  const service = await store.workspace.addService(
    { name: DEMO_SERVICE_NAME, repoPath: '/data/demo/shop-api', imageRepository: '127.0.0.1:5000/shop/api', pipelineFile: '.shipdeck/pipeline.yml', environments: DEMO_ENVIRONMENTS },
    audit('service.add', `service:${DEMO_SERVICE_NAME}`)
  );
  const fake = fakeStrategyRunner();
  const images = createArtifactImages({
    runtime: {} as EnvironmentRuntimePort,
    openRegistry: () => {
      throw new Error('no registry in this test');
    }
  });
  const runner = options.runner ? options.runner(fake) : fake;
  const releases = createReleaseService({
    store,
    runner,
    events: createEventBus(),
    actor: LIVE_DEMO_ACTOR,
    pid: process.pid,
    // The core's rule: a registry artifact runs as repo@digest (pulled), a local one by image ID.
    imageReference: (_service, artifact) => images.imageReference(artifact),
    settledPollMs: 10
  });
  cleanups.push(async () => {
    await releases.close();
    store.close();
  });
  const engine = fakeEngine();
  const repo = fakeRepository(options);
  const progress: ProgressEvent[] = [];
  const deps = (overrides: Partial<LiveDemoDeps> = {}): LiveDemoDeps => ({
    service: store.workspace.findService(DEMO_SERVICE_NAME) ?? service,
    engine: engine.engine,
    repository: repo.repository,
    store,
    releases: { ...releases, servingDigest: async (name, environment) => (await runner.readState(name, environment)).servingDigest },
    onProgress: (step, completed, total) => progress.push({ task: 'demo-live', step, completed, total }),
    ...overrides
  });
  const releasesOf = (environment: string) => store.releases.listReleases(DEMO_SERVICE_NAME, environment, { limit: 50 }).items;
  return { store, fake, engine, repo, progress, deps, releasesOf, service };
}

const versionOf = (store: ReleaseStore, digest: string) => store.artifacts.findArtifact(REPOSITORY, digest)?.version;

describe('deployLiveDemo', () => {
  it('builds the two images, records them, and releases the older through dev, staging and prod before dev moves ahead', async () => {
    const { store, fake, engine, repo, progress, deps, releasesOf } = await world();

    const outcome = await deployLiveDemo(deps());

    expect(outcome.kind).toBe('deployed');
    // Built from clean checkouts of the tip and of the live commit (on the tip, with the newer version).
    expect(engine.builds.map((build) => [build.commitSha, build.version, build.repository])).toEqual([
      [TIP, '1.8.0', REPOSITORY],
      [NEXT, '1.9.0-live', REPOSITORY]
    ]);
    expect(repo.checkouts).toEqual([TIP, NEXT]);
    expect(repo.disposed).toEqual([TIP, NEXT]);
    expect(repo.liveCommits[0]?.base).toBe(TIP);
    expect(repo.liveCommits[0]?.files.get('www/v1/version.json')).toContain('"version":"1.9.0-live"');
    expect(repo.liveCommits[0]?.files.get('www/index.html')).toContain('shop-api 1.9.0-live');
    // The newer build errs ten times as often (5 %), so a canary of it to prod fails its analysis.
    expect(repo.liveCommits[0]?.files.get('behaviour')).toContain('ERRORS_PER_10000=500\n');

    // Recorded as artifacts: digest = the local image ID, with their commits and versions.
    const artifacts = store.artifacts.listArtifacts(DEMO_SERVICE_NAME, { limit: 10 }).items;
    expect(artifacts.map((artifact) => [artifact.version, artifact.commitSha, engine.images.has(artifact.digest)])).toEqual([
      ['1.9.0-live', NEXT, true],
      ['1.8.0', TIP, true]
    ]);

    // dev is one Promote → ahead; staging and prod run the older; prod was approved by the demo actor.
    const [devNewer, devOlder] = releasesOf('dev');
    expect([versionOf(store, devNewer?.digest ?? ''), versionOf(store, devOlder?.digest ?? '')]).toEqual(['1.9.0-live', '1.8.0']);
    const [staging] = releasesOf('staging');
    const [prod] = releasesOf('prod');
    expect([staging?.trigger, staging?.status, versionOf(store, staging?.digest ?? '')]).toEqual(['promotion', 'succeeded', '1.8.0']);
    expect([prod?.trigger, prod?.status, versionOf(store, prod?.digest ?? '')]).toEqual(['promotion', 'succeeded', '1.8.0']);
    expect(store.releases.getRelease(prod?.id ?? 0)?.approvals.map((approval) => [approval.decision, approval.decidedBy])).toEqual([['approved', LIVE_DEMO_ACTOR]]);
    expect(new Set([devNewer, devOlder, staging, prod].map((release) => release?.startedBy))).toEqual(new Set([LIVE_DEMO_ACTOR]));
    expect(outcome.kind === 'deployed' && outcome.releases).toEqual([devOlder?.id, staging?.id, prod?.id, devNewer?.id]);

    // Run by image ID: local images, never pulled from a registry that need not run.
    expect(new Set(fake.runs.map((run) => run.artifact.imageReference))).toEqual(new Set(artifacts.map((artifact) => artifact.digest)));
    // What "really" runs.
    expect(['dev', 'staging', 'prod'].map((environment) => versionOf(store, fake.env(DEMO_SERVICE_NAME, environment).serving ?? ''))).toEqual(['1.9.0-live', '1.8.0', '1.8.0']);

    // The progress line ends complete, saying where to look.
    const last = progress.at(-1);
    expect(last?.completed).toBe(last?.total);
    expect(last?.step).toContain('dev runs 1.9.0-live on http://127.0.0.1:48080/');
    expect(last?.step).toContain('prod runs 1.8.0 on http://127.0.0.1:48082/');
    expect(progress.map((event) => event.step)).toContain('Promoting 1.8.0 to prod (canary, approved by demo:setup)');
    expect(progress.every((event, index) => index === 0 || event.completed >= (progress[index - 1]?.completed ?? 0))).toBe(true);
  });

  it('does nothing on a second open when the images are recorded and every environment runs them', async () => {
    const { engine, deps, releasesOf, progress } = await world();
    await deployLiveDemo(deps());
    const builds = engine.builds.length;
    const recorded = ['dev', 'staging', 'prod'].map((environment) => releasesOf(environment).length);

    const again = await deployLiveDemo(deps());

    expect(again.kind).toBe('already-live');
    expect(engine.builds).toHaveLength(builds);
    expect(['dev', 'staging', 'prod'].map((environment) => releasesOf(environment).length)).toEqual(recorded);
    expect(progress.at(-1)?.step).toMatch(/^The live demo runs: dev runs 1\.9\.0-live/);
  });

  it('without a Docker engine builds nothing and releases nothing: the recorded history stands', async () => {
    const { store, engine, deps, releasesOf, progress } = await world();
    engine.stop(new Error('connect ENOENT /var/run/docker.sock'));

    const outcome = await deployLiveDemo(deps());

    expect(outcome.kind).toBe('no-engine');
    expect(engine.builds).toEqual([]);
    expect(store.artifacts.listArtifacts(DEMO_SERVICE_NAME, { limit: 10 }).items).toEqual([]);
    expect(releasesOf('dev')).toEqual([]);
    expect(progress.at(-1)?.step).toContain('No Docker engine answers (connect ENOENT /var/run/docker.sock)');
  });

  it('reports a taken port in the progress, stops there, and goes on from there at the next open', async () => {
    const portTaken =
      'Port 48082 on 127.0.0.1 is already taken by another program, so the router of shop-api/prod cannot listen there.';
    let blocked = true;
    const { store, fake, deps, releasesOf, progress } = await world({
      runner: (runner) => ({
        ...runner,
        run: (run) => {
          if (blocked && run.environment === 'prod') fake.failNext(portTaken);
          return runner.run(run);
        }
      })
    });

    const outcome = await deployLiveDemo(deps());

    expect(outcome.kind).toBe('failed');
    expect(outcome.detail).toContain(portTaken);
    expect(progress.at(-1)?.step).toContain(portTaken);
    expect(releasesOf('prod')[0]?.status).toBe('failed');
    // Stopped there: dev still runs the older image, the newer never went out.
    expect(releasesOf('dev')).toHaveLength(1);
    expect(versionOf(store, fake.env(DEMO_SERVICE_NAME, 'dev').serving ?? '')).toBe('1.8.0');

    blocked = false;
    const next = await deployLiveDemo(deps());
    expect(next.kind).toBe('deployed');
    expect(releasesOf('staging')).toHaveLength(1);
    expect(releasesOf('prod').map((release) => release.status)).toEqual(['succeeded', 'failed']);
    expect(versionOf(store, fake.env(DEMO_SERVICE_NAME, 'dev').serving ?? '')).toBe('1.9.0-live');
  });

  it('sets the public ports it is given before releasing (as demo:setup, audited)', async () => {
    const { store, deps, progress } = await world();

    await deployLiveDemo(deps({ ports: { dev: 18080, staging: 18081, prod: 18082 } }));

    const service = store.workspace.findService(DEMO_SERVICE_NAME) as Service;
    expect(service.environments.map((environment) => environment.settings.publicPort)).toEqual([18080, 18081, 18082]);
    expect(store.releases.listReleases(DEMO_SERVICE_NAME, 'prod', { limit: 1 }).items[0]?.settings?.publicPort).toBe(18082);
    expect(store.audit.list(20).filter((entry) => entry.action === 'environment.configured').map((entry) => entry.actor)).toEqual([LIVE_DEMO_ACTOR, LIVE_DEMO_ACTOR, LIVE_DEMO_ACTOR]);
    expect(progress.at(-1)?.step).toContain('dev runs 1.9.0-live on http://127.0.0.1:18080/');
  });

  it('continues a canary at its gates when prod already serves another version', async () => {
    const { store, fake, deps, releasesOf } = await world();
    // prod serves something (a version from before): the canary pauses at 5, 25 and 50 %.
    fake.env(DEMO_SERVICE_NAME, 'prod').serving = 'sha256:' + 'c'.repeat(64);

    const outcome = await deployLiveDemo(deps());

    expect(outcome.kind).toBe('deployed');
    const prod = releasesOf('prod')[0];
    const events = store.releases.getRelease(prod?.id ?? 0)?.events ?? [];
    expect(events.filter((event) => event.phase === 'continued').map((event) => [event.weight, event.actor])).toEqual([
      [5, LIVE_DEMO_ACTOR],
      [25, LIVE_DEMO_ACTOR],
      [50, LIVE_DEMO_ACTOR]
    ]);
    expect(prod?.status).toBe('succeeded');
  });

  it('does not cut into a release that waits for a person', async () => {
    const { store, engine, deps } = await world();
    await deployLiveDemo(deps());
    const builds = engine.builds.length;
    const older = store.releases.currentRelease(DEMO_SERVICE_NAME, 'staging')?.digest ?? '';
    // Someone asked to promote to prod; it waits for an approval.
    const waiting = await createReleaseService({ store, runner: fakeStrategyRunner(), events: createEventBus(), actor: 'newcomer', pid: process.pid, imageReference: (_s, a) => a.digest }).deploy({
      service: DEMO_SERVICE_NAME,
      environment: 'prod',
      digest: older
    });
    expect(waiting.status).toBe('pending-approval');

    const outcome = await deployLiveDemo(deps());

    expect(outcome.kind).toBe('busy');
    expect(outcome.detail).toContain(`prod (#${waiting.id}, pending-approval)`);
    expect(engine.builds).toHaveLength(builds);
  });

  it('leaves a demo repository whose tip cannot build offline to its recorded history', async () => {
    const { engine, deps, releasesOf } = await world({ portable: false });

    const outcome = await deployLiveDemo(deps());

    expect(outcome.kind).toBe('not-buildable');
    expect(engine.builds).toEqual([]);
    expect(releasesOf('dev')).toEqual([]);
  });
});
