// The nginx router against Debian's real nginx, with tiny Node backends on free 127.0.0.1 ports.
import http from 'node:http';
import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { PoolName, RouteConfig, RoutePool } from '../../ports/traffic-router';
import { requireComponent } from '../../testing/components';
import { runCommand } from './run-command';
import { renderNginxConfig } from './nginx-config';
import { createNginxRouter, findNginxBinary, type NginxRouter, type NginxRouterOptions } from './nginx-router';
import { freePort, send, sendMany, startBackend, type Reply, type TestBackend } from './router-test-http';

const nginxBinary = findNginxBinary();
const available = await requireComponent('nginx', async () => nginxBinary !== null);

const SERVICE = 'shop';
let dataDir = '';
let environmentCount = 0;
const backends: TestBackend[] = [];
const opened: { router: NginxRouter; environment: string }[] = [];

function newRouter(options: Partial<NginxRouterOptions> = {}): NginxRouter {
  return createNginxRouter({ dataDir, runtime: 'host', ...options });
}

/** A router on a fresh environment; removed after the test, so no nginx outlives the suite. */
function newEnvironment(options: Partial<NginxRouterOptions> = {}): { router: NginxRouter; environment: string } {
  const environment = `env${++environmentCount}`;
  const entry = { router: newRouter(options), environment };
  opened.push(entry);
  return entry;
}

async function backend(name: string, status = 200): Promise<TestBackend> {
  const started = await startBackend(name, status);
  backends.push(started);
  return started;
}

const pool = (name: PoolName, ...servers: TestBackend[]): RoutePool => ({
  name,
  servers: servers.map((server) => ({ instanceName: server.name, hostPort: server.port, networkAddress: `${server.name}:8080` }))
});

function route(environment: string, publicPort: number, pools: RoutePool[], weights: RouteConfig['weights'], extra: Partial<RouteConfig> = {}): RouteConfig {
  return { service: SERVICE, environment, publicPort, pools, weights, sticky: null, mirror: null, deploymentId: 1, ...extra };
}

const share = (replies: readonly Reply[], body: string) => replies.filter((reply) => reply.body === body).length / replies.length;

