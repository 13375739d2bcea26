// The board and the pre-flight against the real Docker engine: real instances of the local version-server
// images, probed on their health path; one removed by hand; one whose image does not answer its health
// path; the container configuration of two real images compared. nginx and the strategies' read-back are
// stood in for (the read-back lists the engine's instances and routes to all of them).
import { randomBytes } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDockerEnvironmentRuntime } from '../../adapters/docker/environment-runtime';
import type { Instance } from '../../ports/environment-runtime';
import { requireComponent } from '../../testing/components';
import { dockerAnswers } from '../../testing/docker-fixtures';
import { buildVersionServerImage, removeVersionServerImage, type VersionServerImage } from '../../testing/version-server-image';
import { createReleaseViews } from './release-views';
import type { EnvironmentState } from './strategies/strategy';
import { routeTo, useViewsWorld } from './testing/views-fixture';

const docker = await requireComponent('docker', dockerAnswers);
// Everything this file creates carries this name: the engine is shared with other runs.
const service = `views-${process.pid}-${randomBytes(3).toString('hex')}`;
const repository = `shipdeck-test/${service}`;
const runtime = createDockerEnvironmentRuntime();
const world = useViewsWorld({ service });
const images: VersionServerImage[] = [];
const started: Instance[] = [];

beforeAll(async () => {
  if (!docker) return;
  images.push(await buildVersionServerImage('1.0.0', { repository }), await buildVersionServerImage('1.1.0', { repository }), await buildVersionServerImage('1.2.0', { repository, healthy: false }));
}, 120_000);

afterAll(async () => {
  for (const instance of started) await runtime.removeInstance(instance.id, 1).catch(() => undefined);
  const networks = docker ? execFileSync('docker', ['network', 'ls', '-q', '--filter', `name=shipdeck-${service}-`], { encoding: 'utf8' }) : '';
  for (const network of networks.split('\n').filter(Boolean)) execFileSync('docker', ['network', 'rm', network], { stdio: 'ignore' });
  for (const image of images) await removeVersionServerImage(image.reference);
});

describe.skipIf(!docker)('release views on the real Docker engine', () => {
  it('probes real instances, and shows a container removed by hand and an instance that does not answer', async () => {
    const [v1, v2, broken] = images;
    if (!v1 || !v2 || !broken) throw new Error('images not built');
    const w = await world([
      { version: '1.0.0', digest: v1.imageId },
      { version: '1.1.0', digest: v2.imageId },
      { version: '1.2.0', digest: broken.imageId }
    ]);
    const environment = 'dev';
    const current = await w.ship(environment, '1.1.0', { settings: { instances: 2 } });
    const start = async (image: VersionServerImage, index: number) => {
      const instance = await runtime.startInstance({ service, environment, role: 'stable', index, imageReference: image.imageId, digest: image.imageId, deploymentId: current.id });
      started.push(instance);
      return instance;
    };
    const first = await start(v2, 0);
    const second = await start(v2, 1);
    await runtime.waitHealthy(first, { healthPath: '/healthz', timeoutMs: 15_000 });
    await runtime.waitHealthy(second, { healthPath: '/healthz', timeoutMs: 15_000 });

    const readState = async (_service: string, name: string, signal?: AbortSignal): Promise<EnvironmentState> => {
      const instances = await runtime.listInstances(service, name, signal);
      const routed = [first, second];
      const running = new Set(instances.filter((instance) => instance.state === 'running').map((instance) => instance.name));
      return {
        instances,
        route: routeTo('dev', routed, service),
        servingDigest: v2.imageId,
        canary: null,
        idle: null,
        shadow: null,
        problems: routed.filter((instance) => !running.has(instance.name)).map((instance) => `nginx sends traffic to ${instance.name}, which is not running.`)
      };
    };
    const views = createReleaseViews({ ...w.deps, runtime, readState, liveTimeoutMs: 10_000 });
    const cellOf = async () => (await views.board()).services[0]?.environments.find((status) => status.environment === environment);

    expect(await cellOf()).toMatchObject({ health: 'healthy', drift: { kind: 'none' } });

    execFileSync('docker', ['rm', '-f', second.id], { stdio: 'ignore' });
    const afterRemoval = await cellOf();
    expect(afterRemoval?.health).toBe('degraded');
    expect(afterRemoval?.drift).toEqual({
      kind: 'drift',
      reasons: ['1 of 2 instances of 1.1.0 are running: 1 was removed or stopped.', `nginx sends traffic to ${second.name}, which is not running.`]
    });

    const silent = await start(broken, 2);
    const withSilent = await cellOf();
    expect(withSilent?.instances.find((instance) => instance.name === silent.name)).toMatchObject({ healthy: false, digest: broken.imageId });
    expect(withSilent?.healthDetail).toContain('1 of 2 running instances do not answer /healthz.');
  }, 60_000);

  it("compares the two images' container configuration in the pre-flight", async () => {
    const [v1, v2] = images;
    if (!v1 || !v2) throw new Error('images not built');
    const w = await world([
      { version: '1.0.0', digest: v1.imageId },
      { version: '1.1.0', digest: v2.imageId }
    ]);
    await w.ship('prod', '1.0.0');
    await w.ship('prod', '1.1.0');
    const preflight = await createReleaseViews({ ...w.deps, runtime, checkTimeoutMs: 10_000 }).preflight({ service, environment: 'prod' });
    expect(preflight.checks.find((check) => check.id === 'target')).toMatchObject({ status: 'ok' });
    expect(preflight.containerDiff.map((change) => change.setting)).toEqual(['env VERSION', 'command']);
    expect(preflight.containerDiff[0]).toEqual({ setting: 'env VERSION', from: '1.1.0', to: '1.0.0' });
  }, 60_000);
});
