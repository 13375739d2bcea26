/**
 * The demo's Kubernetes API emulator (kube-emulator/, in this process, on a free 127.0.0.1 port): a
 * kubeconfig at `<dataDir>/kube-emulator/kubeconfig` with the context `shipdeck-demo-emulator`, the
 * namespace `shop-demo` and the Deployment `shop-api` (3 replicas) whose revisions are the emulator
 * environment's recorded releases — each with the change cause Shipdeck's runner writes, so `rollout
 * history`, the revisions view and the board's drift check all agree with the records. Loaded when the
 * demo first starts it. The emulator keeps its state in memory: every start builds it again from the records.
 */
import fs from 'node:fs';
import type { Release } from '../../../shared/domain/releases';
import type { Service } from '../../../shared/domain/workspace';
import { changeCauseFor } from '../../features/releases/strategies/kubernetes/kube-release';
import { startKubeEmulator } from '../../kube-emulator/emulator';
import type { ReleasesStore } from '../../ports/store';
import { DEMO_CLUSTER_DEPLOYMENT, DEMO_CLUSTER_ENVIRONMENT, DEMO_CLUSTER_NAMESPACE, DEMO_CLUSTER_REPLICAS, DEMO_EMULATOR_CONTEXT, demoEmulatorKubeconfig } from './demo-cluster';

/** Revisions the Deployment starts with (kubectl rollout history shows them); revisionHistoryLimit keeps more. */
const REVISIONS = 3;
const HISTORY_LIMIT = 5;
const CHANGE_CAUSE = 'kubernetes.io/change-cause';

export interface DemoEmulator {
  readonly context: string;
  readonly server: string;
  readonly kubeconfig: string;
  /** Stops the emulator and removes its kubeconfig (a later reader finds no context rather than a dead port). */
  stop(): Promise<void>;
}

export interface DemoEmulatorDeps {
  readonly dataDir: string;
  readonly service: Service;
  readonly releases: Pick<ReleasesStore, 'listReleases' | 'currentRelease'>;
  /** Milliseconds until a Pod is Ready (default 1000). */
  readonly podReadyDelayMs?: number;
}

/** One template of the Deployment: the image by digest and the change cause naming the release (null: none recorded). */
export interface DemoRevision {
  readonly image: string;
  readonly changeCause: string | null;
}

/** The environment's last succeeded releases, oldest first; else what prod runs; else nothing. */
export function demoRevisions(service: Service, releases: DemoEmulatorDeps['releases']): DemoRevision[] {
  const repository = service.imageRepository ?? `local/${service.name}`;
  const image = (digest: string) => `${repository}@${digest}`;
  const recorded = releases
    .listReleases(service.name, DEMO_CLUSTER_ENVIRONMENT, { limit: 50 })
    .items.filter((release) => release.status === 'succeeded')
    .reverse();
  const distinct = recorded.filter((release, index) => recorded[index - 1]?.digest !== release.digest).slice(-REVISIONS);
  // The current record last, so what runs is what the record says (no drift on the board).
  const current = releases.currentRelease(service.name, DEMO_CLUSTER_ENVIRONMENT);
  const ordered: Release[] = current && distinct.at(-1)?.digest !== current.digest ? [...distinct.filter((release) => release.digest !== current.digest), current] : distinct;
  if (ordered.length > 0) return ordered.map((release) => ({ image: image(release.digest), changeCause: changeCauseFor(release.id, release.digest, { version: release.version, by: release.startedBy }) }));
  const prod = releases.currentRelease(service.name, 'prod');
  return prod ? [{ image: image(prod.digest), changeCause: null }] : [];
}

async function request(server: string, method: string, path: string, body?: unknown, contentType = 'application/json'): Promise<unknown> {
  const response = await fetch(`${server}${path}`, { method, headers: { 'Content-Type': contentType, Accept: 'application/json' }, ...(body === undefined ? {} : { body: JSON.stringify(body) }) });
  if (!response.ok) throw new Error(`the emulator answered ${method} ${path} with ${response.status}: ${await response.text()}`);
  return response.json();
}

