// The demo's emulator, started for real on loopback, read back through the core's Kubernetes adapter
// with its kubeconfig as an extra file (as core.ts wires it).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Release } from '../../../shared/domain/releases';
import type { Service } from '../../../shared/domain/workspace';
import { createKubernetesAdapter } from '../../adapters/kubernetes/kubernetes-adapter';
import { createEventBus } from '../../event-bus';
import { DEMO_CLUSTER_ENVIRONMENT, DEMO_CLUSTER_SETTINGS, DEMO_CLUSTER_TARGET, demoEmulatorKubeconfig } from './demo-cluster';
import { startDemoEmulator, type DemoEmulatorDeps } from './demo-emulator';
import { createDemoEmulatorStarter } from './demo-emulator-starter';

const REPOSITORY = '127.0.0.1:5000/shop/api';
const digest = (n: number) => `sha256:${String(n).repeat(64).slice(0, 64)}`;

const service: Service = {
  name: 'shop-api',
  repoPath: '/nowhere',
  imageRepository: REPOSITORY,
  pipelineFile: '.shipdeck/pipeline.yml',
  readOnly: false,
  environments: [{ name: DEMO_CLUSTER_ENVIRONMENT, position: 3, targetKind: 'kubernetes', requiresApproval: false, settings: DEMO_CLUSTER_SETTINGS }]
} as unknown as Service;

/** The environment's records, newest first, as the store lists them. */
function recordsOf(list: readonly { id: number; digest: string; version: string }[]): DemoEmulatorDeps['releases'] {
  const releases = list.map((entry) => ({ ...entry, status: 'succeeded', startedBy: 'demo:mia' }) as unknown as Release).reverse();
  return {
    listReleases: (_service, environment) => ({ items: environment === DEMO_CLUSTER_ENVIRONMENT ? releases : [], nextCursor: null }) as unknown as ReturnType<DemoEmulatorDeps['releases']['listReleases']>,
    currentRelease: (_service, environment) => (environment === DEMO_CLUSTER_ENVIRONMENT ? (releases[0] ?? null) : null) as ReturnType<DemoEmulatorDeps['releases']['currentRelease']>
  };
}

let dataDir: string;
beforeEach(() => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'demo-emulator-'));
});
afterEach(() => fs.rmSync(dataDir, { recursive: true, force: true }));

describe("the demo's Kubernetes API emulator", () => {
  it('serves the Deployment with one revision per recorded release, the last running, reachable through the extra kubeconfig', async () => {
    const releases = recordsOf([
      { id: 7, digest: digest(1), version: '1.7.0' },
      { id: 9, digest: digest(2), version: '1.8.0' },
      { id: 12, digest: digest(3), version: '1.9.0' }
    ]);
    const emulator = await startDemoEmulator({ dataDir, service, releases, podReadyDelayMs: 20 });
    const kube = createKubernetesAdapter({ env: { KUBECONFIG: path.join(dataDir, 'none') }, extraKubeconfigs: () => [demoEmulatorKubeconfig(dataDir)] });
    try {
      expect(emulator.kubeconfig).toBe(demoEmulatorKubeconfig(dataDir));
      const ref = { context: DEMO_CLUSTER_TARGET.context, namespace: DEMO_CLUSTER_TARGET.namespace, kind: 'Deployment', name: DEMO_CLUSTER_TARGET.deployment } as const;
      const workload = await kube.getWorkload(ref);
      expect(workload?.containers[0]?.image).toBe(`${REPOSITORY}@${digest(3)}`);
      expect(workload?.availableReplicas).toBe(3);
      const revisions = await kube.revisions(ref);
      expect(revisions.map((revision) => [revision.revision, revision.containers[0]?.image])).toEqual([
        [3, `${REPOSITORY}@${digest(3)}`],
        [2, `${REPOSITORY}@${digest(2)}`],
        [1, `${REPOSITORY}@${digest(1)}`]
      ]);
      expect(revisions[0]?.changeCause).toMatch(/^shipdeck: deploy 1\.9\.0 \(sha256:333333333333\) as release #12 by demo:mia$/);
      expect(kube.kubeconfig().contexts.map((context) => context.name)).toEqual([DEMO_CLUSTER_TARGET.context]);
    } finally {
      await kube.close();
      await emulator.stop();
    }
    // Stopped: the context is gone rather than pointing at a dead port.
    expect(fs.existsSync(demoEmulatorKubeconfig(dataDir))).toBe(false);
  });

  it('runs in the background from the starter, reports its context and server, and stops when the core closes', async () => {
    const events = createEventBus();
    const changed: string[] = [];
    events.on('kubernetes.changed', (change) => changed.push(change.environment), new AbortController().signal);
    const releases = recordsOf([{ id: 3, digest: digest(4), version: '2.0.0' }]);
    const starter = createDemoEmulatorStarter({ events, start: (demo) => startDemoEmulator({ dataDir, service: demo, releases, podReadyDelayMs: 20 }) });
    starter.start({ ...service, environments: [] });
    expect(starter.started()).toBeNull();
    starter.start(service);
    await starter.started();
    expect(starter.running()?.context).toBe('shipdeck-demo-emulator');
    expect(starter.running()?.server).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(changed).toEqual([DEMO_CLUSTER_ENVIRONMENT]);
    const server = starter.running()?.server ?? '';
    await starter.close();
    expect(starter.running()).toBeNull();
    await expect(fetch(`${server}/version`)).rejects.toThrow();
  });
});
