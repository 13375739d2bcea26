// The strategies on the real Docker engine behind Debian's real nginx, with the local version-server
// images, under a steady HTTP load through nginx on 127.0.0.1 (bounded in rate and time): no request
// fails while instances are replaced, switched or split; weights are honoured within a stated tolerance;
// a sticky user stays on one side; a shadow's responses never reach a client; an instance that never gets
// healthy never gets traffic.
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_ENVIRONMENT_SETTINGS, type EnvironmentSettings, type ReleaseStrategy } from '../../../../shared/domain/environment-settings';
import { createDockerEnvironmentRuntime } from '../../../adapters/docker/environment-runtime';
import { createNginxRouter, findNginxBinary } from '../../../adapters/router/nginx-router';
import type { TrafficRouterPort } from '../../../ports/traffic-router';
import { requireComponent } from '../../../testing/components';
import { dockerAnswers } from '../../../testing/docker-fixtures';
import { failedSamples, startLoad, type LoadSample, type RunningLoad } from '../../../testing/load-generator';
import { buildVersionServerImage, removeVersionServerImage, VERSION_SERVER_HEALTH_PATH, type VersionServerImage } from '../../../testing/version-server-image';
import { createDockerStrategyRunner } from './docker-strategy-runner';
import type { GateDecision, StrategyReport, StrategyRun, StrategyRunner } from './strategy';

const docker = await requireComponent('docker', dockerAnswers);
const nginx = docker && (await requireComponent('nginx', async () => findNginxBinary() !== null));
const run = promisify(execFile);

// Every container, network, image and router of this file carries this name: the engine is shared.
const service = `sr-${process.pid}-${randomBytes(3).toString('hex')}`;
const repository = `shipdeck-test/strategies-${service}`;
const environments: string[] = [];
const runtime = createDockerEnvironmentRuntime();
let dataDir = '';
let router: TrafficRouterPort;
let runner: StrategyRunner;
let v1: VersionServerImage;
let v2: VersionServerImage;
let broken: VersionServerImage;

/** Load on every test: steady, bounded in rate and time. */
const LOAD = { requestsPerSecond: 100, maxSeconds: 90, concurrency: 16 } as const;

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

async function newEnvironment(name: string, overrides: Partial<EnvironmentSettings>): Promise<{ environment: string; settings: EnvironmentSettings; url: string }> {
  environments.push(name);
  const publicPort = await freePort();
  const settings: EnvironmentSettings = { ...DEFAULT_ENVIRONMENT_SETTINGS, publicPort, healthPath: VERSION_SERVER_HEALTH_PATH, healthTimeoutSeconds: 20, ...overrides };
  return { environment: name, settings, url: `http://127.0.0.1:${publicPort}/version` };
}

let deployments = 0;
function releaseOf(
  environment: string,
  strategy: ReleaseStrategy,
  settings: EnvironmentSettings,
  image: VersionServerImage,
  gate: StrategyRun['gate'] = async () => 'continue'
): StrategyRun & { reports: StrategyReport[] } {
  const reports: StrategyReport[] = [];
  return {
    service,
    environment,
    deploymentId: ++deployments,
    strategy,
    settings,
    artifact: { digest: image.imageId, imageReference: image.reference },
    report: async (report) => {
      reports.push(report);
    },
    gate,
    signal: new AbortController().signal,
    reports
  };
}

const versionsOf = (samples: readonly LoadSample[]): Set<string | null> => new Set(samples.map((sample) => sample.body));
const between = (samples: readonly LoadSample[], from: number, to: number): LoadSample[] => samples.filter((sample) => sample.at >= from && sample.at <= to);
const pause = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

async function versionAt(url: string, headers: Record<string, string> = {}): Promise<string> {
  const response = await fetch(url, { headers, signal: AbortSignal.timeout(5_000) });
  return (await response.text()).trim();
}

/** Runs `work` under the steady load; returns what it returned and every sample, with when it ended. */
async function underLoad<T>(url: string, work: (load: RunningLoad) => Promise<T>): Promise<{ result: T; samples: LoadSample[]; endedAt: number }> {
  const load = startLoad({ url, ...LOAD });
  await pause(300);
  const result = await work(load);
  const endedAt = load.now();
  await pause(500);
  const samples = await load.stop();
  return { result, samples, endedAt };
}

