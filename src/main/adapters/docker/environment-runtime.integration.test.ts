// The environment runtime on the real Docker engine, with the local version-server test images: an
// instance answers on 127.0.0.1 with its version, health waits pass and fail as a deploy relies on,
// the engine's labels are the record, and what a person does by hand (docker rm -f) is seen.
import { randomBytes } from 'node:crypto';
import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { InstanceSpec } from '../../ports/environment-runtime';
import { requireComponent } from '../../testing/components';
import { dockerAnswers } from '../../testing/docker-fixtures';
import { rejection } from '../../testing/rejection';
import { buildVersionServerImage, removeVersionServerImage, VERSION_SERVER_HEALTH_PATH, type VersionServerImage } from '../../testing/version-server-image';
import { connectEngine, type Engine } from './docker-engine';
import { resolveEngineEndpoint } from './engine-endpoint';
import { createDockerEnvironmentRuntime } from './environment-runtime';
import { INSTANCE_LABELS } from './environment-runtime-labels';

const docker = await requireComponent('docker', dockerAnswers);
// Every container, network and image of this file carries this name: the engine is shared with other runs.
const service = `rt-${process.pid}-${randomBytes(3).toString('hex')}`;
const repository = `shipdeck-test/runtime-${service}`;
const runtime = createDockerEnvironmentRuntime();
let engine: Engine;
let healthy: VersionServerImage;
const images: VersionServerImage[] = [];

function specFor(image: VersionServerImage, overrides: Partial<InstanceSpec> = {}): InstanceSpec {
  return { service, environment: 'dev', role: 'stable', index: 0, imageReference: image.reference, digest: image.imageId, deploymentId: 7, ...overrides };
}

async function build(version: string, options: Parameters<typeof buildVersionServerImage>[1] = {}): Promise<VersionServerImage> {
  const image = await buildVersionServerImage(version, { ...options, repository });
  images.push(image);
  return image;
}

async function get(hostPort: number | null, path: string): Promise<{ status: number; body: string }> {
  const response = await fetch(`http://127.0.0.1:${hostPort ?? 0}${path}`, { signal: AbortSignal.timeout(5_000) });
  return { status: response.status, body: await response.text() };
}

beforeAll(async () => {
  if (!docker) return;
  engine = await connectEngine(resolveEngineEndpoint(process.env.DOCKER_HOST));
  healthy = await build('1.4.2');
});

afterAll(async () => {
  if (!docker) return;
  const containers = await engine.docker.listContainers({ all: true, filters: { label: [`${INSTANCE_LABELS.service}=${service}`] } });
  for (const container of containers) await engine.docker.getContainer(container.Id).remove({ force: true });
  const networks = await engine.docker.listNetworks({ filters: { label: [`${INSTANCE_LABELS.service}=${service}`] } });
  for (const network of networks) await engine.docker.getNetwork(network.Id).remove();
  for (const image of images) await removeVersionServerImage(image.reference);
});

