/**
 * Canary analysis for real, through the core's calls: Debian's Prometheus scrapes every second the
 * instances Shipdeck lists in its scrape targets folder, the instances are the metrics server (its error
 * rate and latency set by its version), nginx splits a steady load between stable and canary. A good
 * canary is judged at 50 % and promoted to 100 %; a canary with 5 % errors fails its analysis before the
 * window ends and is rolled back automatically, the verdict's reason recorded — and both analyses can be
 * read back from the records.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CallInput, CallName, CallOutput } from '../../../shared/contract';
import type { Release } from '../../../shared/domain/releases';
import { scrapeTargetsFile, scrapeTargetsFolder } from '../../adapters/prometheus/file-scrape-targets';
import { findNginxBinary } from '../../adapters/router/nginx-router';
import { openReleaseStore } from '../../adapters/store/sqlite-release-store';
import { createLocalConnection, type CoreConnection } from '../../api/connection';
import { invoke } from '../../cli/invoke';
import { createCore } from '../../core';
import { requireComponent } from '../../testing/components';
import { dockerAnswers } from '../../testing/docker-fixtures';
import { startLoad, type RunningLoad } from '../../testing/load-generator';
import { buildMetricsServerImage, ERRORING_VERSION, GOOD_VERSION, removeMetricsServerImage, type MetricsServerBehaviour } from '../../testing/metrics-server-image';
import { freePort, removeServiceLeftovers } from '../../testing/release-fixture';
import { prometheusInstalled, startTestPrometheus, type TestPrometheus } from '../../testing/test-prometheus';

const VERSIONS: readonly (readonly [string, MetricsServerBehaviour])[] = [
  ['1.0.0', GOOD_VERSION],
  ['2.0.0', GOOD_VERSION],
  ['3.0.0', ERRORING_VERSION]
];
const WINDOW_SECONDS = 30;

interface World {
  readonly root: string;
  readonly dataDir: string;
  readonly service: string;
  readonly digests: Readonly<Record<string, string>>;
  readonly images: readonly string[];
  readonly core: CoreConnection;
  readonly prometheus: TestPrometheus;
}

let world: World | null = null;
let load: RunningLoad | null = null;

const git = (cwd: string, args: readonly string[]) =>
  execFileSync('git', args, { cwd, encoding: 'utf8', env: { ...process.env, GIT_AUTHOR_NAME: 'Test', GIT_AUTHOR_EMAIL: 't@example.com', GIT_COMMITTER_NAME: 'Test', GIT_COMMITTER_EMAIL: 't@example.com' } }).trim();

const call = <N extends CallName>(name: N, input: CallInput<N>): Promise<CallOutput<N>> => invoke((world as World).core, name, input);

async function settle(id: number, timeoutMs = 60_000): Promise<Release> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const release = await call('releases.get', { deploymentId: id });
    if (['succeeded', 'failed', 'rolled-back', 'interrupted'].includes(release.status) || release.phase === 'paused') return release;
    if (Date.now() > deadline) throw new Error(`release #${id} did not settle: ${release.status} / ${release.phase}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

/** Why a release stopped, for a failed expectation to say. */
async function story(id: number): Promise<string> {
  const detail = await call('releases.get', { deploymentId: id });
  return detail.events.map((event) => `${event.phase}: ${event.detail ?? ''}`).join('\n');
}

async function setUp(): Promise<World> {
  const service = `ana-${process.pid}-${Math.random().toString(36).slice(2, 7)}`;
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'shipdeck-analysis-'));
  const dataDir = path.join(root, 'data');
  const repoPath = path.join(root, 'repo');
  fs.mkdirSync(repoPath, { recursive: true });
  git(repoPath, ['init', '-q', '-b', 'main']);
  const commits: string[] = [];
  for (const [version] of VERSIONS) {
    fs.writeFileSync(path.join(repoPath, 'VERSION'), `${version}\n`);
    git(repoPath, ['add', '-A']);
    git(repoPath, ['commit', '-q', '-m', `Release ${version}`]);
    commits.push(git(repoPath, ['rev-parse', 'HEAD']));
  }
  const handlers = createCore({ dataDir, mode: 'browser', version: 'test', liveDemo: false });
  const core = createLocalConnection(handlers.handlers, () => handlers.close());
  await invoke(core, 'services.add', { name: service, repoPath });

  const digests: Record<string, string> = {};
  const images: string[] = [];
  const store = openReleaseStore(dataDir);
  try {
    for (const [index, [version, behaviour]] of VERSIONS.entries()) {
      const image = await buildMetricsServerImage(version, behaviour, `shipdeck-test/${service}`);
      images.push(image.reference);
      digests[version] = image.imageId;
      await store.artifacts.recordArtifact({ service, imageRepository: `shipdeck-test/${service}`, digest: image.imageId, commitSha: commits[index] ?? '', version, pipelineRunId: null, commitSubject: `Release ${version}` });
    }
  } finally {
    store.close();
  }
  const prometheus = await startTestPrometheus({ dir: path.join(root, 'prometheus'), targetsFolder: scrapeTargetsFolder(dataDir), scrapeIntervalSeconds: 1 });
  return { root, dataDir, service, digests, images, core, prometheus };
}

