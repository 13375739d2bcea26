/** The adapter against the in-process Kubernetes API emulator (a real HTTP API server of our own; no cluster needed). */
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startKubeEmulator, type KubeEmulator } from '../../kube-emulator/emulator';
import { call } from '../../kube-emulator/emulator-test-client';
import type { JsonObject } from '../../kube-emulator/json';
import type { KubernetesPort, RolloutProgress, WorkloadRef } from '../../ports/kubernetes';
import { createKubernetesAdapter } from './kubernetes-adapter';

const DEPLOYMENTS = '/apis/apps/v1/namespaces/default/deployments';
const SERVICES = '/api/v1/namespaces/default/services';
const ROLLOUTS = '/apis/argoproj.io/v1alpha1/namespaces/default/rollouts';
const TEMPLATES = '/apis/argoproj.io/v1alpha1/namespaces/default/analysistemplates';
const DIGEST = `registry.local/api@sha256:${'a'.repeat(64)}`;

function tempDir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'shipdeck-kadapter-'));
}

function deployment(name: string, options: { image?: string; replicas?: number; templateAnnotations?: Record<string, string>; progressDeadlineSeconds?: number } = {}): JsonObject {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name, labels: { app: name } },
    spec: {
      replicas: options.replicas ?? 2,
      ...(options.progressDeadlineSeconds !== undefined ? { progressDeadlineSeconds: options.progressDeadlineSeconds } : {}),
      selector: { matchLabels: { app: name } },
      template: { metadata: { labels: { app: name }, annotations: options.templateAnnotations ?? {} }, spec: { containers: [{ name: 'app', image: options.image ?? 'registry.local/api:1' }] } }
    }
  };
}

async function create(emulator: KubeEmulator, collection: string, body: JsonObject): Promise<void> {
  const reply = await call(emulator, 'POST', collection, body, {});
  if (reply.status >= 300) throw new Error(`create failed: ${JSON.stringify(reply.body)}`);
}

const ref = (name: string, kind: WorkloadRef['kind'] = 'Deployment'): WorkloadRef => ({ context: null, namespace: 'default', kind, name });

