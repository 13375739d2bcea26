// Kubernetes namespace watches at scale: 20 namespaces × 100 Deployments in the Kubernetes API emulator
// (a child process of its own, so its memory is not counted), watched from this process acting as the
// core through createNamespaceWatches. Reports the core's memory after a GC with all 2,000 cached, the
// time to list them all, the latency of 50 image changes from the write's response to the listener,
// and the requests the emulator saw (lists after start-up must be one per namespace: no polling).
// Run alone: `node --import tsx scripts/bench/kube-watch.ts` (or `node --import tsx scripts/bench/index.ts kube-watch`).
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import v8 from 'node:v8';
import vm from 'node:vm';
import { createKubeconfigSource, type KubeconfigSource } from '../../src/main/adapters/kubernetes/kubeconfig';
import { createNamespaceWatches } from '../../src/main/adapters/kubernetes/namespace-watches';
import type { WorkloadEvent } from '../../src/main/ports/kubernetes';
import { startKubeEmulator } from '../../src/main/kube-emulator/emulator';
import { call } from '../../src/main/kube-emulator/emulator-test-client';

export const NAMESPACES = 20;
export const PER_NAMESPACE = 100;
const CHANGES = 50;
const CREATE_BATCH = 100;
const MB = 1024 * 1024;

export interface KubeWatchFigures {
  readonly namespaces: number;
  readonly deployments: number;
  /** From the first watchNamespace call until every Deployment was in the cache. */
  readonly listAllMs: number;
  /** This process after a GC, before watching (tsx, client-node and the bench loaded) and with all cached. */
  readonly memory: { readonly baselineRssMB: number; readonly baselineHeapMB: number; readonly rssMB: number; readonly heapUsedMB: number };
  /** From the PATCH's response to the listener receiving the MODIFIED event with the new image (0 when it came first). */
  readonly changeLatencyMs: { readonly count: number; readonly medianMs: number; readonly p95Ms: number; readonly maxMs: number; readonly beforeResponse: number };
  /** The PATCH's own round trip (median), for scale. */
  readonly writeMedianMs: number;
  /** Creating the 2,000 Deployments through the API, in parallel batches (before watching). */
  readonly createAllMs: number;
  /** Seen by the emulator, after the Deployments were created. */
  readonly emulatorRequests: { readonly deploymentLists: number; readonly watchConnections: number };
  /** Counted by the watches themselves. */
  readonly watchRequests: { readonly lists: number; readonly watches: number; readonly relists: number };
}

interface ChildCounts {
  readonly deploymentLists: number;
  readonly watchConnections: number;
}

type ChildMessage = { readonly type: 'ready'; readonly url: string; readonly kubeconfig: string } | ({ readonly type: 'counts' } & ChildCounts);

/** The emulator side (run in the child): counts list calls and watch connections, answers `counts`. */
export async function emulatorChild(): Promise<void> {
  const send = (message: ChildMessage) => process.send?.(message);
  const namespaces = Array.from({ length: NAMESPACES }, (_, index) => namespaceName(index));
  const emulator = await startKubeEmulator({ podReadyDelayMs: 200, namespaces, watchHistory: 50_000 });
  const counts = { deploymentLists: 0, watchConnections: 0 };
  const list = emulator.api.list.bind(emulator.api);
  emulator.api.list = (type, namespace, labels, fields) => {
    if (type.resource === 'deployments') counts.deploymentLists++;
    return list(type, namespace, labels, fields);
  };
  const store = emulator.api.store;
  const subscribe = store.subscribe.bind(store);
  store.subscribe = (listener) => {
    counts.watchConnections++;
    return subscribe(listener);
  };
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'kube-watch-bench-'));
  const kubeconfig = emulator.writeKubeconfig(path.join(folder, 'kubeconfig'));
  process.on('message', (message: { type: string }) => {
    if (message.type === 'counts') send({ type: 'counts', ...counts });
    if (message.type === 'reset') {
      counts.deploymentLists = 0;
      counts.watchConnections = 0;
      send({ type: 'counts', ...counts });
    }
    if (message.type === 'stop') {
      fs.rmSync(folder, { recursive: true, force: true });
      void emulator.stop().then(() => process.exit(0));
    }
  });
  send({ type: 'ready', url: emulator.url, kubeconfig });
}

export const namespaceName = (index: number) => `bench-${String(index).padStart(2, '0')}`;
export const deploymentName = (index: number) => `app-${String(index).padStart(3, '0')}`;

