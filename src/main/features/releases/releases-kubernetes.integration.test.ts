/**
 * Kubernetes releases end to end, as a person drives them through the core's calls: the core's own
 * Kubernetes adapter (KUBECONFIG) against the in-process Kubernetes API emulator, the records in SQLite.
 * What an on-call engineer relies on: a release sets the image by digest and says which release did it,
 * the board reads health and drift from the cluster, a rollback restores the whole pod template and
 * holds, a broken image fails with kubectl's words and leaves the old pods serving, and faults (unknown
 * context, a dead API server, a deleted Deployment, a read-only token) are said plainly.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CallInput, CallName, CallOutput } from '../../../shared/contract';
import type { Release } from '../../../shared/domain/releases';
import { createLocalConnection, type CoreConnection } from '../../api/connection';
import { TempRepository } from '../../adapters/git/testing/temp-repository';
import { openReleaseStore } from '../../adapters/store/sqlite-release-store';
import { invoke } from '../../cli/invoke';
import { createCore } from '../../core';
import { startKubeEmulator, type KubeEmulator } from '../../kube-emulator/emulator';
import { call, openWatch } from '../../kube-emulator/emulator-test-client';
import type { JsonObject } from '../../kube-emulator/json';

/** Each service's registry repository (an artifact is one repository and digest): 127.0.0.1:5000/shop/api… */
const repositoryOf = (service: string): string => `127.0.0.1:5000/shop/${service}`;
const VERSIONS = ['1.0.0', '1.1.0', '1.2.0', '1.3.0', '1.4.0'] as const;
const digestOf = (index: number): string => `sha256:${String(index + 1).repeat(64)}`;
const imageOf = (index: number, service = 'api'): string => `${repositoryOf(service)}@${digestOf(index)}`;
/** The image whose pods never become ready (the emulator's neverReadyImages). */
const BROKEN = 4;
const SERVICES = ['api', 'web', 'cart', 'roll', 'bad', 'gone'] as const;

interface World {
  readonly root: string;
  readonly emulator: KubeEmulator;
  readonly readOnly: KubeEmulator;
  readonly doomed: KubeEmulator;
  readonly connection: CoreConnection;
  readonly changes: string[];
}

let world: World | null = null;
let savedKubeconfig: string | undefined;

function w(): World {
  if (!world) throw new Error('world not set up');
  return world;
}

const callCore = <N extends CallName>(name: N, input: CallInput<N>): Promise<CallOutput<N>> => invoke(w().connection, name, input);

function deployment(name: string, options: { image: string; replicas?: number; env?: string; annotations?: Record<string, string>; templateAnnotations?: Record<string, string>; progressDeadlineSeconds?: number; labels?: Record<string, string> }): JsonObject {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name, labels: { app: name, ...(options.labels ?? {}) }, annotations: options.annotations ?? {} },
    spec: {
      replicas: options.replicas ?? 2,
      revisionHistoryLimit: 2,
      ...(options.progressDeadlineSeconds !== undefined ? { progressDeadlineSeconds: options.progressDeadlineSeconds } : {}),
      selector: { matchLabels: { app: name } },
      template: {
        metadata: { labels: { app: name }, annotations: options.templateAnnotations ?? {} },
        spec: { containers: [{ name: 'app', image: options.image, env: [{ name: 'FEATURE', value: options.env ?? 'old' }] }] }
      }
    }
  };
}

async function kubeCall(emulator: KubeEmulator, method: string, urlPath: string, body?: JsonObject | JsonObject[], contentType = 'application/json', token?: string): Promise<JsonObject> {
  const reply = await call(emulator, method, urlPath, body, { 'Content-Type': contentType, ...(token ? { Authorization: `Bearer ${token}` } : {}) });
  if (reply.status >= 300) throw new Error(`${method} ${urlPath}: ${reply.status} ${JSON.stringify(reply.body)}`);
  return reply.body;
}