describe('Deployments', () => {
  let emulator: KubeEmulator;
  let adapter: KubernetesPort;
  beforeAll(async () => {
    emulator = await startKubeEmulator({ podReadyDelayMs: 50 });
    const dir = tempDir();
    adapter = createKubernetesAdapter({ env: { KUBECONFIG: emulator.writeKubeconfig(path.join(dir, 'config')) } });
  });
  afterAll(async () => {
    await adapter.close();
    await emulator.stop();
  });

  it('sets an image by digest, follows the rollout as kubectl does, records the change-cause and lists revisions newest first', async () => {
    await create(emulator, DEPLOYMENTS, deployment('api'));
    await adapter.followRollout(ref('api'), { timeoutMs: 10_000 });
    const written = await adapter.setImage(ref('api'), { container: null, image: DIGEST, changeCause: 'shipdeck: release 1.2.0' }, undefined);
    expect(written.containers).toEqual([{ name: 'app', image: DIGEST }]);
    expect(written.annotations['kubernetes.io/change-cause']).toBe('shipdeck: release 1.2.0');
    const seen: RolloutProgress[] = [];
    const final = await adapter.followRollout(ref('api'), { onProgress: (progress) => seen.push(progress), timeoutMs: 10_000 });
    expect(final).toMatchObject({ done: true, message: 'deployment "api" successfully rolled out', desiredReplicas: 2, fraction: 1 });
    expect(seen.some((progress) => /^Waiting for deployment "api" rollout to finish: /.test(progress.message))).toBe(true);
    const history = await adapter.revisions(ref('api'));
    expect(history.map((revision) => revision.revision)).toEqual([2, 1]);
    expect(history[0]).toMatchObject({ changeCause: 'shipdeck: release 1.2.0', containers: [{ name: 'app', image: DIGEST }] });
    expect(JSON.stringify(history[0]?.template)).not.toContain('pod-template-hash');
  });

  it('undoes to the previous revision and to a given one as kubectl rollout undo does', async () => {
    const back = await adapter.undo(ref('api'), 0, 'shipdeck: roll back to 1', undefined);
    expect(back).toEqual({ toRevision: 1, unchanged: false });
    await adapter.followRollout(ref('api'), { timeoutMs: 10_000 });
    const after = await adapter.getWorkload(ref('api'));
    expect(after?.containers[0]?.image).toBe('registry.local/api:1');
    expect(after?.revision).toBe(3);
    expect(after?.annotations['kubernetes.io/change-cause']).toBe('shipdeck: roll back to 1');
    expect(await adapter.undo(ref('api'), 3, 'again', undefined)).toEqual({ toRevision: 3, unchanged: true });
    await expect(adapter.undo(ref('api'), 42, 'x', undefined)).rejects.toMatchObject({ code: 'NOT_FOUND', message: 'unable to find specified revision 42 in history' });
    const forward = await adapter.undo(ref('api'), 2, 'shipdeck: forward to 2', undefined);
    expect(forward).toEqual({ toRevision: 2, unchanged: false });
    await adapter.followRollout(ref('api'), { timeoutMs: 10_000 });
    expect((await adapter.getWorkload(ref('api')))?.containers[0]?.image).toBe(DIGEST);
  });

  it('pauses (undo refused, follow resolves not done), resumes, restarts and scales', async () => {
    await adapter.pause(ref('api'));
    expect((await adapter.getWorkload(ref('api')))?.paused).toBe(true);
    await expect(adapter.undo(ref('api'), 0, 'x', undefined)).rejects.toMatchObject({ code: 'KUBE_INVALID', message: expect.stringContaining('you cannot rollback a paused deployment') });
    await adapter.setImage(ref('api'), { container: 'app', image: 'registry.local/api:3', changeCause: 'while paused' });
    const paused = await adapter.followRollout(ref('api'), { timeoutMs: 5000 });
    expect(paused.done).toBe(false);
    expect(paused.message).toContain('paused');
    await adapter.resume(ref('api'));
    expect((await adapter.followRollout(ref('api'), { timeoutMs: 10_000 })).done).toBe(true);
    await adapter.restart(ref('api'));
    const restarted = await adapter.getWorkload(ref('api'));
    expect(JSON.stringify(restarted?.template)).toContain('kubectl.kubernetes.io/restartedAt');
    await adapter.followRollout(ref('api'), { timeoutMs: 10_000 });
    await adapter.scale(ref('api'), 3);
    const scaled = await adapter.followRollout(ref('api'), { timeoutMs: 10_000 });
    expect(scaled).toMatchObject({ done: true, desiredReplicas: 3, availableReplicas: 3 });
    await expect(adapter.setImage(ref('api'), { container: 'nope', image: 'x:1', changeCause: 'x' })).rejects.toMatchObject({ code: 'KUBE_INVALID', message: expect.stringContaining('its containers: app') });
  });

  it('fails the rollout with kubectl\'s message when the progress deadline passes', async () => {
    await create(emulator, DEPLOYMENTS, deployment('stuck', { progressDeadlineSeconds: 1, templateAnnotations: { 'emulator.shipdeck.dev/never-ready': 'true' } }));
    await expect(adapter.followRollout(ref('stuck'), { timeoutMs: 15_000 })).rejects.toMatchObject({ code: 'ROLLOUT_FAILED', message: 'deployment "stuck" exceeded its progress deadline' });
  });

  it('fails the rollout when the Deployment is deleted while it is followed, and stops on the signal', async () => {
    await create(emulator, DEPLOYMENTS, deployment('doomed', { templateAnnotations: { 'emulator.shipdeck.dev/never-ready': 'true' } }));
    const following = adapter.followRollout(ref('doomed'), { timeoutMs: 10_000 });
    await new Promise((resolve) => setTimeout(resolve, 200));
    await adapter.deleteWorkload(ref('doomed'));
    await expect(following).rejects.toMatchObject({ code: 'ROLLOUT_FAILED', message: expect.stringContaining('was deleted during the rollout') });
    expect(await adapter.getWorkload(ref('doomed'))).toBeNull();

    await create(emulator, DEPLOYMENTS, deployment('waiting', { templateAnnotations: { 'emulator.shipdeck.dev/never-ready': 'true' } }));
    const controller = new AbortController();
    const cancelled = adapter.followRollout(ref('waiting'), { signal: controller.signal });
    setTimeout(() => controller.abort(), 100);
    await expect(cancelled).rejects.toMatchObject({ code: 'CANCELLED' });
  });

  it('applies a sibling Deployment and switches a Service selector whole (keys not wanted are removed)', async () => {
    await create(emulator, SERVICES, { apiVersion: 'v1', kind: 'Service', metadata: { name: 'api' }, spec: { selector: { app: 'api' }, ports: [{ port: 80 }] } });
    const green = await adapter.applySibling({ name: 'api-green', from: ref('api'), image: 'registry.local/api:4', replicas: 1, labels: { 'shipdeck.dev/colour': 'green' }, changeCause: 'green 4' });
    expect(green.templateLabels).toEqual({ app: 'api', 'shipdeck.dev/colour': 'green' });
    expect(green.containers).toEqual([{ name: 'app', image: 'registry.local/api:4' }]);
    await adapter.followRollout(ref('api-green'), { timeoutMs: 10_000 });
    const again = await adapter.applySibling({ name: 'api-green', from: ref('api'), image: 'registry.local/api:5', replicas: 2, labels: { 'shipdeck.dev/colour': 'green' }, changeCause: 'green 5' });
    expect(again.uid).toBe(green.uid);
    expect(again.desiredReplicas).toBe(2);
    const recoloured = await adapter.applySibling({ name: 'api-green', from: ref('api'), image: 'registry.local/api:5', replicas: 1, labels: { 'shipdeck.dev/track': 'canary' }, changeCause: 'selector changed' });
    expect(recoloured.uid).not.toBe(green.uid);
    expect(recoloured.templateLabels).toEqual({ app: 'api', 'shipdeck.dev/track': 'canary' });

    await adapter.setServiceSelector(null, 'default', 'api', { app: 'api', 'shipdeck.dev/colour': 'green' });
    expect(await adapter.getService(null, 'default', 'api')).toEqual({ name: 'api', selector: { app: 'api', 'shipdeck.dev/colour': 'green' } });
    await adapter.setServiceSelector(null, 'default', 'api', { app: 'api' });
    expect(await adapter.getService(null, 'default', 'api')).toEqual({ name: 'api', selector: { app: 'api' } });
    expect(await adapter.getService(null, 'default', 'missing')).toBeNull();
    expect(await adapter.hasArgoRollouts(null)).toBe(false);
  });
});