describe.skipIf(!available)('nginx router (real nginx)', () => {
  beforeAll(async () => {
    dataDir = await mkdtemp(path.join(os.tmpdir(), 'shipdeck-router-'));
  });

  afterEach(async () => {
    for (const { router, environment } of opened.splice(0)) await router.remove(SERVICE, environment).catch(() => undefined);
    for (const server of backends.splice(0)) await server.close();
  });

  afterAll(async () => {
    await rm(dataDir, { recursive: true, force: true });
  });

  it('honours weights within ±4 points over 2000 requests, and a pool with weight 0 gets nothing', async () => {
    const { router, environment } = newEnvironment();
    const [stable, canary] = [await backend('stable-0'), await backend('canary-0')];
    const port = await freePort();
    await router.apply(route(environment, port, [pool('stable', stable), pool('canary', canary)], { stable: 75, canary: 25 }));

    const agent = new http.Agent({ keepAlive: true, maxSockets: 20 });
    try {
      const replies = await sendMany(port, 2000, 20, () => ({ agent }));
      expect(replies.every((reply) => reply.status === 200)).toBe(true);
      expect(share(replies, 'canary-0')).toBeGreaterThanOrEqual(0.21);
      expect(share(replies, 'canary-0')).toBeLessThanOrEqual(0.29);
      // The header names the pool that answered.
      expect(replies.every((reply) => reply.pool === reply.body.replace(/-0$/, ''))).toBe(true);

      await router.apply(route(environment, port, [pool('stable', stable), pool('canary', canary)], { stable: 100, canary: 0 }));
      const after = await sendMany(port, 300, 20, () => ({ agent }));
      expect(share(after, 'stable-0')).toBe(1);
    } finally {
      agent.destroy();
    }
  });

  it('keeps a user (sticky header) on one side across 20 requests and as the canary grows from 5 to 25 to 50 %', async () => {
    const { router, environment } = newEnvironment();
    const [stable, canary] = [await backend('stable-0'), await backend('canary-0')];
    const port = await freePort();
    const pools = [pool('stable', stable), pool('canary', canary)];
    const sticky = { kind: 'header', name: 'X-User-Id' } as const;
    const users = Array.from({ length: 300 }, (_, i) => `user-${i}`);
    const agent = new http.Agent({ keepAlive: true, maxSockets: 20 });
    const sideOf = async () => {
      const replies = await sendMany(port, users.length, 20, (i) => ({ agent, headers: { 'X-User-Id': users[i] ?? '' } }));
      return new Map(users.map((user, i) => [user, replies[i]?.body ?? '']));
    };
    try {
      await router.apply(route(environment, port, pools, { stable: 95, canary: 5 }, { sticky }));
      const atFive = await sideOf();
      const onCanary = users.filter((user) => atFive.get(user) === 'canary-0');
      expect(onCanary.length).toBeGreaterThan(0);
      expect(onCanary.length).toBeLessThan(40);

      // 20 requests each from a few users on either side: always the same answer.
      for (const user of [...onCanary.slice(0, 3), ...users.filter((u) => atFive.get(u) === 'stable-0').slice(0, 3)]) {
        const replies = await sendMany(port, 20, 5, () => ({ agent, headers: { 'X-User-Id': user } }));
        expect(new Set(replies.map((reply) => reply.body))).toEqual(new Set([atFive.get(user)]));
      }

      let previous = onCanary;
      for (const weight of [25, 50]) {
        await router.apply(route(environment, port, pools, { stable: 100 - weight, canary: weight }, { sticky }));
        const sides = await sideOf();
        const now = users.filter((user) => sides.get(user) === 'canary-0');
        expect(previous.filter((user) => sides.get(user) !== 'canary-0')).toEqual([]);
        expect(now.length / users.length).toBeGreaterThan(weight / 100 - 0.1);
        expect(now.length / users.length).toBeLessThan(weight / 100 + 0.1);
        previous = now;
      }

      // Requests without the header are still split, by request.
      const anonymous = await sendMany(port, 200, 20, () => ({ agent }));
      expect(share(anonymous, 'canary-0')).toBeGreaterThan(0.3);
      expect(share(anonymous, 'canary-0')).toBeLessThan(0.7);
    } finally {
      agent.destroy();
    }
  });

  it('keeps a user on one side by a cookie (even one whose name has a dash)', async () => {
    const { router, environment } = newEnvironment();
    const [blue, green] = [await backend('blue-0'), await backend('green-0')];
    const port = await freePort();
    await router.apply(route(environment, port, [pool('blue', blue), pool('green', green)], { blue: 50, green: 50 }, { sticky: { kind: 'cookie', name: 'sd-user' } }));

    const sides = new Set<string>();
    for (const user of ['ana', 'bo', 'cy', 'di', 'ed', 'flo', 'gus', 'hal']) {
      const replies = await sendMany(port, 20, 5, () => ({ headers: { cookie: `theme=dark; sd-user=${user}; other=1` } }));
      const answers = new Set(replies.map((reply) => reply.body));
      expect(answers.size).toBe(1);
      sides.add([...answers][0] ?? '');
    }
    // Eight users at 50/50 all landing on one side would mean the cookie is not what is hashed (p < 1 %).
    expect(sides.size).toBe(2);
  });

  it('mirrors every request to the shadow, and clients only ever get the primary\'s answers', async () => {
    const { router, environment } = newEnvironment();
    const stable = await backend('stable-0');
    const shadow = await backend('shadow-0', 500);
    const port = await freePort();
    await router.apply(route(environment, port, [pool('stable', stable)], { stable: 100 }, { mirror: pool('canary', shadow) }));

    const replies = await sendMany(port, 50, 5, (i) => ({ method: 'POST', path: `/orders?i=${i}`, body: `order ${i}` }));
    expect(replies.map((reply) => `${reply.status} ${reply.body} ${reply.pool}`)).toEqual(new Array(50).fill('200 stable-0 stable'));

    const deadline = Date.now() + 3_000;
    while (shadow.received.length < 50 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
    expect(shadow.received).toHaveLength(50);
    expect(shadow.received.map((request) => request.body).sort()).toEqual(stable.received.map((request) => request.body).sort());
    expect(shadow.received.find((request) => request.url === '/orders?i=7')?.body).toBe('order 7');
  });

  it('switches blue → green → blue under 200 requests/s without losing one, each switch live when apply resolves', async () => {
    const { router, environment } = newEnvironment();
    const [blue, green] = [await backend('blue-0'), await backend('green-0')];
    const port = await freePort();
    const pools = [pool('blue', blue), pool('green', green)];
    await router.apply(route(environment, port, pools, { blue: 100, green: 0 }));

    interface Sent {
      readonly startedAt: number;
      reply?: Reply;
      error?: string;
    }
    // A connection per request: on a reload the old worker closes its idle keep-alive connections, and a
    // client that reuses one at that instant must retry (browsers do; Node's agent does not).
    const sent: Sent[] = [];
    const inFlight: Promise<void>[] = [];
    const loadStarted = performance.now();
    // Catches up when a busy machine delays the timer, so the rate stays 200/s.
    const timer = setInterval(() => {
      const due = Math.floor((performance.now() - loadStarted) / 5);
      while (sent.length < due) {
        const entry: Sent = { startedAt: performance.now() };
        sent.push(entry);
        inFlight.push(
          send(port).then(
            (reply) => void (entry.reply = reply),
            (error: unknown) => void (entry.error = String(error))
          )
        );
      }
    }, 5);

    const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
    await pause(1_000);
    await router.apply(route(environment, port, pools, { blue: 0, green: 100 }, { deploymentId: 2 }));
    const greenLive = performance.now();
    await pause(1_000);
    const rollbackStarted = performance.now();
    await router.apply(route(environment, port, pools, { blue: 100, green: 0 }, { deploymentId: 3 }));
    const blueLive = performance.now();
    await pause(1_000);
    clearInterval(timer);
    await Promise.all(inFlight);

    expect(sent.length).toBeGreaterThanOrEqual(580); // 200/s for 3 s (and the two applies)
    expect(sent.filter((entry) => entry.error !== undefined || entry.reply?.status !== 200)).toEqual([]);
    const bodies = (from: number, to: number) => new Set(sent.filter((entry) => entry.startedAt > from && entry.startedAt < to).map((entry) => entry.reply?.body));
    expect(bodies(greenLive, rollbackStarted)).toEqual(new Set(['green-0']));
    expect(bodies(blueLive, Infinity)).toEqual(new Set(['blue-0']));
  });

  it('refuses a config nginx -t rejects, quoting nginx, and keeps serving the old one', async () => {
    // A test-only renderer: deployment 666 gets a directive nginx does not know.
    const renderConfig: NginxRouterOptions['renderConfig'] = (config, mode, options) =>
      renderNginxConfig(config, mode, options).replace('server_tokens off;', config.deploymentId === 666 ? 'server_tokens off;\n  shipdeck_no_such_directive on;' : 'server_tokens off;');
    const { router, environment } = newEnvironment({ renderConfig });
    const [blue, green] = [await backend('blue-0'), await backend('green-0')];
    const port = await freePort();
    const good = route(environment, port, [pool('blue', blue), pool('green', green)], { blue: 100, green: 0 });
    await router.apply(good);
    const status = await router.status(SERVICE, environment);
    const before = await readFile(status.configFile, 'utf8');

    const bad = { ...good, weights: { blue: 0, green: 100 }, deploymentId: 666 };
    await expect(router.apply(bad)).rejects.toMatchObject({ code: 'ROUTER_CONFIG_INVALID', message: expect.stringContaining('unknown directive "shipdeck_no_such_directive"') });

    expect(await readFile(status.configFile, 'utf8')).toBe(before);
    expect(await router.current(SERVICE, environment)).toEqual(good);
    expect((await sendMany(port, 20, 5)).map((reply) => reply.body)).toEqual(new Array(20).fill('blue-0'));
    expect((await router.status(SERVICE, environment)).processId).toBe(status.processId);
  });

  it('refuses a public port another program holds, at start and on a change, and keeps serving', async () => {
    const { router, environment } = newEnvironment();
    const stable = await backend('stable-0');
    const squatter = await backend('squatter');
    await expect(router.apply(route(environment, squatter.port, [pool('stable', stable)], { stable: 100 }))).rejects.toMatchObject({
      code: 'PORT_IN_USE',
      message: expect.stringContaining(`Port ${squatter.port}`)
    });
    expect((await router.status(SERVICE, environment)).running).toBe(false);

    const port = await freePort();
    const good = route(environment, port, [pool('stable', stable)], { stable: 100 });
    await router.apply(good);
    await expect(router.apply({ ...good, publicPort: squatter.port })).rejects.toMatchObject({ code: 'PORT_IN_USE' });
    expect((await send(port)).body).toBe('stable-0');
    expect(await router.current(SERVICE, environment)).toEqual(good);
  });

  it('reads back what runs after Shipdeck restarts, and a remove stops nginx and its files', async () => {
    const { router, environment } = newEnvironment();
    const [stable, canary] = [await backend('stable-0'), await backend('canary-0')];
    const port = await freePort();
    const config = route(environment, port, [pool('stable', stable), pool('canary', canary)], { stable: 90, canary: 10 }, { sticky: { kind: 'cookie', name: 'uid' }, deploymentId: 42 });
    await router.apply(config);
    const { processId, configFile } = await router.status(SERVICE, environment);

    const restarted = newRouter();
    expect(await restarted.status(SERVICE, environment)).toEqual({ running: true, kind: 'host', processId, configFile });
    expect(await restarted.current(SERVICE, environment)).toEqual(config);
    await restarted.apply(config); // the same route again: nothing to change
    expect((await restarted.status(SERVICE, environment)).processId).toBe(processId);

    await restarted.remove(SERVICE, environment);
    expect(await restarted.status(SERVICE, environment)).toMatchObject({ running: false, processId: null });
    expect(await restarted.current(SERVICE, environment)).toBeNull();
    await expect(send(port, { timeoutMs: 1_000 })).rejects.toThrow();
    await expect(stat(path.dirname(configFile))).rejects.toMatchObject({ code: 'ENOENT' });
    const { stdout } = await runCommand('ps', ['-A', '-o', 'args=']);
    expect(stdout).not.toContain(path.dirname(configFile));
  });

  it('starts nginx again when its process is gone (a reboot), from the route it is given', async () => {
    const { router, environment } = newEnvironment();
    const stable = await backend('stable-0');
    const port = await freePort();
    const config = route(environment, port, [pool('stable', stable)], { stable: 100 });
    await router.apply(config);
    const { processId } = await router.status(SERVICE, environment);
    process.kill(Number(processId), 'SIGTERM');
    const deadline = Date.now() + 5_000;
    while ((await router.status(SERVICE, environment)).running && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
    expect(await router.current(SERVICE, environment)).toBeNull();

    await router.apply(config);
    expect((await router.status(SERVICE, environment)).running).toBe(true);
    expect((await send(port)).body).toBe('stable-0');
  });
});