describe('canary analysis with Prometheus, Docker and nginx', () => {
  beforeAll(async () => {
    const available =
      (await requireComponent('docker', dockerAnswers)) &&
      (await requireComponent('nginx', async () => findNginxBinary() !== null)) &&
      (await requireComponent('prometheus', prometheusInstalled));
    if (available) world = await setUp();
  }, 120_000);

  afterAll(async () => {
    await load?.stop();
    if (!world) return;
    await world.core.close().catch(() => undefined);
    await world.prometheus.stop();
    removeServiceLeftovers(world.service, world.dataDir);
    for (const image of world.images) await removeMetricsServerImage(image);
    fs.rmSync(world.root, { recursive: true, force: true });
  }, 60_000);

  it('promotes a good canary after its analysis passes, and rolls a canary with 5 % errors back automatically with the verdict’s reason', async (ctx) => {
    if (!world) return ctx.skip();
    const { service, digests, prometheus } = world;
    const port = await freePort();
    expect((await call('settings.setPrometheus', { url: prometheus.url, scrapeIntervalSeconds: 1 })).prometheus).toMatchObject({ url: prometheus.url, scrapeIntervalSeconds: 1, targetsFolder: scrapeTargetsFolder(world.dataDir) });
    await call('environments.configure', {
      service,
      environment: 'dev',
      publicPort: port,
      instances: 2,
      strategy: 'canary',
      canarySteps: [50, 100],
      analysisWindowSeconds: WINDOW_SECONDS,
      healthTimeoutSeconds: 20
    });

    // The first release has no stable to compare with: it starts the full set.
    const first = await call('releases.deploy', { service, environment: 'dev', digest: digests['1.0.0'] ?? '' });
    expect((await settle(first.id)).status).toBe('succeeded');
    load = startLoad({ url: `http://127.0.0.1:${port}/`, requestsPerSecond: 50, maxSeconds: 85 });

    // A good canary: judged over its window at 50 %, then promoted.
    const good = await call('releases.deploy', { service, environment: 'dev', digest: digests['2.0.0'] ?? '' });
    const promoted = await settle(good.id, 90_000);
    expect(promoted.status, await story(good.id)).toBe('succeeded');
    const goodDetail = await call('releases.get', { deploymentId: good.id });
    expect(goodDetail.events.filter((event) => event.canaryVerdict !== null).map((event) => [event.phase, event.canaryVerdict, event.weight])).toEqual([['continued', 'pass', 50]]);
    const goodAnalysis = await call('analysis.get', { deploymentId: good.id });
    expect(goodAnalysis.steps).toEqual([expect.objectContaining({ step: 1, weight: 50, verdict: expect.objectContaining({ verdict: 'pass' }) })]);
    const goodStep = goodAnalysis.steps[0];
    expect((goodStep?.endedAt ?? 0) - (goodStep?.startedAt ?? 0)).toBeGreaterThanOrEqual(WINDOW_SECONDS);
    const errorRate = goodAnalysis.metrics.find((metric) => metric.name === 'error-rate');
    expect(errorRate?.canary.points.length).toBeGreaterThanOrEqual(10);
    expect(errorRate?.rendered.canary).toContain(`service="${service}",environment="dev",role="canary"`);
    // Prometheus is told where the instances are: now the promoted version's, as the baseline.
    const targets = JSON.parse(fs.readFileSync(scrapeTargetsFile(world.dataDir, service, 'dev'), 'utf8')) as { labels: Record<string, string> }[];
    expect(targets.map((target) => [target.labels['version'], target.labels['role']])).toEqual([
      ['2.0.0', 'baseline'],
      ['2.0.0', 'baseline']
    ]);

    // A canary with ten times the errors: the sequential test fails it before the window ends.
    const bad = await call('releases.deploy', { service, environment: 'dev', digest: digests['3.0.0'] ?? '' });
    const aborted = await settle(bad.id, 90_000);
    expect(aborted, await story(bad.id)).toMatchObject({ status: 'rolled-back', phase: 'aborted', weight: 0 });
    const badDetail = await call('releases.get', { deploymentId: bad.id });
    const failed = badDetail.events.find((event) => event.canaryVerdict === 'fail');
    expect(failed).toMatchObject({ phase: 'aborted', weight: 50, actor: null });
    const badAnalysis = await call('analysis.get', { deploymentId: bad.id });
    const badStep = badAnalysis.steps[0];
    expect(badStep?.verdict?.verdict).toBe('fail');
    expect((badStep?.endedAt ?? Number.POSITIVE_INFINITY) - (badStep?.startedAt ?? 0)).toBeLessThan(WINDOW_SECONDS);

    // The automatic rollback: its own record, the verdict's sentence as its reason, no hold.
    let rollback: Release | undefined;
    for (const deadline = Date.now() + 30_000; !rollback && Date.now() < deadline; ) {
      rollback = (await call('releases.list', { service, environment: 'dev', limit: 5 })).find((release) => release.rollbackOfId === bad.id);
      if (!rollback) await new Promise((resolve) => setTimeout(resolve, 200));
    }
    expect(rollback).toMatchObject({ trigger: 'automatic-rollback', digest: digests['2.0.0'], reason: badStep?.verdict?.reason });
    expect((await settle(rollback?.id ?? 0)).status).toBe('succeeded');
    expect(failed?.detail).toContain(badStep?.verdict?.reason ?? 'no reason');
    expect((await call('analysis.get', { deploymentId: bad.id })).automaticRollback).toEqual({ deploymentId: rollback?.id, reason: badStep?.verdict?.reason });
    const board = await call('releases.board', {});
    const dev = board.services.find((entry) => entry.service === service)?.environments.find((entry) => entry.environment === 'dev');
    expect(dev?.hold).toBeNull();
    expect(dev?.current?.digest).toBe(digests['2.0.0']);
    expect((await (await fetch(`http://127.0.0.1:${port}/`)).text()).trim()).toBe('2.0.0');

    const samples = await (load as RunningLoad).stop();
    expect(samples.length).toBeGreaterThan(500);
    expect(samples.every((sample) => sample.status === null || ['1.0.0', '2.0.0', '3.0.0'].includes(sample.body ?? ''))).toBe(true);
  }, 180_000);
});