describe('Argo Rollouts', () => {
  let emulator: KubeEmulator;
  let adapter: KubernetesPort;
  let metrics: http.Server;
  beforeAll(async () => {
    metrics = http.createServer((_request, response) => response.end(JSON.stringify({ data: { rate: 0.99 } })));
    await new Promise<void>((resolve) => metrics.listen(0, '127.0.0.1', resolve));
    emulator = await startKubeEmulator({ podReadyDelayMs: 50, argoRollouts: true });
    adapter = createKubernetesAdapter({ env: { KUBECONFIG: emulator.writeKubeconfig(path.join(tempDir(), 'config')) } });
    await create(emulator, TEMPLATES, {
      apiVersion: 'argoproj.io/v1alpha1',
      kind: 'AnalysisTemplate',
      metadata: { name: 'success-rate' },
      spec: { args: [{ name: 'url' }], metrics: [{ name: 'success-rate', interval: '1s', count: 1, successCondition: 'result >= 0.95', provider: { web: { url: '{{args.url}}', jsonPath: '{$.data.rate}' } } }] }
    });
    const url = `http://127.0.0.1:${(metrics.address() as AddressInfo).port}/rate`;
    await create(emulator, ROLLOUTS, {
      apiVersion: 'argoproj.io/v1alpha1',
      kind: 'Rollout',
      metadata: { name: 'shop' },
      spec: {
        replicas: 2,
        selector: { matchLabels: { app: 'shop' } },
        template: { metadata: { labels: { app: 'shop' } }, spec: { containers: [{ name: 'app', image: 'registry.local/shop:1' }] } },
        strategy: { canary: { steps: [{ setWeight: 50 }, { pause: {} }, { analysis: { templates: [{ templateName: 'success-rate' }], args: [{ name: 'url', value: url }] } }] } }
      }
    });
  });
  afterAll(async () => {
    await adapter.close();
    await emulator.stop();
    await new Promise<void>((resolve) => metrics.close(() => resolve()));
  });

  it('pauses at the pause step, is promoted, runs the analysis and becomes healthy', async () => {
    expect(await adapter.hasArgoRollouts(null)).toBe(true);
    expect((await adapter.followRollout(ref('shop', 'Rollout'), { timeoutMs: 10_000 })).done).toBe(true);
    const written = await adapter.setImage(ref('shop', 'Rollout'), { container: null, image: DIGEST, changeCause: 'shop 2' });
    expect(written.containers[0]?.image).toBe(DIGEST);
    const paused = await adapter.followRollout(ref('shop', 'Rollout'), { timeoutMs: 10_000 });
    expect(paused.done).toBe(false);
    const atPause = await adapter.getWorkload(ref('shop', 'Rollout'));
    expect(atPause?.rollout).toMatchObject({ phase: 'Paused', paused: true, currentStepIndex: 1, stepCount: 3, canaryWeight: 50 });
    await adapter.promoteRollout(ref('shop', 'Rollout'), false);
    const healthy = await adapter.followRollout(ref('shop', 'Rollout'), { timeoutMs: 15_000 });
    expect(healthy).toMatchObject({ done: true, message: 'rollout "shop" successfully rolled out' });
    const runs = await adapter.analysisRuns(ref('shop', 'Rollout'));
    expect(runs).toHaveLength(1);
    expect(runs[0]).toMatchObject({ phase: 'Successful', stepIndex: 2, metrics: [{ name: 'success-rate', phase: 'Successful', successful: 1, measurements: [{ phase: 'Successful', value: '0.99' }] }] });
    const history = await adapter.revisions(ref('shop', 'Rollout'));
    expect(history.map((revision) => revision.revision)).toEqual([2, 1]);
  });

  it('aborts (the rollout fails) and retries (the steps start again)', async () => {
    await adapter.setImage(ref('shop', 'Rollout'), { container: 'app', image: 'registry.local/shop:3', changeCause: 'shop 3' });
    expect((await adapter.followRollout(ref('shop', 'Rollout'), { timeoutMs: 10_000 })).done).toBe(false);
    await adapter.abortRollout(ref('shop', 'Rollout'));
    await expect(adapter.followRollout(ref('shop', 'Rollout'), { timeoutMs: 10_000 })).rejects.toMatchObject({ code: 'ROLLOUT_FAILED', message: expect.stringContaining('rollout "shop" was aborted') });
    expect((await adapter.getWorkload(ref('shop', 'Rollout')))?.rollout?.aborted).toBe(true);
    await adapter.retryRollout(ref('shop', 'Rollout'));
    const again = await adapter.followRollout(ref('shop', 'Rollout'), { timeoutMs: 10_000 });
    expect(again.done).toBe(false);
    expect((await adapter.getWorkload(ref('shop', 'Rollout')))?.rollout).toMatchObject({ aborted: false, paused: true, currentStepIndex: 1 });
    await adapter.promoteRollout(ref('shop', 'Rollout'), true);
    expect((await adapter.followRollout(ref('shop', 'Rollout'), { timeoutMs: 15_000 })).done).toBe(true);
  });
});