export function startChild(): { child: ChildProcess; next: () => Promise<ChildMessage> } {
  const script = `require(${JSON.stringify(__filename)}).emulatorChild()`;
  const child = spawn(process.execPath, ['--import', 'tsx', '-e', script], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const queue: ChildMessage[] = [];
  const waiting: ((message: ChildMessage) => void)[] = [];
  child.on('message', (message: ChildMessage) => {
    const resolve = waiting.shift();
    if (resolve) resolve(message);
    else queue.push(message);
  });
  const next = () =>
    new Promise<ChildMessage>((resolve, reject) => {
      const queued = queue.shift();
      if (queued) return resolve(queued);
      waiting.push(resolve);
      child.once('exit', (code) => reject(new Error(`the emulator process exited (${String(code)})`)));
    });
  return { child, next };
}

export async function childCounts(child: ChildProcess, next: () => Promise<ChildMessage>, type: 'counts' | 'reset'): Promise<ChildCounts> {
  child.send({ type });
  const message = await next();
  if (message.type !== 'counts') throw new Error('the emulator process answered out of turn');
  return message;
}

function collectGarbage(): void {
  const exposed = (globalThis as { gc?: () => void }).gc;
  if (exposed) return exposed();
  v8.setFlagsFromString('--expose-gc');
  (vm.runInNewContext('gc') as () => void)();
}

function memoryAfterGc(): { rssMB: number; heapUsedMB: number } {
  collectGarbage();
  collectGarbage();
  const usage = process.memoryUsage();
  return { rssMB: usage.rss / MB, heapUsedMB: usage.heapUsed / MB };
}

export async function until(condition: () => boolean, what: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

export const deployment = (name: string) => ({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name, labels: { app: name } },
  spec: { replicas: 1, selector: { matchLabels: { app: name } }, template: { metadata: { labels: { app: name } }, spec: { containers: [{ name: 'app', image: 'registry.example/app:1.0.0' }] } } }
});

/** The 20 × 100 Deployments, created through the API in parallel batches; their namespaces and names. */
export async function createBenchDeployments(url: string): Promise<{ namespace: string; name: string }[]> {
  const work: { namespace: string; name: string }[] = [];
  for (let n = 0; n < NAMESPACES; n++) for (let d = 0; d < PER_NAMESPACE; d++) work.push({ namespace: namespaceName(n), name: deploymentName(d) });
  for (let start = 0; start < work.length; start += CREATE_BATCH) {
    await Promise.all(
      work.slice(start, start + CREATE_BATCH).map(async ({ namespace, name }) => {
        const reply = await call(url, 'POST', `/apis/apps/v1/namespaces/${namespace}/deployments`, deployment(name));
        if (reply.status !== 201) throw new Error(`creating ${namespace}/${name}: HTTP ${reply.status}`);
      })
    );
  }
  return work;
}

/** Asks the emulator process to stop, and kills it when it has not within 5 s. */
export async function stopChild(child: ChildProcess): Promise<void> {
  child.send({ type: 'stop' });
  await new Promise((resolve) => {
    child.once('exit', resolve);
    setTimeout(() => {
      child.kill();
      resolve(null);
    }, 5000).unref();
  });
}

export const percentile = (sorted: readonly number[], fraction: number) => sorted[Math.min(sorted.length - 1, Math.ceil(fraction * sorted.length) - 1)] ?? 0;

export async function kubeWatchBench(): Promise<KubeWatchFigures> {
  const baseline = memoryAfterGc();
  const { child, next } = startChild();
  let kubeconfig = '';
  // The adapter's own reading of the kubeconfig, made once the emulator has written it.
  let source: KubeconfigSource | null = null;
  const watches = createNamespaceWatches({ openConfig: (context) => (source ??= createKubeconfigSource({ env: { KUBECONFIG: kubeconfig } })).openConfig(context) });
  try {
    const ready = await next();
    if (ready.type !== 'ready') throw new Error('the emulator process did not start');
    kubeconfig = ready.kubeconfig;

    const creating = performance.now();
    const work = await createBenchDeployments(ready.url);
    const createAllMs = performance.now() - creating;
    await childCounts(child, next, 'reset');

    // The listener records when each expected image arrives.
    const expected = new Map<string, { image: string; resolve: (at: number) => void }>();
    const listener = (event: WorkloadEvent) => {
      const key = `${event.snapshot.ref.namespace}/${event.snapshot.ref.name}`;
      const waiting = expected.get(key);
      if (waiting && event.type === 'MODIFIED' && event.snapshot.containers[0]?.image === waiting.image) {
        expected.delete(key);
        waiting.resolve(performance.now());
      }
    };
    const started = performance.now();
    for (let n = 0; n < NAMESPACES; n++) watches.watchNamespace(null, namespaceName(n), listener);
    const cachedAll = () => work.every(({ namespace, name }) => watches.cached({ context: null, namespace, kind: 'Deployment', name }));
    await until(cachedAll, 'all Deployments to be cached', 60_000);
    const listAllMs = performance.now() - started;
    // Let the emulator's Pods become ready (their status changes flow through the watches) before measuring.
    await until(() => watches.watchHealth().every((health) => health.state === 'live'), 'every watch to be live', 10_000);
    await new Promise((resolve) => setTimeout(resolve, 1500));
    const memory = memoryAfterGc();

    const latencies: number[] = [];
    const writes: number[] = [];
    let beforeResponse = 0;
    for (let change = 0; change < CHANGES; change++) {
      const namespace = namespaceName(change % NAMESPACES);
      const name = deploymentName((change * 7) % PER_NAMESPACE);
      const image = `registry.example/app:2.0.${change}`;
      const received = new Promise<number>((resolve) => expected.set(`${namespace}/${name}`, { image, resolve }));
      const patch = { spec: { template: { spec: { containers: [{ name: 'app', image }] } } } };
      const writing = performance.now();
      const reply = await call(ready.url, 'PATCH', `/apis/apps/v1/namespaces/${namespace}/deployments/${name}`, patch, { 'Content-Type': 'application/strategic-merge-patch+json' });
      const responded = performance.now();
      writes.push(responded - writing);
      if (reply.status !== 200) throw new Error(`patching ${namespace}/${name}: HTTP ${reply.status}`);
      const at = await Promise.race([received, new Promise<number>((_, reject) => setTimeout(() => reject(new Error(`no event for ${namespace}/${name} within 10 s`)), 10_000))]);
      if (at < responded) beforeResponse++;
      latencies.push(Math.max(0, at - responded));
    }
    latencies.sort((a, b) => a - b);
    writes.sort((a, b) => a - b);

    const { deploymentLists, watchConnections } = await childCounts(child, next, 'counts');
    return {
      namespaces: NAMESPACES,
      deployments: work.length,
      listAllMs,
      memory: { baselineRssMB: baseline.rssMB, baselineHeapMB: baseline.heapUsedMB, rssMB: memory.rssMB, heapUsedMB: memory.heapUsedMB },
      changeLatencyMs: { count: latencies.length, medianMs: percentile(latencies, 0.5), p95Ms: percentile(latencies, 0.95), maxMs: latencies[latencies.length - 1] ?? 0, beforeResponse },
      writeMedianMs: percentile(writes, 0.5),
      createAllMs,
      emulatorRequests: { deploymentLists, watchConnections },
      watchRequests: watches.requestCounts()
    };
  } finally {
    await watches.close();
    await stopChild(child);
  }
}

export function kubeWatchRows(figures: KubeWatchFigures): [string, string, string][] {
  const ms = (value: number) => `${value.toFixed(1)} ms`;
  const latency = figures.changeLatencyMs;
  return [
    [`Kubernetes watches: ${figures.deployments.toLocaleString('en')} Deployments in ${figures.namespaces} namespaces (emulator), list until all cached`, ms(figures.listAllMs), ''],
    ['  core process after GC, all cached: RSS / heap used', `${figures.memory.rssMB.toFixed(0)} / ${figures.memory.heapUsedMB.toFixed(0)} MB`, '< 300 MB'],
    ['  … the same process before watching: RSS / heap used', `${figures.memory.baselineRssMB.toFixed(0)} / ${figures.memory.baselineHeapMB.toFixed(0)} MB`, ''],
    ['  … heap grown by the watches and their cache', `${(figures.memory.heapUsedMB - figures.memory.baselineHeapMB).toFixed(1)} MB`, ''],
    [`  ${latency.count} image changes, write's response → listener: median / p95 / max (${latency.beforeResponse} came before the response)`, `${ms(latency.medianMs)} / ${ms(latency.p95Ms)} / ${ms(latency.maxMs)}`, ''],
    ['  … the PATCH round trip itself (median); creating the 2,000 beforehand', `${ms(figures.writeMedianMs)}; ${(figures.createAllMs / 1000).toFixed(1)} s`, ''],
    ['  Deployment lists / watch connections the emulator saw after start-up', `${figures.emulatorRequests.deploymentLists} / ${figures.emulatorRequests.watchConnections}`, `= ${figures.namespaces} / ${figures.namespaces} (no polling)`]
  ];
}

if (require.main === module) {
  kubeWatchBench().then(
    (figures) => {
      for (const [label, value, target] of kubeWatchRows(figures)) console.log(`${label}  ${value}  ${target}`);
      console.log(JSON.stringify(figures, null, 2));
    },
    (error: unknown) => {
      console.error(error);
      process.exit(1);
    }
  );
}
