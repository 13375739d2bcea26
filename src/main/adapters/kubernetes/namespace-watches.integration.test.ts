// Namespace watches against the in-process Kubernetes API emulator (a real HTTP API server of our own):
// changes reach listeners, one watch serves many listeners, 410 Gone and restarts relist without losing
// a change, an unreachable server shows in the health, Rollouts are watched where the CRD exists.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import type { WorkloadEvent, WorkloadRef } from '../../ports/kubernetes';
import { startKubeEmulator, type KubeEmulator, type KubeEmulatorOptions } from '../../kube-emulator/emulator';
import { call } from '../../kube-emulator/emulator-test-client';
import { deployments } from '../../kube-emulator/kinds/deployments';
import { createKubeconfigSource } from './kubeconfig';
import { createNamespaceWatches, type NamespaceWatches } from './namespace-watches';

const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'namespace-watches-'));
const cleanUps: (() => Promise<void>)[] = [];

afterEach(async () => {
  for (const cleanUp of cleanUps.splice(0)) await cleanUp();
});
afterAll(() => fs.rmSync(folder, { recursive: true, force: true }));

/** Watch connections the emulator holds open, and how many were opened. */
function countWatchConnections(emulator: KubeEmulator): { opened: number; open: number } {
  const counts = { opened: 0, open: 0 };
  const store = emulator.api.store;
  const subscribe = store.subscribe.bind(store);
  store.subscribe = (listener) => {
    counts.opened++;
    counts.open++;
    const unsubscribe = subscribe(listener);
    let done = false;
    return () => {
      if (!done) counts.open--;
      done = true;
      unsubscribe();
    };
  };
  return counts;
}

async function setUp(options: KubeEmulatorOptions = {}) {
  const emulator = await startKubeEmulator({ podReadyDelayMs: 20, bookmarkIntervalMs: 200, namespaces: ['shop'], ...options });
  const file = emulator.writeKubeconfig(path.join(folder, `kubeconfig-${emulator.port}`));
  const connections = countWatchConnections(emulator);
  const listed: string[] = [];
  const list = emulator.api.list.bind(emulator.api);
  emulator.api.list = (type, namespace, labels, fields) => {
    listed.push(`${type.resource}/${namespace ?? ''}`);
    return list(type, namespace, labels, fields);
  };
  // The adapter's own reading of the kubeconfig (plain http needs skipTLSVerify with client-node).
  const source = createKubeconfigSource({ env: { KUBECONFIG: file } });
  const watches = createNamespaceWatches({
    openConfig: (context) => source.openConfig(context),
    hasArgoRollouts: () => Promise.resolve(options.argoRollouts === true),
    backoff: { initialMs: 50, maxMs: 200 }
  });
  cleanUps.push(async () => {
    await watches.close();
    await emulator.stop();
  });
  return { emulator, watches, connections, listed };
}

const deployment = (name: string, image = 'shop/api:1') => ({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name },
  spec: { replicas: 1, selector: { matchLabels: { app: name } }, template: { metadata: { labels: { app: name } }, spec: { containers: [{ name: 'app', image }] } } }
});

async function create(emulator: KubeEmulator, name: string): Promise<void> {
  const reply = await call(emulator.url, 'POST', '/apis/apps/v1/namespaces/shop/deployments', deployment(name));
  expect(reply.status).toBe(201);
}

async function setImage(emulator: KubeEmulator, name: string, image: string): Promise<void> {
  const patch = { spec: { template: { spec: { containers: [{ name: 'app', image }] } } } };
  const reply = await call(emulator.url, 'PATCH', `/apis/apps/v1/namespaces/shop/deployments/${name}`, patch, { 'Content-Type': 'application/strategic-merge-patch+json' });
  expect(reply.status).toBe(200);
}