describe('kubeconfig and errors', () => {
  const emulators: KubeEmulator[] = [];
  afterEach(async () => {
    await Promise.all(emulators.splice(0).map((emulator) => emulator.stop()));
  });

  it('names the unknown context with the known ones, and the file that is not YAML', async () => {
    const emulator = await startKubeEmulator({ podReadyDelayMs: 50 });
    emulators.push(emulator);
    const dir = tempDir();
    const good = emulator.writeKubeconfig(path.join(dir, 'good'));
    const adapter = createKubernetesAdapter({ env: { KUBECONFIG: good } });
    await expect(adapter.getWorkload({ ...ref('api'), context: 'prod' })).rejects.toMatchObject({ code: 'KUBECONFIG_INVALID', message: expect.stringContaining('context "prod" is not in the kubeconfig') });
    await expect(adapter.getWorkload({ ...ref('api'), context: 'prod' })).rejects.toMatchObject({ message: expect.stringContaining('known contexts: kube-emulator') });
    const bad = path.join(dir, 'bad');
    fs.writeFileSync(bad, 'clusters: [unclosed\n  - {');
    const broken = createKubernetesAdapter({ env: { KUBECONFIG: [good, bad].join(path.delimiter) } });
    await expect(broken.getWorkload(ref('api'))).rejects.toMatchObject({ code: 'KUBECONFIG_INVALID', message: expect.stringContaining(bad) });
    expect(broken.kubeconfig().problem).toContain(bad);
  });

  it('reports an API server that is gone as unreachable, naming the URL and context', async () => {
    const emulator = await startKubeEmulator({ podReadyDelayMs: 50 });
    const adapter = createKubernetesAdapter({ env: { KUBECONFIG: emulator.writeKubeconfig(path.join(tempDir(), 'config')) } });
    await emulator.stop();
    await expect(adapter.getWorkload(ref('api'))).rejects.toMatchObject({ code: 'TARGET_UNREACHABLE', message: expect.stringContaining(`${emulator.url} (context "kube-emulator")`) });
  });

  it('authenticates with a token and with an exec plugin over https; 401 after the token is withdrawn; 403 names the verb', async () => {
    const emulator = await startKubeEmulator({ podReadyDelayMs: 50, tokens: { 'secret-admin': { user: 'admin', verbs: '*' }, 'secret-viewer': { user: 'viewer', verbs: ['get', 'list', 'watch'] } } });
    emulators.push(emulator);
    expect(emulator.url.startsWith('https://')).toBe(true);
    const dir = tempDir();
    const adminConfig = emulator.writeKubeconfig(path.join(dir, 'admin'), { token: 'secret-admin' });
    const admin = createKubernetesAdapter({ env: { KUBECONFIG: adminConfig } });
    expect((await call(emulator, 'POST', DEPLOYMENTS, deployment('api'), { Authorization: 'Bearer secret-admin' })).status).toBe(201);
    expect(admin.kubeconfig().contexts[0]).toMatchObject({ name: 'kube-emulator', authentication: 'token', server: emulator.url, current: true });
    await admin.scale(ref('api'), 3);
    expect((await admin.getWorkload(ref('api')))?.desiredReplicas).toBe(3);

    // An exec credential plugin (a small node script printing an ExecCredential), as cloud CLIs do.
    const plugin = path.join(dir, 'plugin.cjs');
    fs.writeFileSync(plugin, `process.stdout.write(JSON.stringify({ apiVersion: 'client.authentication.k8s.io/v1', kind: 'ExecCredential', status: { token: 'secret-viewer' } }));\n`);
    const execConfig = path.join(dir, 'exec');
    const yamlText = fs.readFileSync(emulator.writeKubeconfig(path.join(dir, 'base')), 'utf8').replace(/users:\n {2}- name: kube-emulator-user\n {4}user: \{\}/, `users:\n  - name: kube-emulator-user\n    user:\n      exec:\n        apiVersion: client.authentication.k8s.io/v1\n        command: ${JSON.stringify(process.execPath)}\n        args: [${JSON.stringify(plugin)}]\n        interactiveMode: Never`);
    expect(yamlText).toContain('exec:');
    fs.writeFileSync(execConfig, yamlText);
    const viewer = createKubernetesAdapter({ env: { KUBECONFIG: execConfig } });
    expect(viewer.kubeconfig().contexts[0]?.authentication).toBe('exec plugin `node`');
    expect((await viewer.getWorkload(ref('api')))?.desiredReplicas).toBe(3);
    await expect(viewer.scale(ref('api'), 2)).rejects.toMatchObject({ code: 'KUBE_FORBIDDEN', message: expect.stringMatching(/User "viewer" cannot patch resource "deployments\/scale"/) });

    emulator.setTokens({ 'secret-viewer': { user: 'viewer', verbs: ['get', 'list', 'watch'] } });
    const refused = admin.getWorkload(ref('api'));
    await expect(refused).rejects.toMatchObject({ code: 'KUBE_UNAUTHORIZED', message: expect.stringContaining('the credentials for context "kube-emulator" were refused') });
    await expect(refused).rejects.toSatisfy((error: Error) => !error.message.includes('secret-admin'));
  });

  it('merges KUBECONFIG files as kubectl does: the first file wins for a name and for current-context; a missing file is skipped', () => {
    const dir = tempDir();
    const first = path.join(dir, 'first');
    const second = path.join(dir, 'second');
    fs.writeFileSync(first, ['apiVersion: v1', 'kind: Config', 'current-context: one', 'clusters:', '- name: shared', '  cluster: {server: "https://first.example:6443"}', 'users:', '- name: u1', '  user: {token: abc}', 'contexts:', '- name: one', '  context: {cluster: shared, user: u1, namespace: shop}', ''].join('\n'));
    fs.writeFileSync(second, ['apiVersion: v1', 'kind: Config', 'current-context: two', 'clusters:', '- name: shared', '  cluster: {server: "https://second.example:6443"}', '- name: other', '  cluster: {server: "https://other.example"}', 'users:', '- name: u1', '  user: {token: zzz}', '- name: u2', '  user: {client-certificate-data: Y2VydA==, client-key-data: a2V5}', 'contexts:', '- name: one', '  context: {cluster: other, user: u2}', '- name: two', '  context: {cluster: other, user: u2}', ''].join('\n'));
    const adapter = createKubernetesAdapter({ env: { KUBECONFIG: [first, path.join(dir, 'missing'), second].join(path.delimiter) } });
    const view = adapter.kubeconfig();
    expect(view).toMatchObject({ sources: [first, second], currentContext: 'one', problem: null });
    expect(view.contexts).toEqual([
      { name: 'one', cluster: 'shared', server: 'https://first.example:6443', user: 'u1', namespace: 'shop', authentication: 'token', current: true },
      { name: 'two', cluster: 'other', server: 'https://other.example', user: 'u2', namespace: null, authentication: 'client certificate', current: false }
    ]);
    expect(JSON.stringify(view)).not.toContain('abc');
    const home = createKubernetesAdapter({ env: {}, homeDir: path.join(dir, 'nohome') }).kubeconfig();
    expect(home).toMatchObject({ sources: [], contexts: [], problem: null });
  });
});