const deploymentsOf = (namespace: string) => `/apis/apps/v1/namespaces/${namespace}/deployments`;
const getDeployment = (emulator: KubeEmulator, namespace: string, name: string) => kubeCall(emulator, 'GET', `${deploymentsOf(namespace)}/${name}`);
const firstImage = (object: JsonObject): string => {
  const spec = object['spec'] as { template: { spec: { containers: { image: string; env?: { name: string; value: string }[] }[] } } };
  return spec.template.spec.containers[0]?.image ?? '';
};
const featureOf = (object: JsonObject): string | undefined => {
  const spec = object['spec'] as { template: { spec: { containers: { env?: { name: string; value: string }[] }[] } } };
  return spec.template.spec.containers[0]?.env?.find((variable) => variable.name === 'FEATURE')?.value;
};
const revisionOf = (object: JsonObject): number => Number((object['metadata'] as { annotations?: Record<string, string> }).annotations?.['deployment.kubernetes.io/revision'] ?? 0);

async function replicaSetsOf(emulator: KubeEmulator, namespace: string, app: string): Promise<JsonObject[]> {
  const list = await kubeCall(emulator, 'GET', `/apis/apps/v1/namespaces/${namespace}/replicasets?labelSelector=app%3D${app}`);
  return list['items'] as JsonObject[];
}