describe.skipIf(!docker)('the Docker environment runtime', () => {
  it('starts an instance on its environment’s network that answers on 127.0.0.1 with its version, on the PORT it was told', async () => {
    await runtime.ping();
    const instance = await runtime.startInstance(specFor(healthy, { env: { PORT: '9999', GREETING: 'hi' } }));
    await runtime.waitHealthy(instance, { healthPath: VERSION_SERVER_HEALTH_PATH, timeoutMs: 10_000 });

    expect(instance).toMatchObject({ service, environment: 'dev', role: 'stable', index: 0, containerPort: 8080, state: 'running', digest: healthy.imageId, deploymentId: 7 });
    expect(instance.name).toMatch(new RegExp(`^shipdeck-${service}-dev-stable-0-[0-9a-f]{4}$`));
    expect(await get(instance.hostPort, '/version')).toEqual({ status: 200, body: '1.4.2' });
    expect(await get(instance.hostPort, '/')).toEqual({ status: 200, body: '1.4.2' });
    expect(await runtime.probe(instance, VERSION_SERVER_HEALTH_PATH, 2_000)).toBe(true);

    const container = await engine.docker.getContainer(instance.id).inspect();
    expect(container.Config.Env).toEqual(expect.arrayContaining(['PORT=8080', 'GREETING=hi']));
    expect(container.Config.Env).not.toContain('PORT=9999');
    expect(container.HostConfig.PortBindings).toEqual({ '8080/tcp': [{ HostIp: '127.0.0.1', HostPort: String(instance.hostPort) }] });
    expect(container.HostConfig.Init).toBe(true);
    expect(container.HostConfig.RestartPolicy?.Name).toBe('unless-stopped');
    expect(Object.keys(container.NetworkSettings.Networks)).toEqual([`shipdeck-${service}-dev`]);
    await runtime.removeInstance(instance.id, 2);
  });

  it('lists what runs by its labels, per environment, and keeps the host port across a restart', async () => {
    const first = await runtime.startInstance(specFor(healthy, { environment: 'staging', role: 'blue', index: 0, deploymentId: 11 }));
    const second = await runtime.startInstance(specFor(healthy, { environment: 'staging', role: 'blue', index: 1, deploymentId: 11 }));
    const other = await runtime.startInstance(specFor(healthy, { environment: 'prod', role: 'green', index: 0, deploymentId: 12 }));

    const staging = await runtime.listInstances(service, 'staging');
    expect(staging.map((instance) => [instance.name, instance.role, instance.index, instance.deploymentId, instance.imageReference, instance.hostPort])).toEqual([
      [first.name, 'blue', 0, 11, healthy.reference, first.hostPort],
      [second.name, 'blue', 1, 11, healthy.reference, second.hostPort]
    ]);
    expect((await runtime.listInstances(service)).map((instance) => instance.id).sort()).toEqual([first.id, second.id, other.id].sort());

    // The router points at 127.0.0.1:hostPort: a restart (a crash, or the engine restarting) must not move it.
    await engine.docker.getContainer(first.id).restart({ t: 0 });
    await runtime.waitHealthy(first, { healthPath: VERSION_SERVER_HEALTH_PATH, timeoutMs: 10_000 });
    const [restarted] = (await runtime.listInstances(service, 'staging')).filter((instance) => instance.id === first.id);
    expect(restarted?.hostPort).toBe(first.hostPort);
    expect(await get(first.hostPort, '/version')).toEqual({ status: 200, body: '1.4.2' });

    for (const instance of [first, second, other]) await runtime.removeInstance(instance.id, 0);
    expect(await runtime.listInstances(service, 'staging')).toEqual([]);
  });

  it('sees a container removed by hand: it leaves the list, and a health wait on it fails naming it', async () => {
    const instance = await runtime.startInstance(specFor(healthy, { environment: 'hand', role: 'canary' }));
    expect((await runtime.listInstances(service, 'hand')).map((item) => item.id)).toEqual([instance.id]);

    await engine.docker.getContainer(instance.id).remove({ force: true }); // docker rm -f
    expect(await runtime.listInstances(service, 'hand')).toEqual([]);
    const error = await rejection(runtime.waitHealthy(instance, { healthPath: VERSION_SERVER_HEALTH_PATH, timeoutMs: 5_000 }));
    expect(error.code).toBe('INSTANCE_UNHEALTHY');
    expect(error.message).toContain(instance.name);
    expect(error.message).toContain('was removed');
    // Already gone is what a remove wants.
    await runtime.removeInstance(instance.id, 0);
  });

  it('fails the health wait of an instance that never answers its health path, ending with its last log lines', async () => {
    const unhealthy = await build('1.4.3', { healthy: false });
    const instance = await runtime.startInstance(specFor(unhealthy, { role: 'canary' }));
    expect(await runtime.probe(instance, VERSION_SERVER_HEALTH_PATH, 2_000)).toBe(false);

    const error = await rejection(runtime.waitHealthy(instance, { healthPath: VERSION_SERVER_HEALTH_PATH, timeoutMs: 1_500 }));
    expect(error.code).toBe('INSTANCE_UNHEALTHY');
    expect(error.message).toContain(instance.name);
    expect(error.message).toContain(`GET http://127.0.0.1:${instance.hostPort}${VERSION_SERVER_HEALTH_PATH}`);
    expect(error.message).toContain('answered 404');
    const logs = error.message.slice(error.message.indexOf('log lines:'));
    expect(logs).toContain('version-server 1.4.3 listening on 0.0.0.0:8080');
    expect(logs).toContain(`health path ${VERSION_SERVER_HEALTH_PATH} is not served`);
    expect(logs.trimEnd().split('\n').length).toBeLessThanOrEqual(21);
    expect(await runtime.lastLogLines(instance.id, 1)).toHaveLength(1);
    await runtime.removeInstance(instance.id, 0);
  });

  it('fails the health wait as soon as the instance exits, without waiting for the timeout', async () => {
    const exits = await build('1.4.4', { exits: true });
    const instance = await runtime.startInstance(specFor(exits, { role: 'canary', index: 1 }));
    // A wait for the whole timeout would outlast the test's own limit.
    const error = await rejection(runtime.waitHealthy(instance, { healthPath: VERSION_SERVER_HEALTH_PATH, timeoutMs: 120_000 }));
    expect(error.code).toBe('INSTANCE_UNHEALTHY');
    expect(error.message).toMatch(/exited \(code 3\)|is exited \(exit code 3\)/);
    expect(error.message).toContain('version-server 1.4.4 exits on purpose');
    await runtime.removeInstance(instance.id, 0);
  }, 20_000);

  it('waits for an instance that gets healthy later, and stops waiting when cancelled', async () => {
    const slow = await build('1.4.5', { healthyAfterMs: 1_000 });
    const instance = await runtime.startInstance(specFor(slow, { environment: 'slow' }));
    await runtime.waitHealthy(instance, { healthPath: VERSION_SERVER_HEALTH_PATH, timeoutMs: 15_000 });
    expect(await runtime.probe(instance, VERSION_SERVER_HEALTH_PATH, 2_000)).toBe(true);

    const unhealthy = await build('1.4.3', { healthy: false });
    const stuck = await runtime.startInstance(specFor(unhealthy, { environment: 'slow', index: 1 }));
    const controller = new AbortController();
    const waiting = rejection(runtime.waitHealthy(stuck, { healthPath: VERSION_SERVER_HEALTH_PATH, timeoutMs: 120_000, signal: controller.signal }));
    setTimeout(() => controller.abort(), 300);
    expect((await waiting).code).toBe('CANCELLED');
    for (const item of [instance, stuck]) await runtime.removeInstance(item.id, 0);
  }, 30_000);

  it('refuses an image that is gone with IMAGE_NOT_FOUND naming it, and leaves no container behind', async () => {
    const pruned = `sha256:${'0'.repeat(64)}`;
    const error = await rejection(runtime.startInstance(specFor(healthy, { environment: 'gone', imageReference: pruned, digest: pruned })));
    expect(error.code).toBe('IMAGE_NOT_FOUND');
    expect(error.message).toContain(pruned);
    expect(error.message).toContain('may have been pruned');

    const unpullable = `127.0.0.1:1/shipdeck-test/missing@sha256:${'1'.repeat(64)}`;
    const pullError = await rejection(runtime.startInstance(specFor(healthy, { environment: 'gone', imageReference: unpullable })));
    expect(pullError.code).toBe('IMAGE_NOT_FOUND');
    expect(pullError.message).toContain(unpullable);

    expect(await runtime.listInstances(service, 'gone')).toEqual([]);
    expect(await runtime.imageExists(pruned)).toBe(false);
    expect(await runtime.imageExists(unpullable)).toBe(false);
    expect(await runtime.imageConfig(pruned)).toBeNull();
  });

  it('reads an image’s presence and container configuration', async () => {
    expect(await runtime.imageExists(healthy.reference)).toBe(true);
    expect(await runtime.imageExists(healthy.imageId)).toBe(true);
    const config = await runtime.imageConfig(healthy.imageId);
    expect(config).toMatchObject({ exposedPorts: ['8080/tcp'], user: '', workingDir: '' });
    expect(config?.env).toContain('VERSION=1.4.2');
    expect(config?.cmd[0]).toBe('sh');
    expect(config?.entrypoint).toEqual([]);
  });

  it('says PORT_IN_USE, naming the port, when the host port it was given is taken, and leaves no container behind', async () => {
    const holder = net.createServer();
    await new Promise<void>((resolve) => holder.listen(0, '127.0.0.1', resolve));
    const taken = (holder.address() as net.AddressInfo).port;
    try {
      const pinned = createDockerEnvironmentRuntime({ pickHostPort: async () => taken });
      const error = await rejection(pinned.startInstance(specFor(healthy, { environment: 'taken' })));
      expect(error.code).toBe('PORT_IN_USE');
      expect(error.message).toContain(`127.0.0.1:${taken}`);
      const left = await engine.docker.listContainers({ all: true, filters: { label: [`${INSTANCE_LABELS.service}=${service}`, `${INSTANCE_LABELS.environment}=taken`] } });
      expect(left).toEqual([]);
    } finally {
      await new Promise((resolve) => holder.close(resolve));
    }
  });

  it('removes an instance once, twice, and when it never existed', async () => {
    const instance = await runtime.startInstance(specFor(healthy, { environment: 'remove' }));
    await runtime.removeInstance(instance.id, 5);
    await runtime.removeInstance(instance.id, 5);
    await runtime.removeInstance('f'.repeat(64));
    expect(await runtime.listInstances(service, 'remove')).toEqual([]);
    expect(await runtime.lastLogLines(instance.id, 20)).toEqual([]);
  });
});