async function until(condition: () => boolean, what: string, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

const ref = (name: string, kind: WorkloadRef['kind'] = 'Deployment'): WorkloadRef => ({ context: null, namespace: 'shop', kind, name });
const imageOf = (event: WorkloadEvent) => event.snapshot.containers[0]?.image;
const sawEvent = (events: readonly WorkloadEvent[], type: WorkloadEvent['type'], name: string, image?: string) =>
  events.some((event) => event.type === type && event.snapshot.ref.name === name && (image === undefined || imageOf(event) === image));
const live = (watches: NamespaceWatches) => watches.watchHealth().every((health) => health.state === 'live');

/** Subscribes and waits until the namespace is listed and its watch is live. */
async function watchShop(watches: NamespaceWatches, kind: WorkloadRef['kind'] = 'Deployment') {
  const events: WorkloadEvent[] = [];
  const unsubscribe = watches.watchNamespace(null, 'shop', (event) => events.push(event));
  await until(() => watches.cached(ref('none', kind)) !== undefined && live(watches), 'the namespace to be listed and live');
  return { events, unsubscribe };
}

describe('createNamespaceWatches against the Kubernetes API emulator', () => {
  it('delivers a change made through the API to the listener, with its snapshot, and keeps it in the cache', async () => {
    const { emulator, watches } = await setUp();
    await create(emulator, 'api');
    const { events } = await watchShop(watches);
    expect(watches.cached(ref('api'))).toMatchObject({ ref: ref('api'), containers: [{ name: 'app', image: 'shop/api:1' }] });
    // What the initial list found is in the cache, not replayed to the listener (the controller's status updates may follow).
    expect(events.filter((event) => event.type === 'ADDED')).toEqual([]);

    await setImage(emulator, 'api', 'shop/api:2');
    await until(() => sawEvent(events, 'MODIFIED', 'api', 'shop/api:2'), 'the MODIFIED event');
    expect(watches.cached(ref('api'))?.containers).toEqual([{ name: 'app', image: 'shop/api:2' }]);

    await create(emulator, 'worker');
    await until(() => sawEvent(events, 'ADDED', 'worker'), 'the ADDED event');
    await call(emulator.url, 'DELETE', '/apis/apps/v1/namespaces/shop/deployments/worker');
    await until(() => sawEvent(events, 'DELETED', 'worker'), 'the DELETED event');
    expect(watches.cached(ref('worker'))).toBeNull();
    expect(watches.cached({ ...ref('api'), namespace: 'elsewhere' })).toBeUndefined();
  });

  it('serves two listeners with one list and one watch, and ends the watch with the last unsubscribe', async () => {
    const { emulator, watches, connections, listed } = await setUp();
    await create(emulator, 'api');
    const first = await watchShop(watches);
    const second = await watchShop(watches);
    expect(listed.filter((entry) => entry === 'deployments/shop')).toHaveLength(1);
    expect(connections).toEqual({ opened: 1, open: 1 });

    await setImage(emulator, 'api', 'shop/api:3');
    await until(() => sawEvent(first.events, 'MODIFIED', 'api', 'shop/api:3') && sawEvent(second.events, 'MODIFIED', 'api', 'shop/api:3'), 'both listeners to get the change');

    first.unsubscribe();
    expect(connections.open).toBe(1);
    expect(watches.watchHealth()).toHaveLength(1);
    second.unsubscribe();
    await until(() => connections.open === 0, 'the watch connection to close');
    expect(watches.watchHealth()).toEqual([]);
    expect(watches.cached(ref('api'))).toBeUndefined();
  });

  it('relists after an in-stream 410 Gone and delivers what changed while the watch was down', async () => {
    const { emulator, watches, listed } = await setUp();
    await create(emulator, 'api');
    await create(emulator, 'old');
    const { events } = await watchShop(watches);
    await setImage(emulator, 'api', 'shop/api:2');
    await until(() => sawEvent(events, 'MODIFIED', 'api', 'shop/api:2'), 'a first change');

    emulator.expireWatches();
    // Changed before the client can reconnect (in the same tick), so only the relist can tell it.
    changeMeanwhile(emulator);

    await until(() => sawEvent(events, 'MODIFIED', 'api', 'shop/api:9') && sawEvent(events, 'DELETED', 'old') && sawEvent(events, 'ADDED', 'new'), 'the differences after the relist');
    expect(listed.filter((entry) => entry === 'deployments/shop')).toHaveLength(2);
    expect(watches.cached(ref('old'))).toBeNull();
    expect(watches.cached(ref('new'))).not.toBeNull();
    await until(() => live(watches), 'the watch to be live again');
  });

  it('relists after a restart answered with HTTP 410 (expiredWatchAs: status) and delivers what changed', async () => {
    const { emulator, watches, listed } = await setUp({ expiredWatchAs: 'status' });
    await create(emulator, 'api');
    await create(emulator, 'old');
    const { events } = await watchShop(watches);

    emulator.simulateRestart();
    changeMeanwhile(emulator);

    await until(() => sawEvent(events, 'MODIFIED', 'api', 'shop/api:9') && sawEvent(events, 'DELETED', 'old') && sawEvent(events, 'ADDED', 'new'), 'the differences after the relist');
    expect(listed.filter((entry) => entry === 'deployments/shop')).toHaveLength(2);
    await until(() => live(watches), 'the watch to be live again');
  });

  it('recovers from a restart (in-stream 410 on resume) and keeps following changes', async () => {
    const { emulator, watches } = await setUp();
    await create(emulator, 'api');
    await create(emulator, 'old');
    const { events } = await watchShop(watches);

    emulator.simulateRestart();
    changeMeanwhile(emulator);
    await until(() => sawEvent(events, 'MODIFIED', 'api', 'shop/api:9'), 'the change made during the restart');
    await until(() => live(watches), 'the watch to be live again');
    await setImage(emulator, 'api', 'shop/api:10');
    await until(() => sawEvent(events, 'MODIFIED', 'api', 'shop/api:10'), 'a change after the restart');
  });

  it('reports backing-off with the problem when the API server is gone, and resumes when it is back', async () => {
    const { emulator, watches } = await setUp();
    await create(emulator, 'api');
    const { events } = await watchShop(watches);
    const port = emulator.port;
    await emulator.stop();

    await until(() => watches.watchHealth()[0]?.problem?.startsWith('Cannot reach') === true, 'a failed attempt to reconnect');
    const [health] = watches.watchHealth();
    expect(health).toMatchObject({ context: null, namespace: 'shop', state: 'backing-off' });
    expect(health?.problem).toContain(`Cannot reach the API server at http://127.0.0.1:${port}`);
    expect(health?.problem).toContain('watching deployments in namespace "shop"');
    expect(watches.cached(ref('api'))).not.toBeUndefined();

    // An API server back on the same port: the watch resumes from its last resourceVersion (no new list).
    const listsBefore = watches.requestCounts().lists;
    const restarted = await startKubeEmulator({ port, podReadyDelayMs: 20, namespaces: ['shop'] });
    cleanUps.push(() => restarted.stop());
    await until(() => live(watches), 'the watch to be live again', 10_000);
    expect(watches.watchHealth()[0]?.problem).toBeNull();
    await call(restarted.url, 'POST', '/apis/apps/v1/namespaces/shop/deployments', deployment('api', 'shop/api:restarted'));
    await until(() => events.some((event) => imageOf(event) === 'shop/api:restarted'), 'the change on the server that came back');
    expect(watches.cached(ref('api'))?.containers[0]?.image).toBe('shop/api:restarted');
    expect(watches.requestCounts().lists).toBe(listsBefore);
  });

  it('backs off with why while the context is not in the kubeconfig, and goes live once it is (the demo emulator writes it later)', async () => {
    const emulator = await startKubeEmulator({ podReadyDelayMs: 20, namespaces: ['shop'] });
    const file = path.join(folder, `late-kubeconfig-${emulator.port}`);
    const source = createKubeconfigSource({ env: { KUBECONFIG: file } });
    const watches = createNamespaceWatches({
      openConfig: () => {
        if (!fs.existsSync(file)) throw new Error('context "kube-emulator" is not in the kubeconfig');
        return source.openConfig(null);
      },
      backoff: { initialMs: 50, maxMs: 100 }
    });
    cleanUps.push(async () => {
      await watches.close();
      await emulator.stop();
    });
    const events: WorkloadEvent[] = [];
    // Subscribing does not throw: the problem is the watch's.
    watches.watchNamespace('kube-emulator', 'shop', (event) => events.push(event));
    await until(() => watches.watchHealth()[0]?.problem?.includes('is not in the kubeconfig') === true, 'the missing context reported');
    expect(watches.watchHealth()[0]?.state).toBe('backing-off');
    emulator.writeKubeconfig(file);
    await until(() => live(watches), 'the watch to be live once the kubeconfig names the context');
    await create(emulator, 'api');
    await until(() => sawEvent(events, 'ADDED', 'api'), 'the Deployment created after the kubeconfig appeared');
  });

  it('watches Argo Rollouts in the namespace where the cluster has the CRD', async () => {
    const { emulator, watches } = await setUp({ argoRollouts: true });
    const rollout = {
      apiVersion: 'argoproj.io/v1alpha1',
      kind: 'Rollout',
      metadata: { name: 'web' },
      spec: {
        replicas: 2,
        selector: { matchLabels: { app: 'web' } },
        strategy: { canary: { steps: [{ setWeight: 50 }, { pause: {} }] } },
        template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'web', image: 'web:1' }] } }
      }
    };
    expect((await call(emulator.url, 'POST', '/apis/argoproj.io/v1alpha1/namespaces/shop/rollouts', rollout)).status).toBe(201);
    const { events } = await watchShop(watches, 'Rollout');
    expect(watches.cached(ref('web', 'Rollout'))).toMatchObject({ ref: ref('web', 'Rollout'), containers: [{ image: 'web:1' }] });
    expect(watches.cached(ref('web', 'Deployment'))).toBeNull();

    const patch = { spec: { template: { spec: { containers: [{ name: 'web', image: 'web:2' }] } } } };
    const reply = await call(emulator.url, 'PATCH', '/apis/argoproj.io/v1alpha1/namespaces/shop/rollouts/web', patch, { 'Content-Type': 'application/merge-patch+json' });
    expect(reply.status).toBe(200);
    await until(() => events.some((event) => event.snapshot.ref.kind === 'Rollout' && imageOf(event) === 'web:2' && event.snapshot.rollout?.paused === true), 'the Rollout paused at its canary step');
    expect(watches.cached(ref('web', 'Rollout'))?.rollout).toMatchObject({ canaryWeight: 50, paused: true });
  });

  it('leaves Rollouts unwatched without the CRD', async () => {
    const { watches } = await setUp();
    await watchShop(watches);
    expect(watches.cached(ref('web', 'Rollout'))).toBeUndefined();
  });
});

/** A change of each kind made directly in the emulator's store, in the same tick as the watch's end. */
function changeMeanwhile(emulator: KubeEmulator): void {
  emulator.api.patch(deployments, 'shop', 'api', 'strategic', { spec: { template: { spec: { containers: [{ name: 'app', image: 'shop/api:9' }] } } } });
  emulator.api.delete(deployments, 'shop', 'old');
  emulator.api.create(deployments, 'shop', deployment('new'));
}