interface DeploymentStatus {
  readonly status?: { readonly updatedReplicas?: number; readonly availableReplicas?: number; readonly replicas?: number };
}

/** Until every replica runs the last template and is available (the Pods' ready delay), at most `limitMs`. */
async function rolledOut(server: string, path: string, limitMs: number): Promise<void> {
  const until = Date.now() + limitMs;
  while (Date.now() < until) {
    const { status } = (await request(server, 'GET', path)) as DeploymentStatus;
    if (status?.updatedReplicas === DEMO_CLUSTER_REPLICAS && status.availableReplicas === DEMO_CLUSTER_REPLICAS && status.replicas === DEMO_CLUSTER_REPLICAS) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

function deploymentOf(first: DemoRevision): unknown {
  const labels = { app: DEMO_CLUSTER_DEPLOYMENT };
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: DEMO_CLUSTER_DEPLOYMENT, namespace: DEMO_CLUSTER_NAMESPACE, labels, annotations: first.changeCause ? { [CHANGE_CAUSE]: first.changeCause } : {} },
    spec: {
      // Scaled up once the last revision is in: no rolling through the older ones pod by pod.
      replicas: 0,
      revisionHistoryLimit: HISTORY_LIMIT,
      selector: { matchLabels: labels },
      template: {
        metadata: { labels },
        spec: { containers: [{ name: 'api', image: first.image, ports: [{ containerPort: 8080 }], env: [{ name: 'PORT', value: '8080' }] }] }
      }
    }
  };
}

export async function startDemoEmulator(deps: DemoEmulatorDeps): Promise<DemoEmulator> {
  const emulator = await startKubeEmulator({ argoRollouts: true, podReadyDelayMs: deps.podReadyDelayMs ?? 1000, namespaces: [DEMO_CLUSTER_NAMESPACE] });
  const kubeconfig = demoEmulatorKubeconfig(deps.dataDir);
  const stop = async () => {
    fs.rmSync(kubeconfig, { force: true });
    await emulator.stop();
  };
  try {
    const [first, ...later] = demoRevisions(deps.service, deps.releases);
    if (first) {
      const base = `/apis/apps/v1/namespaces/${DEMO_CLUSTER_NAMESPACE}/deployments`;
      await request(emulator.url, 'POST', base, deploymentOf(first));
      // Each later release as the runner makes it: the image and the change cause in one change, a new ReplicaSet each.
      for (const revision of later) {
        await request(
          emulator.url,
          'PATCH',
          `${base}/${DEMO_CLUSTER_DEPLOYMENT}`,
          { metadata: { annotations: { [CHANGE_CAUSE]: revision.changeCause } }, spec: { template: { spec: { containers: [{ name: 'api', image: revision.image }] } } } },
          'application/strategic-merge-patch+json'
        );
      }
      await request(emulator.url, 'PATCH', `${base}/${DEMO_CLUSTER_DEPLOYMENT}`, { spec: { replicas: DEMO_CLUSTER_REPLICAS } }, 'application/merge-patch+json');
      // Nobody sees it half rolled out: the board's first look finds it healthy.
      await rolledOut(emulator.url, `${base}/${DEMO_CLUSTER_DEPLOYMENT}`, 10_000 + (deps.podReadyDelayMs ?? 1000) * 3);
    }
    // Written last: whoever finds the context finds the workload there.
    emulator.writeKubeconfig(kubeconfig, { contextName: DEMO_EMULATOR_CONTEXT, namespace: DEMO_CLUSTER_NAMESPACE });
  } catch (error) {
    await stop();
    throw error;
  }
  return { context: DEMO_EMULATOR_CONTEXT, server: emulator.url, kubeconfig, stop };
}