beforeAll(async () => {
  if (!nginx) return;
  dataDir = await mkdtemp(path.join(os.tmpdir(), 'shipdeck-strategies-'));
  router = createNginxRouter({ dataDir, runtime: 'host' });
  runner = createDockerStrategyRunner({ runtime, router, drainMs: 1_000 });
  [v1, v2, broken] = await Promise.all([
    buildVersionServerImage('1.0.0', { repository }),
    buildVersionServerImage('2.0.0', { repository }),
    buildVersionServerImage('3.0.0', { repository, healthy: false })
  ]);
}, 180_000);

afterAll(async () => {
  if (!nginx) return;
  for (const environment of environments) await router.remove(service, environment).catch(() => undefined);
  for (const instance of await runtime.listInstances(service).catch(() => [])) await runtime.removeInstance(instance.id, 1).catch(() => undefined);
  const { stdout } = await run('docker', ['network', 'ls', '-q', '--filter', `label=shipdeck.service=${service}`]).catch(() => ({ stdout: '' }));
  for (const id of stdout.split('\n').filter(Boolean)) await run('docker', ['network', 'rm', id]).catch(() => undefined);
  for (const image of [v1, v2, broken]) if (image) await removeVersionServerImage(image.reference);
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
}, 120_000);

describe.skipIf(!nginx)('the Docker strategy runner (real engine, real nginx)', () => {
  it('rolls 4 instances to a new version a batch at a time with no failed request', async () => {
    const { environment, settings, url } = await newEnvironment('rolling', { instances: 4, rollingBatchSize: 1 });
    expect(await runner.run(releaseOf(environment, 'rolling', settings, v1))).toMatchObject({ kind: 'succeeded' });
    expect(await versionAt(url)).toBe('1.0.0');

    const { result, samples, endedAt } = await underLoad(url, () => runner.run(releaseOf(environment, 'rolling', settings, v2)));

    expect(result.kind).toBe('succeeded');
    expect(samples.length).toBeGreaterThan(200);
    expect(failedSamples(samples)).toEqual([]);
    expect(versionsOf(samples)).toEqual(new Set(['1.0.0', '2.0.0']));
    expect(versionsOf(samples.filter((sample) => sample.at > endedAt))).toEqual(new Set(['2.0.0']));
    const state = await runner.readState(service, environment);
    expect(state).toMatchObject({ servingDigest: v2.imageId, problems: [] });
    expect(state.instances).toHaveLength(4);
  }, 120_000);

  it('keeps serving the old version when the new one never gets healthy, with its log lines in the outcome', async () => {
    const { environment, settings, url } = await newEnvironment('unhealthy', { instances: 2, healthTimeoutSeconds: 3 });
    expect(await runner.run(releaseOf(environment, 'rolling', settings, v1))).toMatchObject({ kind: 'succeeded' });

    const { result, samples } = await underLoad(url, () => runner.run(releaseOf(environment, 'rolling', settings, broken)));

    expect(result).toMatchObject({ kind: 'failed', restored: true });
    expect(result.detail).toContain('response:404'); // the container's last log lines
    expect(failedSamples(samples)).toEqual([]);
    expect(versionsOf(samples)).toEqual(new Set(['1.0.0']));
    const state = await runner.readState(service, environment);
    expect(state).toMatchObject({ servingDigest: v1.imageId, problems: [] });
    expect(state.instances.map((instance) => instance.digest)).toEqual([v1.imageId, v1.imageId]);
  }, 120_000);

  it('raises a canary 5 → 25 → 50 → 100 with the weights honoured, sticky users kept on one side, and no failed request', async () => {
    const { environment, settings, url } = await newEnvironment('canary', { instances: 2, canarySteps: [5, 25, 50, 100], sticky: { kind: 'header', name: 'X-User' } });
    expect(await runner.run(releaseOf(environment, 'canary', settings, v1))).toMatchObject({ kind: 'succeeded' });
    const shares = new Map<number, number>();
    const sides = new Map<string, Set<string>>();

    const { result, samples, endedAt } = await underLoad(url, async (load) => {
      const gate = async ({ weight }: { step: number; weight: number }): Promise<GateDecision> => {
        const from = load.now();
        await pause(2_000);
        const window = between(load.samples, from + 100, load.now());
        shares.set(weight, window.filter((sample) => sample.body === '2.0.0').length / window.length);
        if (weight === 50) {
          for (let user = 0; user < 30; user += 1) {
            const seen = sides.get(`u${user}`) ?? new Set<string>();
            for (let i = 0; i < 4; i += 1) seen.add(await versionAt(url, { 'X-User': `u${user}` }));
            sides.set(`u${user}`, seen);
          }
        }
        return 'continue';
      };
      return runner.run(releaseOf(environment, 'canary', settings, v2, gate));
    });

    expect(result.kind).toBe('succeeded');
    expect(failedSamples(samples)).toEqual([]);
    // About 180 requests per step: ±15 points is more than 3 standard deviations at 50 %.
    expect(shares.get(5)).toBeLessThanOrEqual(0.15);
    expect(shares.get(25)).toBeGreaterThanOrEqual(0.1);
    expect(shares.get(25)).toBeLessThanOrEqual(0.4);
    expect(shares.get(50)).toBeGreaterThanOrEqual(0.35);
    expect(shares.get(50)).toBeLessThanOrEqual(0.65);
    expect([...sides.values()].every((seen) => seen.size === 1)).toBe(true);
    expect(new Set([...sides.values()].flatMap((seen) => [...seen]))).toEqual(new Set(['1.0.0', '2.0.0']));
    expect(versionsOf(samples.filter((sample) => sample.at > endedAt))).toEqual(new Set(['2.0.0']));
    expect(await runner.readState(service, environment)).toMatchObject({ servingDigest: v2.imageId, canary: null, problems: [] });
  }, 180_000);

  it('switches blue-green in one reload and back to the idle colour, with no failed request', async () => {
    const { environment, settings, url } = await newEnvironment('bluegreen', { instances: 2, strategy: 'blue-green' });
    expect(await runner.run(releaseOf(environment, 'blue-green', settings, v1))).toMatchObject({ kind: 'succeeded' });

    const deploy = await underLoad(url, () => runner.run(releaseOf(environment, 'blue-green', settings, v2)));
    expect(deploy.result.kind).toBe('succeeded');
    expect(failedSamples(deploy.samples)).toEqual([]);
    expect(versionsOf(deploy.samples.filter((sample) => sample.at > deploy.endedAt))).toEqual(new Set(['2.0.0']));
    expect(await runner.readState(service, environment)).toMatchObject({ servingDigest: v2.imageId, idle: { role: 'blue', digest: v1.imageId }, problems: [] });

    const rollback = await underLoad(url, () => runner.fastRollback(service, environment, settings, v1.imageId, async () => undefined));
    expect(rollback.result).toBe(true);
    expect(failedSamples(rollback.samples)).toEqual([]);
    expect(versionsOf(rollback.samples.filter((sample) => sample.at > rollback.endedAt))).toEqual(new Set(['1.0.0']));
    expect(await runner.readState(service, environment)).toMatchObject({ servingDigest: v1.imageId, idle: { role: 'green', digest: v2.imageId } });

    await runner.removeIdle(service, environment);
    const state = await runner.readState(service, environment);
    expect(state).toMatchObject({ idle: null, problems: [] });
    expect(state.instances.map((instance) => instance.role)).toEqual(['blue', 'blue']);
  }, 180_000);

  it('mirrors requests to a shadow whose responses never reach a client', async () => {
    const { environment, settings, url } = await newEnvironment('shadow', { instances: 1 });
    expect(await runner.run(releaseOf(environment, 'rolling', settings, v1))).toMatchObject({ kind: 'succeeded' });
    let mirrored = false;

    const { result, samples } = await underLoad(url, async () =>
      runner.run(
        releaseOf(environment, 'shadow', settings, v2, async () => {
          mirrored = (await runner.readState(service, environment)).shadow?.digest === v2.imageId;
          await pause(1_500);
          return 'continue';
        })
      )
    );

    expect(result.kind).toBe('succeeded');
    expect(mirrored).toBe(true);
    expect(failedSamples(samples)).toEqual([]);
    expect(versionsOf(samples)).toEqual(new Set(['1.0.0']));
    const state = await runner.readState(service, environment);
    expect(state).toMatchObject({ servingDigest: v1.imageId, shadow: null, problems: [] });
    expect(state.route?.mirror).toBeNull();
  }, 120_000);
});