async function settle(id: number, until: (release: Release) => boolean = isSettled, timeoutMs = 20_000): Promise<Release> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const release = await callCore('releases.get', { deploymentId: id });
    if (until(release)) return release;
    if (Date.now() > deadline) throw new Error(`release #${id} did not settle: ${release.status} / ${release.phase}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
const isSettled = (release: Release) => ['succeeded', 'failed', 'rolled-back', 'interrupted'].includes(release.status) || release.status === 'pending-approval' || release.phase === 'paused';

async function eventually<T>(read: () => Promise<T>, ok: (value: T) => boolean, timeoutMs = 5000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (ok(value)) return value;
    if (Date.now() > deadline) return value;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

async function cell(service: string, environment: string) {
  const board = await callCore('releases.board', {});
  const found = board.services.find((entry) => entry.service === service)?.environments.find((entry) => entry.environment === environment);
  if (!found) throw new Error(`no board cell ${service}/${environment}`);
  return { cell: found, board };
}

async function configure(service: string, environment: string, kubernetes: CallInput<'environments.configure'>['kubernetes'], extra: Partial<CallInput<'environments.configure'>> = {}) {
  return callCore('environments.configure', { service, environment, targetKind: 'kubernetes', kubernetes, ...extra });
}

beforeAll(async () => {
  savedKubeconfig = process.env['KUBECONFIG'];
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'shipdeck-kube-releases-'));
  const emulator = await startKubeEmulator({ podReadyDelayMs: 50, argoRollouts: true, namespaces: ['shop', 'shop-prod', 'bg', 'canary', 'argo', 'broken'], neverReadyImages: SERVICES.map((service) => imageOf(BROKEN, service)) });
  const readOnly = await startKubeEmulator({ podReadyDelayMs: 50, namespaces: ['shop'], tokens: { admin: { user: 'admin', verbs: '*' }, viewer: { user: 'viewer', verbs: ['get', 'list', 'watch'] } } });
  const doomed = await startKubeEmulator({ podReadyDelayMs: 50, namespaces: ['shop'] });
  const files = [
    emulator.writeKubeconfig(path.join(root, 'emulator.kubeconfig'), { contextName: 'emu', namespace: 'default' }),
    readOnly.writeKubeconfig(path.join(root, 'viewer.kubeconfig'), { contextName: 'viewer', token: 'viewer' }),
    doomed.writeKubeconfig(path.join(root, 'doomed.kubeconfig'), { contextName: 'doomed' })
  ];
  // The core's adapter reads the kubeconfig as kubectl does: KUBECONFIG's files merged.
  process.env['KUBECONFIG'] = files.join(path.delimiter);

  const repo = TempRepository.init(path.join(root, 'repo'));
  const commits = VERSIONS.map((version) => {
    repo.commitFile('VERSION', `${version}\n`, `Release ${version}`);
    return repo.head();
  });
  const dataDir = path.join(root, 'data');
  const core = createCore({ dataDir, mode: 'browser', version: 'test', liveDemo: false });
  const connection = createLocalConnection(core.handlers, () => core.close());
  for (const service of SERVICES) await invoke(connection, 'services.add', { name: service, repoPath: repo.dir });
  const store = openReleaseStore(dataDir);
  try {
    for (const service of SERVICES) {
      for (const [index, version] of VERSIONS.entries()) {
        await store.artifacts.recordArtifact({ service, imageRepository: repositoryOf(service), digest: digestOf(index), commitSha: commits[index] ?? '', version, pipelineRunId: null, commitSubject: `Release ${version}` });
      }
    }
  } finally {
    store.close();
  }
  const changes: string[] = [];
  await connection.subscribe('kubernetes.changes', {}, (message) => changes.push(JSON.stringify(message)));
  world = { root, emulator, readOnly, doomed, connection, changes };
}, 30_000);

afterAll(async () => {
  await world?.connection.close();
  await world?.emulator.stop();
  await world?.readOnly.stop();
  await world?.doomed.stop().catch(() => undefined);
  if (world) fs.rmSync(world.root, { recursive: true, force: true });
  if (savedKubeconfig === undefined) delete process.env['KUBECONFIG'];
  else process.env['KUBECONFIG'] = savedKubeconfig;
}, 30_000);

describe('Kubernetes releases through the core', () => {
  it('deploys by digest (rolling), names the release in the change-cause, promotes into another namespace, and the board reads the cluster', async () => {
    const { emulator } = w();
    for (const namespace of ['shop', 'shop-prod']) await kubeCall(emulator, 'POST', deploymentsOf(namespace), deployment('api', { image: `${repositoryOf('api')}:bootstrap` }));
    const configured = await configure('api', 'staging', { context: 'emu', namespace: 'shop', deployment: 'api' }, { strategy: 'rolling' });
    expect(configured.environments.find((environment) => environment.name === 'staging')?.targetKind).toBe('kubernetes');
    await configure('api', 'prod', { context: 'emu', namespace: 'shop-prod', deployment: 'api' });

    const first = await callCore('releases.deploy', { service: 'api', environment: 'staging', digest: digestOf(0) });
    expect((await settle(first.id)).status).toBe('succeeded');
    const live = await getDeployment(emulator, 'shop', 'api');
    expect(firstImage(live)).toBe(imageOf(0));
    const sets = await replicaSetsOf(emulator, 'shop', 'api');
    const newest = sets.find((set) => (set['metadata'] as { annotations: Record<string, string> }).annotations['deployment.kubernetes.io/revision'] === String(revisionOf(live)));
    expect((newest?.['metadata'] as { annotations: Record<string, string> }).annotations['kubernetes.io/change-cause']).toContain(`#${first.id}`);

    const promoted = await callCore('releases.promote', { service: 'api', environment: 'prod' });
    expect(promoted.status).toBe('pending-approval');
    await callCore('releases.approve', { deploymentId: promoted.id });
    expect((await settle(promoted.id)).status).toBe('succeeded');
    expect(firstImage(await getDeployment(emulator, 'shop-prod', 'api'))).toBe(imageOf(0));

    const { cell: staging } = await cell('api', 'staging');
    expect(staging.health).toBe('healthy');
    expect(staging.drift).toEqual({ kind: 'none' });
    expect(staging.instances.length).toBeGreaterThan(0);
    expect(staging.current?.digest).toBe(digestOf(0));
    const { cell: prod } = await cell('api', 'prod');
    expect(prod.health).toBe('healthy');
    expect(prod.current?.digest).toBe(digestOf(0));
  }, 30_000);

  it('sees a change made by hand as drift (with a hint), shows the pod-template diff and the GitOps warning before a rollback, refuses a paused Deployment, and rolls back by undo', async () => {
    const { emulator } = w();
    for (const index of [1, 2]) {
      const release = await callCore('releases.deploy', { service: 'api', environment: 'staging', digest: digestOf(index) });
      expect((await settle(release.id)).status).toBe('succeeded');
    }
    const before = w().changes.length;
    // kubectl set image + set env + an Argo CD tracking annotation, by hand.
    await kubeCall(
      emulator,
      'PATCH',
      `${deploymentsOf('shop')}/api`,
      {
        metadata: { annotations: { 'argocd.argoproj.io/tracking-id': 'shop-api:apps/Deployment:shop/api' } },
        spec: { template: { spec: { containers: [{ name: 'app', image: `${repositoryOf('api')}:hotfix`, env: [{ name: 'FEATURE', value: 'new' }] }] } } }
      },
      'application/strategic-merge-patch+json'
    );
    const hinted = await eventually(async () => w().changes.slice(before), (seen) => seen.some((text) => text.includes('"staging"')), 3000);
    expect(hinted.some((text) => text.includes('"api"') && text.includes('"staging"'))).toBe(true);
    const drifted = await eventually(async () => (await cell('api', 'staging')).cell, (found) => found.drift.kind === 'drift', 3000);
    expect(drifted.drift.kind).toBe('drift');

    const preflight = await callCore('releases.preflight', { service: 'api', environment: 'staging' });
    expect(preflight.to.digest).toBe(digestOf(1));
    const text = JSON.stringify(preflight);
    expect(text).toContain('FEATURE');
    expect(text).toContain('argocd app set shop-api --sync-policy none');

    await kubeCall(emulator, 'PATCH', `${deploymentsOf('shop')}/api`, { spec: { paused: true } }, 'application/merge-patch+json');
    const paused = await callCore('releases.preflight', { service: 'api', environment: 'staging' });
    expect(paused.blocked).toBe(true);
    expect(paused.checks.find((check) => check.id === 'target')?.status).toBe('blocked');
    const inbox = await eventually(async () => (await cell('api', 'staging')).board.inbox, (items) => items.some((item) => item.kind === 'paused-workload' && item.environment === 'staging'), 3000);
    expect(inbox.some((item) => item.kind === 'paused-workload' && item.service === 'api' && item.environment === 'staging')).toBe(true);
    await callCore('kubernetes.control', { service: 'api', environment: 'staging', action: 'resume' });

    const revisionBefore = revisionOf(await getDeployment(emulator, 'shop', 'api'));
    const rollback = await callCore('releases.rollback', { service: 'api', environment: 'staging', reason: 'hotfix broke checkout' });
    const undone = await settle(rollback.id);
    expect(undone.status).toBe('succeeded');
    const after = await getDeployment(emulator, 'shop', 'api');
    expect(firstImage(after)).toBe(imageOf(1));
    expect(featureOf(after)).toBe('old');
    expect(revisionOf(after)).toBeGreaterThan(revisionBefore);
    const { cell: held } = await cell('api', 'staging');
    expect(held.hold?.reason).toBe('hotfix broke checkout');
    await callCore('releases.releaseHold', { service: 'api', environment: 'staging' });

    // revisionHistoryLimit 2: the first release's ReplicaSet is gone, the record still says what it ran.
    const revisions = await callCore('kubernetes.revisions', { service: 'api', environment: 'staging' });
    const firstRelease = revisions.find((revision) => revision.digest === digestOf(0));
    expect(firstRelease?.revision).toBeNull();
    expect(firstRelease?.deploymentId).not.toBeNull();
    expect(revisions.find((revision) => revision.current)?.digest).toBe(digestOf(1));

    // Back to a release whose ReplicaSet is gone: the image is set back, the rest of the template kept.
    const gone = await callCore('releases.preflight', { service: 'api', environment: 'staging', toDigest: digestOf(0) });
    expect(gone.checks.find((check) => check.id === 'changes')?.detail).toContain('No ReplicaSet keeps that revision');
    const older = await callCore('releases.rollback', { service: 'api', environment: 'staging', toDigest: digestOf(0), reason: 'older still' });
    expect((await settle(older.id)).status).toBe('succeeded');
    const restored = await getDeployment(emulator, 'shop', 'api');
    expect(firstImage(restored)).toBe(imageOf(0));
    expect(featureOf(restored)).toBe('old');
    await callCore('releases.releaseHold', { service: 'api', environment: 'staging' });

    // A known artifact set by hand (kubectl set image to a digest, the Deployment's change-cause still naming
    // the last rollback): the revision is the artifact's version, not that rollback's.
    await kubeCall(emulator, 'PATCH', `${deploymentsOf('shop')}/api`, { spec: { template: { spec: { containers: [{ name: 'app', image: imageOf(2) }] } } } }, 'application/strategic-merge-patch+json');
    const byHand = await eventually(
      () => callCore('kubernetes.revisions', { service: 'api', environment: 'staging' }),
      (list) => list.some((revision) => revision.current && revision.digest === digestOf(2)),
      3000
    );
    expect(byHand.find((revision) => revision.current)?.version).toBe(VERSIONS[2]);
  }, 30_000);

  it('fails a release whose pods never become ready with kubectl’s words and puts the old template back', async () => {
    const { emulator } = w();
    await kubeCall(emulator, 'POST', deploymentsOf('broken'), deployment('bad', { image: `${repositoryOf('bad')}:bootstrap`, progressDeadlineSeconds: 1 }));
    await configure('bad', 'staging', { context: 'emu', namespace: 'broken', deployment: 'bad' });
    const good = await callCore('releases.deploy', { service: 'bad', environment: 'staging', digest: digestOf(0) });
    expect((await settle(good.id)).status).toBe('succeeded');
    const broken = await callCore('releases.deploy', { service: 'bad', environment: 'staging', digest: digestOf(BROKEN) });
    const failed = await settle(broken.id);
    expect(failed.status).toBe('failed');
    const detail = await callCore('releases.get', { deploymentId: broken.id });
    expect(JSON.stringify(detail)).toContain('exceeded its progress deadline');
    const after = await eventually(() => getDeployment(emulator, 'broken', 'bad'), (object) => firstImage(object) === imageOf(0, 'bad'));
    expect(firstImage(after)).toBe(imageOf(0, 'bad'));
    const { cell: bad } = await cell('bad', 'staging');
    expect(bad.current?.digest).toBe(digestOf(0));
  }, 30_000);

  it('releases blue-green by switching the Service selector and rolls back by switching it back', async () => {
    const { emulator } = w();
    await kubeCall(emulator, 'POST', deploymentsOf('bg'), deployment('web', { image: `${repositoryOf('web')}:bootstrap` }));
    await kubeCall(emulator, 'POST', '/api/v1/namespaces/bg/services', { apiVersion: 'v1', kind: 'Service', metadata: { name: 'web' }, spec: { selector: { app: 'web' }, ports: [{ port: 80, targetPort: 8080 }] } });
    await configure('web', 'staging', { context: 'emu', namespace: 'bg', deployment: 'web' }, { strategy: 'blue-green', instances: 2 });
    const colourNow = async () => ((await kubeCall(emulator, 'GET', '/api/v1/namespaces/bg/services/web'))['spec'] as { selector: Record<string, string> }).selector['shipdeck.dev/colour'];
    const first = await callCore('releases.deploy', { service: 'web', environment: 'staging', digest: digestOf(0) });
    expect((await settle(first.id)).status).toBe('succeeded');
    const firstColour = await colourNow();
    expect(['blue', 'green']).toContain(firstColour);
    expect(firstImage(await getDeployment(emulator, 'bg', `web-${firstColour}`))).toBe(imageOf(0, 'web'));
    const second = await callCore('releases.deploy', { service: 'web', environment: 'staging', digest: digestOf(1) });
    expect((await settle(second.id)).status).toBe('succeeded');
    const secondColour = await colourNow();
    expect(secondColour).not.toBe(firstColour);
    expect(firstImage(await getDeployment(emulator, 'bg', `web-${secondColour}`))).toBe(imageOf(1, 'web'));
    const { cell: live } = await cell('web', 'staging');
    expect(live.health).toBe('healthy');
    expect(live.drift).toEqual({ kind: 'none' });

    // The pre-flight compares with the idle colour, which a rollback switches back to.
    const preflight = await callCore('releases.preflight', { service: 'web', environment: 'staging' });
    expect(preflight.checks.find((check) => check.id === 'changes')?.detail).toContain(`Switches the Service back to web-${firstColour}`);
    expect(preflight.checks.find((check) => check.id === 'target')?.detail).toContain(`web-${secondColour}`);

    const serviceVersion = ((await kubeCall(emulator, 'GET', '/api/v1/namespaces/bg/services/web'))['metadata'] as { resourceVersion: string }).resourceVersion;
    const serviceWrites = openWatch(emulator, `/api/v1/namespaces/bg/services?watch=1&resourceVersion=${serviceVersion}&fieldSelector=metadata.name%3Dweb`);
    const rollback = await callCore('releases.rollback', { service: 'web', environment: 'staging', reason: 'errors on green' });
    expect((await settle(rollback.id)).status).toBe('succeeded');
    expect(await colourNow()).toBe(firstColour);
    // Traffic goes back in one write of the Service's selector (the idle colour was kept running).
    await serviceWrites.waitFor((events) => events.length > 0, 2000);
    serviceWrites.close();
    expect(serviceWrites.events.filter((event) => event.type === 'MODIFIED')).toHaveLength(1);
    expect(firstImage(await getDeployment(emulator, 'bg', `web-${firstColour}`))).toBe(imageOf(0, 'web'));
    await callCore('releases.releaseHold', { service: 'web', environment: 'staging' });
  }, 30_000);

  it('moves a canary of Deployments by hand to 100 and aborts one back to stable', async () => {
    const { emulator } = w();
    await kubeCall(emulator, 'POST', deploymentsOf('canary'), deployment('cart', { image: `${repositoryOf('cart')}:bootstrap`, replicas: 4 }));
    await configure('cart', 'staging', { context: 'emu', namespace: 'canary', deployment: 'cart' }, { strategy: 'canary', instances: 4, canarySteps: [25, 50, 100], canaryPauseSeconds: null });
    const first = await callCore('releases.deploy', { service: 'cart', environment: 'staging', digest: digestOf(0), strategy: 'rolling' });
    expect((await settle(first.id)).status).toBe('succeeded');

    const canary = await callCore('releases.deploy', { service: 'cart', environment: 'staging', digest: digestOf(1) });
    const atFirstStep = await settle(canary.id);
    expect(atFirstStep.phase).toBe('paused');
    expect(firstImage(await getDeployment(emulator, 'canary', 'cart-canary'))).toBe(imageOf(1, 'cart'));
    const board = (await cell('cart', 'staging')).board;
    expect(board.inbox.some((item) => item.kind === 'paused-canary' && item.service === 'cart')).toBe(true);
    await callCore('releases.canary', { service: 'cart', environment: 'staging', action: 'continue' });
    await settle(canary.id, (release) => release.phase === 'paused' && (release.weight ?? 0) >= 50);
    await callCore('releases.canary', { service: 'cart', environment: 'staging', action: 'continue' });
    expect((await settle(canary.id)).status).toBe('succeeded');
    expect(firstImage(await getDeployment(emulator, 'canary', 'cart'))).toBe(imageOf(1, 'cart'));
    expect((await call(emulator, 'GET', `${deploymentsOf('canary')}/cart-canary`)).status).toBe(404);

    const aborted = await callCore('releases.deploy', { service: 'cart', environment: 'staging', digest: digestOf(2) });
    expect((await settle(aborted.id)).phase).toBe('paused');
    await callCore('releases.canary', { service: 'cart', environment: 'staging', action: 'abort' });
    expect((await settle(aborted.id)).status).toBe('rolled-back');
    expect(firstImage(await getDeployment(emulator, 'canary', 'cart'))).toBe(imageOf(1, 'cart'));
    expect((await call(emulator, 'GET', `${deploymentsOf('canary')}/cart-canary`)).status).toBe(404);
  }, 30_000);

  it('drives an Argo Rollout: gates at its pause steps, continues to Healthy, aborts back to stable', async () => {
    const { emulator } = w();
    const rollout: JsonObject = {
      apiVersion: 'argoproj.io/v1alpha1',
      kind: 'Rollout',
      metadata: { name: 'roll', labels: { app: 'roll' } },
      spec: {
        replicas: 4,
        selector: { matchLabels: { app: 'roll' } },
        template: { metadata: { labels: { app: 'roll' } }, spec: { containers: [{ name: 'app', image: `${repositoryOf('roll')}:bootstrap` }] } },
        strategy: { canary: { steps: [{ setWeight: 25 }, { pause: {} }, { setWeight: 50 }, { pause: {} }] } }
      }
    };
    await kubeCall(emulator, 'POST', '/apis/argoproj.io/v1alpha1/namespaces/argo/rollouts', rollout);
    const readRollout = () => kubeCall(emulator, 'GET', '/apis/argoproj.io/v1alpha1/namespaces/argo/rollouts/roll');
    await eventually(readRollout, (object) => (object['status'] as { phase?: string } | undefined)?.phase === 'Healthy');
    await configure('roll', 'staging', { context: 'emu', namespace: 'argo', deployment: 'roll', rollout: 'roll' }, { strategy: 'canary', instances: 4, canaryPauseSeconds: null });

    const release = await callCore('releases.deploy', { service: 'roll', environment: 'staging', digest: digestOf(0) });
    expect((await settle(release.id)).phase).toBe('paused');
    await callCore('releases.canary', { service: 'roll', environment: 'staging', action: 'continue' });
    await settle(release.id, (moved) => (moved.phase === 'paused' && (moved.weight ?? 0) >= 50) || isSettled(moved) && moved.phase !== 'paused');
    await callCore('releases.canary', { service: 'roll', environment: 'staging', action: 'continue' });
    expect((await settle(release.id)).status).toBe('succeeded');
    const healthy = await readRollout();
    expect((healthy['status'] as { phase: string }).phase).toBe('Healthy');
    expect(firstImage(healthy)).toBe(imageOf(0, 'roll'));

    const next = await callCore('releases.deploy', { service: 'roll', environment: 'staging', digest: digestOf(1) });
    expect((await settle(next.id)).phase).toBe('paused');
    await callCore('releases.canary', { service: 'roll', environment: 'staging', action: 'abort' });
    expect((await settle(next.id)).status).toBe('rolled-back');
    const back = await eventually(readRollout, (object) => (object['status'] as { phase?: string }).phase === 'Healthy');
    expect(firstImage(back)).toBe(imageOf(0, 'roll'));
  }, 30_000);

  it('says what is wrong with an unknown context, a read-only token and a Deployment deleted mid-rollout, and the rest of the board stays fine', async () => {
    const { emulator, readOnly } = w();
    await configure('gone', 'nowhere', { context: 'no-such-context', namespace: 'shop', deployment: 'gone' });
    const unknown = await callCore('releases.deploy', { service: 'gone', environment: 'nowhere', digest: digestOf(0) });
    expect((await settle(unknown.id)).status).toBe('failed');
    const said = (await callCore('releases.get', { deploymentId: unknown.id })).events.map((event) => event.detail ?? '').join('\n');
    expect(said).toContain('context "no-such-context" is not in the kubeconfig');
    const { cell: nowhere, board } = await cell('gone', 'nowhere');
    expect(nowhere.health).toBe('unknown');
    expect(nowhere.healthDetail).toContain('no-such-context');
    // Its watch says why it is not watching, instead of throwing out of the core.
    const overview = await callCore('kubernetes.overview', {});
    expect(overview.watches.find((watch) => watch.context === 'no-such-context')).toMatchObject({ state: 'backing-off', problem: expect.stringContaining('not in the kubeconfig') });
    expect(board.services.find((entry) => entry.service === 'api')?.environments.find((entry) => entry.environment === 'staging')?.health).toBe('healthy');

    // A token that may get, list and watch but not patch.
    await kubeCall(readOnly, 'POST', deploymentsOf('shop'), deployment('gone', { image: `${repositoryOf('gone')}:bootstrap` }), 'application/json', 'admin');
    await configure('gone', 'viewer', { context: 'viewer', namespace: 'shop', deployment: 'gone' });
    const forbidden = await callCore('releases.deploy', { service: 'gone', environment: 'viewer', digest: digestOf(0) });
    expect((await settle(forbidden.id)).status).toBe('failed');
    const refused = (await callCore('releases.get', { deploymentId: forbidden.id })).events.map((event) => event.detail ?? '').join('\n');
    // KUBE_FORBIDDEN in the API's words: the user, the verb and the resource.
    expect(refused).toContain('User "viewer" cannot patch resource "deployments"');
    expect(firstImage(await kubeCall(readOnly, 'GET', `${deploymentsOf('shop')}/gone`, undefined, 'application/json', 'admin'))).toBe(`${repositoryOf('gone')}:bootstrap`);

    // Deleted while its pods are not ready yet.
    await kubeCall(emulator, 'POST', deploymentsOf('broken'), deployment('gone', { image: `${repositoryOf('gone')}:bootstrap`, templateAnnotations: { 'emulator.shipdeck.dev/ready-after-ms': '3000' } }));
    await configure('gone', 'deleted', { context: 'emu', namespace: 'broken', deployment: 'gone' });
    const doomed = await callCore('releases.deploy', { service: 'gone', environment: 'deleted', digest: digestOf(1) });
    await new Promise((resolve) => setTimeout(resolve, 300));
    await kubeCall(emulator, 'DELETE', `${deploymentsOf('broken')}/gone`);
    const failed = await settle(doomed.id);
    expect(failed.status).toBe('failed');
    const why = (await callCore('releases.get', { deploymentId: doomed.id })).events.map((event) => event.detail ?? '').join('\n');
    expect(why).toMatch(/deleted/);
  }, 30_000);

  it('records nothing as succeeded when the API server goes away mid-rollout, and the board says it is unreachable', async () => {
    const { doomed } = w();
    await kubeCall(doomed, 'POST', deploymentsOf('shop'), deployment('gone', { image: `${repositoryOf('gone')}:bootstrap`, templateAnnotations: { 'emulator.shipdeck.dev/ready-after-ms': '3000' } }));
    await configure('gone', 'lost', { context: 'doomed', namespace: 'shop', deployment: 'gone' });
    const release = await callCore('releases.deploy', { service: 'gone', environment: 'lost', digest: digestOf(2) });
    await new Promise((resolve) => setTimeout(resolve, 300));
    await doomed.stop();
    const ended = await settle(release.id);
    expect(ended.status).not.toBe('succeeded');
    expect(['failed', 'interrupted']).toContain(ended.status);
    const { cell: lost, board } = await cell('gone', 'lost');
    expect(lost.current).toBeNull();
    expect(lost.health).toBe('unknown');
    expect(lost.healthDetail).toContain('no Kubernetes API server answers');
    expect(board.services.find((entry) => entry.service === 'api')?.environments.find((entry) => entry.environment === 'staging')?.health).toBe('healthy');
  }, 30_000);
});
