/**
 * The emulator held to the real kubectl: every kubectl binary on this machine (the installed one and the
 * versioned kubectl.1.NN beside it) runs apply, get -o json, set image, rollout status/history/undo/
 * pause/resume/restart and get -w against its own emulator, and must print what it prints against a
 * cluster and exit with the same codes.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { requireComponent } from '../testing/components';
import { startKubeEmulator, type KubeEmulator } from './emulator';
import { findKubectlBinaries, runKubectl, type KubectlBinary, type KubectlResult } from './kubectl-binaries';

vi.setConfig({ maxConcurrency: 16, testTimeout: 60_000 });

const POD_READY_MS = 120;
const found = findKubectlBinaries();
const binaries: KubectlBinary[] = found.length > 0 ? found : [{ label: 'kubectl (not installed)', path: '', minor: null }];

interface ManifestOptions {
  readonly image?: string;
  readonly replicas?: number;
  readonly changeCause?: string;
  readonly templateAnnotations?: Record<string, string>;
  readonly progressDeadlineSeconds?: number;
  readonly revisionHistoryLimit?: number;
  readonly templateLabels?: Record<string, string>;
}

function deployment(name: string, options: ManifestOptions = {}): string {
  const spec: Record<string, unknown> = {
    replicas: options.replicas ?? 3,
    selector: { matchLabels: { app: name } },
    template: {
      metadata: { labels: options.templateLabels ?? { app: name }, ...(options.templateAnnotations ? { annotations: options.templateAnnotations } : {}) },
      spec: { containers: [{ name: 'app', image: options.image ?? 'registry.local/app:1', ports: [{ containerPort: 8080 }] }] }
    }
  };
  if (options.progressDeadlineSeconds !== undefined) spec['progressDeadlineSeconds'] = options.progressDeadlineSeconds;
  if (options.revisionHistoryLimit !== undefined) spec['revisionHistoryLimit'] = options.revisionHistoryLimit;
  return JSON.stringify({
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name, ...(options.changeCause ? { annotations: { 'kubernetes.io/change-cause': options.changeCause } } : {}) },
    spec
  });
}

/** The rows of a kubectl table, split on runs of spaces. */
function rows(output: string): string[][] {
  return output
    .trim()
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => line.trim().split(/\s{2,}|\t+/));
}

function expectOk(result: KubectlResult): string {
  expect(result.stderr, result.stderr).toBe('');
  expect(result.code).toBe(0);
  return result.stdout;
}

describe.concurrent('the emulator checked by real kubectl', () => {
  describe.each(binaries)('$label', (binary) => {
    let emulator: KubeEmulator | undefined;
    let kubeconfig = '';
    let directory = '';
    let available = false;

    beforeAll(async () => {
      available = await requireComponent('kubectl', async () => binary.path !== '' && fs.existsSync(binary.path));
      if (!available) return;
      emulator = await startKubeEmulator({ podReadyDelayMs: POD_READY_MS, serverMinorVersion: binary.minor ?? 33, argoRollouts: true });
      directory = fs.mkdtempSync(path.join(os.tmpdir(), 'kube-emulator-kubectl-'));
      kubeconfig = emulator.writeKubeconfig(path.join(directory, 'kubeconfig'));
    });

    afterAll(async () => {
      await emulator?.stop();
      if (directory) fs.rmSync(directory, { recursive: true, force: true });
    });

    const kubectl = (...args: string[]) => runKubectl(binary.path, args, { kubeconfig });
    const apply = (manifest: string) => runKubectl(binary.path, ['apply', '-f', '-'], { kubeconfig, input: manifest });
    const getJson = async (...args: string[]): Promise<Record<string, unknown>> => JSON.parse(expectOk(await kubectl('get', ...args, '-o', 'json'))) as Record<string, unknown>;
    const replicaSetsOf = async (name: string) => {
      const list = (await getJson('replicasets', '-l', `app=${name}`)) as { items: ReplicaSetJson[] };
      return list.items.sort((a, b) => Number(a.metadata.annotations['deployment.kubernetes.io/revision']) - Number(b.metadata.annotations['deployment.kubernetes.io/revision']));
    };

    it('apply creates a Deployment that rolls out; get -o json shows what a cluster stores; apply again is unchanged or configured', async ({ skip }) => {
      if (!available) return skip();
      const created = await apply(deployment('shop', { changeCause: 'first release' }));
      expect(expectOk(created)).toBe('deployment.apps/shop created\n');
      const status = expectOk(await kubectl('rollout', 'status', 'deployment/shop'));
      expect(status.trim().split('\n').pop()).toBe('deployment "shop" successfully rolled out');

      const json = (await getJson('deployment', 'shop')) as unknown as DeploymentJson;
      expect(json.kind).toBe('Deployment');
      expect(json.apiVersion).toBe('apps/v1');
      expect(json.metadata.generation).toBe(1);
      expect(json.metadata.uid).toMatch(/^[0-9a-f-]{36}$/);
      expect(Number(json.metadata.resourceVersion)).toBeGreaterThan(0);
      expect(json.metadata.annotations['deployment.kubernetes.io/revision']).toBe('1');
      expect(json.metadata.annotations['kubectl.kubernetes.io/last-applied-configuration']).toContain('"name":"shop"');
      expect(json.spec.strategy).toEqual({ type: 'RollingUpdate', rollingUpdate: { maxSurge: '25%', maxUnavailable: '25%' } });
      expect(json.spec.revisionHistoryLimit).toBe(10);
      expect(json.spec.progressDeadlineSeconds).toBe(600);
      expect(json.spec.template.spec.containers[0]).toMatchObject({ imagePullPolicy: 'IfNotPresent', terminationMessagePath: '/dev/termination-log', ports: [{ containerPort: 8080, protocol: 'TCP' }] });
      expect(json.spec.template.spec).toMatchObject({ restartPolicy: 'Always', dnsPolicy: 'ClusterFirst', terminationGracePeriodSeconds: 30, schedulerName: 'default-scheduler' });
      expect(json.status).toMatchObject({ observedGeneration: 1, replicas: 3, updatedReplicas: 3, readyReplicas: 3, availableReplicas: 3 });
      expect(json.status.conditions.map((condition) => [condition.type, condition.status, condition.reason])).toEqual([
        ['Available', 'True', 'MinimumReplicasAvailable'],
        ['Progressing', 'True', 'NewReplicaSetAvailable']
      ]);

      const [replicaSet] = await replicaSetsOf('shop');
      const hash = replicaSet?.metadata.labels['pod-template-hash'] ?? '';
      expect(hash).toMatch(/^[bcdfghjklmnpqrstvwxz2456789]{1,10}$/);
      expect(replicaSet?.metadata.name).toBe(`shop-${hash}`);
      expect(replicaSet?.spec.selector.matchLabels).toEqual({ app: 'shop', 'pod-template-hash': hash });
      expect(replicaSet?.metadata.annotations).toMatchObject({ 'kubernetes.io/change-cause': 'first release', 'deployment.kubernetes.io/desired-replicas': '3', 'deployment.kubernetes.io/max-replicas': '4' });
      expect(replicaSet?.metadata.annotations['kubectl.kubernetes.io/last-applied-configuration']).toBeUndefined();
      expect(replicaSet?.metadata.ownerReferences).toEqual([{ apiVersion: 'apps/v1', kind: 'Deployment', name: 'shop', uid: json.metadata.uid, controller: true, blockOwnerDeletion: true }]);

      expect(rows(expectOk(await kubectl('get', 'pods', '-l', 'app=shop')))).toEqual([
        ['NAME', 'READY', 'STATUS', 'RESTARTS', 'AGE'],
        ...Array.from({ length: 3 }, () => [expect.stringMatching(new RegExp(`^shop-${hash}-[bcdfghjklmnpqrstvwxz2456789]{5}$`)), '1/1', 'Running', '0', expect.any(String)])
      ]);
      expect(expectOk(await apply(deployment('shop', { changeCause: 'first release' })))).toBe('deployment.apps/shop unchanged\n');
      expect(expectOk(await apply(deployment('shop', { changeCause: 'first release', replicas: 4 })))).toBe('deployment.apps/shop configured\n');
      expect(((await getJson('deployment', 'shop')) as unknown as DeploymentJson).spec.replicas).toBe(4);
    });

    it('set image rolls a new ReplicaSet out within maxSurge/maxUnavailable; history lists revisions with change-causes', async ({ skip }) => {
      if (!available) return skip();
      expectOk(await apply(deployment('cart', { changeCause: 'v1' })));
      expectOk(await kubectl('rollout', 'status', 'deployment/cart'));
      expect(expectOk(await kubectl('set', 'image', 'deployment/cart', 'app=registry.local/app:2'))).toBe('deployment.apps/cart image updated\n');
      expectOk(await kubectl('annotate', 'deployment/cart', 'kubernetes.io/change-cause=v2', '--overwrite'));
      const status = expectOk(await kubectl('rollout', 'status', 'deployment/cart'));
      const lines = status.trim().split('\n');
      expect(lines.pop()).toBe('deployment "cart" successfully rolled out');
      for (const line of lines) {
        expect(line).toMatch(/^Waiting for deployment "cart" rollout to finish: (\d+ out of 3 new replicas have been updated|\d+ old replicas are pending termination|\d+ of 3 updated replicas are available)\.\.\.$/);
      }
      const history = expectOk(await kubectl('rollout', 'history', 'deployment/cart'));
      expect(history).toBe('deployment.apps/cart \nREVISION  CHANGE-CAUSE\n1         v1\n2         v2\n\n');
      const details = expectOk(await kubectl('rollout', 'history', 'deployment/cart', '--revision=2'));
      expect(details).toContain('deployment.apps/cart with revision #2');
      expect(details).toMatch(/Image:\s+registry\.local\/app:2/);

      const [first, second] = await replicaSetsOf('cart');
      expect(first?.spec.replicas).toBe(0);
      expect(first?.spec.template.spec.containers[0]?.image).toBe('registry.local/app:1');
      expect(second?.spec.replicas).toBe(3);
      expect(second?.metadata.annotations['kubernetes.io/change-cause']).toBe('v2');
      expect(rows(expectOk(await kubectl('get', 'replicasets', '-l', 'app=cart')))).toEqual([
        ['NAME', 'DESIRED', 'CURRENT', 'READY', 'AGE'],
        [first?.metadata.name, '0', '0', '0', expect.any(String)],
        [second?.metadata.name, '3', '3', '3', expect.any(String)]
      ].sort((a, b) => (a[0] === 'NAME' ? -1 : b[0] === 'NAME' ? 1 : String(a[0]).localeCompare(String(b[0])))));
    });

    it('rollout undo restores the previous template, renumbers the revision and keeps its revision-history; --to-revision picks one', async ({ skip }) => {
      if (!available) return skip();
      expectOk(await apply(deployment('orders', { image: 'registry.local/orders:1' })));
      expectOk(await kubectl('rollout', 'status', 'deployment/orders'));
      for (const version of ['2', '3']) {
        expectOk(await kubectl('set', 'image', 'deployment/orders', `app=registry.local/orders:${version}`));
        expectOk(await kubectl('rollout', 'status', 'deployment/orders'));
      }
      expect(expectOk(await kubectl('rollout', 'undo', 'deployment/orders'))).toBe('deployment.apps/orders rolled back\n');
      expectOk(await kubectl('rollout', 'status', 'deployment/orders'));
      let json = (await getJson('deployment', 'orders')) as unknown as DeploymentJson;
      expect(json.spec.template.spec.containers[0]?.image).toBe('registry.local/orders:2');
      expect(json.metadata.annotations['deployment.kubernetes.io/revision']).toBe('4');
      expect(rows(expectOk(await kubectl('rollout', 'history', 'deployment/orders'))).slice(1).map((row) => row[0])).toEqual(['REVISION', '1', '3', '4']);
      const restored = (await replicaSetsOf('orders')).find((replicaSet) => replicaSet.spec.template.spec.containers[0]?.image === 'registry.local/orders:2');
      expect(restored?.metadata.annotations['deployment.kubernetes.io/revision']).toBe('4');
      expect(restored?.metadata.annotations['deployment.kubernetes.io/revision-history']).toBe('2');

      expect(expectOk(await kubectl('rollout', 'undo', 'deployment/orders', '--to-revision=1'))).toBe('deployment.apps/orders rolled back\n');
      expectOk(await kubectl('rollout', 'status', 'deployment/orders'));
      json = (await getJson('deployment', 'orders')) as unknown as DeploymentJson;
      expect(json.spec.template.spec.containers[0]?.image).toBe('registry.local/orders:1');

      expect(expectOk(await kubectl('rollout', 'undo', 'deployment/orders', '--to-revision=5'))).toBe('deployment.apps/orders skipped rollback (current template already matches revision 5)\n');
      const missing = await kubectl('rollout', 'undo', 'deployment/orders', '--to-revision=42');
      expect(missing.code).toBe(1);
      expect(missing.stderr).toBe('error: unable to find specified revision 42 in history\n');
    });

    it('pause holds template changes, refuses undo and times rollout status out; resume rolls them out; restart makes a revision', async ({ skip }) => {
      if (!available) return skip();
      expectOk(await apply(deployment('search')));
      expectOk(await kubectl('set', 'image', 'deployment/search', 'app=registry.local/app:2'));
      expectOk(await kubectl('rollout', 'status', 'deployment/search'));
      expect(expectOk(await kubectl('rollout', 'pause', 'deployment/search'))).toBe('deployment.apps/search paused\n');
      const again = await kubectl('rollout', 'pause', 'deployment/search');
      expect(again.code).toBe(1);
      expect(again.stderr).toBe('error: deployments.apps "search" is already paused\n');
      expectOk(await kubectl('set', 'image', 'deployment/search', 'app=registry.local/app:3'));
      const paused = (await getJson('deployment', 'search')) as unknown as DeploymentJson;
      expect(paused.status.conditions.find((condition) => condition.type === 'Progressing')).toMatchObject({ status: 'Unknown', reason: 'DeploymentPaused', message: 'Deployment is paused' });
      expect(await replicaSetsOf('search')).toHaveLength(2);
      const refused = await kubectl('rollout', 'undo', 'deployment/search');
      expect(refused.code).toBe(1);
      expect(refused.stderr).toBe("error: you cannot rollback a paused deployment; resume it first with 'kubectl rollout resume' and try again\n");
      const waiting = await kubectl('rollout', 'status', 'deployment/search', '--timeout=1s');
      expect(waiting.code).toBe(1);
      expect(waiting.stdout).toContain('Waiting for deployment "search" rollout to finish: 0 out of 3 new replicas have been updated...');
      expect(waiting.stderr).toBe('error: timed out waiting for the condition\n');

      expect(expectOk(await kubectl('rollout', 'resume', 'deployment/search'))).toBe('deployment.apps/search resumed\n');
      expect(expectOk(await kubectl('rollout', 'status', 'deployment/search')).trim().split('\n').pop()).toBe('deployment "search" successfully rolled out');
      expect(await replicaSetsOf('search')).toHaveLength(3);

      expect(expectOk(await kubectl('rollout', 'restart', 'deployment/search'))).toBe('deployment.apps/search restarted\n');
      expectOk(await kubectl('rollout', 'status', 'deployment/search'));
      const restarted = (await getJson('deployment', 'search')) as unknown as DeploymentJson;
      expect(restarted.spec.template.metadata.annotations?.['kubectl.kubernetes.io/restartedAt']).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/);
      expect(restarted.metadata.annotations['deployment.kubernetes.io/revision']).toBe('4');
      expect(await replicaSetsOf('search')).toHaveLength(4);
    });

    it('a template that never becomes ready ends rollout status with the progress deadline exceeded', async ({ skip }) => {
      if (!available) return skip();
      expectOk(await apply(deployment('payments', { progressDeadlineSeconds: 2 })));
      expectOk(await kubectl('rollout', 'status', 'deployment/payments'));
      expectOk(await apply(deployment('payments', { progressDeadlineSeconds: 2, image: 'registry.local/app:broken', templateAnnotations: { 'emulator.shipdeck.dev/never-ready': 'true' } })));
      const status = await kubectl('rollout', 'status', 'deployment/payments');
      expect(status.code).toBe(1);
      expect(status.stderr).toBe('error: deployment "payments" exceeded its progress deadline\n');
      const json = (await getJson('deployment', 'payments')) as unknown as DeploymentJson;
      const progressing = json.status.conditions.find((condition) => condition.type === 'Progressing');
      expect(progressing).toMatchObject({ status: 'False', reason: 'ProgressDeadlineExceeded' });
      expect(progressing?.message).toMatch(/^ReplicaSet "payments-[a-z0-9]+" has timed out progressing\.$/);
      expect(json.status).toMatchObject({ replicas: 4, updatedReplicas: 1, availableReplicas: 3, unavailableReplicas: 1 });
      const timedOut = await kubectl('rollout', 'status', 'deployment/payments', '--timeout=1s');
      expect(timedOut.code).toBe(1);
      expect(timedOut.stderr).toBe('error: deployment "payments" exceeded its progress deadline\n');
      expect(expectOk(await kubectl('rollout', 'undo', 'deployment/payments'))).toBe('deployment.apps/payments rolled back\n');
      expectOk(await kubectl('rollout', 'status', 'deployment/payments'));
    });

    it('revisionHistoryLimit keeps only that many old ReplicaSets', async ({ skip }) => {
      if (!available) return skip();
      expectOk(await apply(deployment('ledger', { revisionHistoryLimit: 1, replicas: 1 })));
      for (const version of ['2', '3', '4']) {
        expectOk(await kubectl('set', 'image', 'deployment/ledger', `app=registry.local/app:${version}`));
        expectOk(await kubectl('rollout', 'status', 'deployment/ledger'));
      }
      const remaining = await replicaSetsOf('ledger');
      expect(remaining.map((replicaSet) => replicaSet.metadata.annotations['deployment.kubernetes.io/revision'])).toEqual(['3', '4']);
      expect(rows(expectOk(await kubectl('rollout', 'history', 'deployment/ledger'))).slice(1).map((row) => row[0])).toEqual(['REVISION', '3', '4']);
    });

    it('get -w prints the table and then each change as it happens', async ({ skip }) => {
      if (!available) return skip();
      expectOk(await apply(deployment('feed', { replicas: 2 })));
      expectOk(await kubectl('rollout', 'status', 'deployment/feed'));
      const watcher = spawn(binary.path, ['get', 'deployment', 'feed', '-w'], { env: { ...process.env, KUBECONFIG: kubeconfig, HOME: directory } });
      let output = '';
      watcher.stdout.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
      try {
        await until(() => output.split('\n').length >= 3);
        expectOk(await kubectl('set', 'image', 'deployment/feed', 'app=registry.local/app:2'));
        await until(() => rows(output).some((row, index) => index > 1 && row[2] === '2' && row[1] === '2/2' && row[3] === '2'));
        const printed = rows(output);
        expect(printed[0]).toEqual(['NAME', 'READY', 'UP-TO-DATE', 'AVAILABLE', 'AGE']);
        expect(printed[1]).toEqual(['feed', '2/2', '2', '2', expect.stringMatching(/^\d+s$/)]);
        // The rollout is seen in steps, not only its end.
        expect(printed.slice(2).some((row) => row[2] === '0' || row[2] === '1')).toBe(true);
        expect(watcher.exitCode).toBeNull();
      } finally {
        watcher.kill();
      }
    });

    it('errors come back as the API server words them, with exit code 1', async ({ skip }) => {
      if (!available) return skip();
      const missing = await kubectl('get', 'deployment', 'nothing-here');
      expect(missing.code).toBe(1);
      expect(missing.stderr).toBe('Error from server (NotFound): deployments.apps "nothing-here" not found\n');
      const mismatched = await apply(deployment('broken', { templateLabels: { app: 'other' } }));
      expect(mismatched.code).toBe(1);
      expect(mismatched.stderr).toContain('The Deployment "broken" is invalid: spec.template.metadata.labels: Invalid value: map[string]string{"app":"other"}: `selector` does not match template `labels`');
      const noNamespace = await kubectl('get', 'deployments', '-n', 'nowhere');
      expect(noNamespace.code).toBe(0);
      expect(noNamespace.stderr).toBe('No resources found in nowhere namespace.\n');
      expectOk(await apply(deployment('twice')));
      const duplicate = await runKubectl(binary.path, ['create', '-f', '-'], { kubeconfig, input: deployment('twice') });
      expect(duplicate.code).toBe(1);
      expect(duplicate.stderr).toBe('Error from server (AlreadyExists): error when creating "STDIN": deployments.apps "twice" already exists\n');
    });

    it('applies and lists Argo Rollouts custom resources; a status patch promotes a paused canary', async ({ skip }) => {
      if (!available) return skip();
      const rollout = (image: string) =>
        JSON.stringify({
          apiVersion: 'argoproj.io/v1alpha1',
          kind: 'Rollout',
          metadata: { name: 'canary' },
          spec: {
            replicas: 4,
            selector: { matchLabels: { app: 'canary' } },
            template: { metadata: { labels: { app: 'canary' } }, spec: { containers: [{ name: 'app', image }] } },
            strategy: { canary: { steps: [{ setWeight: 25 }, { pause: {} }] } }
          }
        });
      expect(expectOk(await apply(rollout('registry.local/app:1')))).toBe('rollout.argoproj.io/canary created\n');
      expect(expectOk(await apply(rollout('registry.local/app:1')))).toBe('rollout.argoproj.io/canary unchanged\n');
      expect(expectOk(await apply(rollout('registry.local/app:2')))).toBe('rollout.argoproj.io/canary configured\n');
      const phaseOf = async () => expectOk(await kubectl('get', 'rollout', 'canary', '-o', 'jsonpath={.status.phase}/{.status.message}'));
      await untilAsync(async () => (await phaseOf()) === 'Paused/CanaryPauseStep');
      const listed = rows(expectOk(await kubectl('get', 'rollouts')));
      expect(listed).toEqual([
        ['NAME', 'DESIRED', 'CURRENT', 'UP-TO-DATE', 'AVAILABLE', 'AGE'],
        ['canary', '4', expect.stringMatching(/^[45]$/), '1', expect.stringMatching(/^[345]$/), expect.stringMatching(/^\d+s$/)]
      ]);
      expect(rows(expectOk(await kubectl('get', 'crd'))).map((row) => row[0])).toEqual(['NAME', 'analysisruns.argoproj.io', 'analysistemplates.argoproj.io', 'rollouts.argoproj.io']);
      expect(expectOk(await kubectl('patch', 'rollout', 'canary', '--subresource=status', '--type=merge', '-p', '{"status":{"pauseConditions":null}}'))).toBe('rollout.argoproj.io/canary patched\n');
      await untilAsync(async () => (await phaseOf()) === 'Healthy/');
      const refused = await kubectl('patch', 'rollout', 'canary', '-p', '{"spec":{"paused":true}}');
      expect(refused.code).toBe(1);
      expect(refused.stderr).toBe(
        'error: application/strategic-merge-patch+json is not supported by argoproj.io/v1alpha1, Kind=Rollout: the body of the request was in an unknown format - accepted media types include: application/json-patch+json, application/merge-patch+json, application/apply-patch+yaml\n'
      );
    });

    it('a token without a verb gets 403 Forbidden in kubectl\'s words; an unknown token gets 401', async ({ skip }) => {
      if (!available) return skip();
      const guarded = await startKubeEmulator({ podReadyDelayMs: POD_READY_MS, serverMinorVersion: binary.minor ?? 33, tokens: { 'admin-token': { user: 'admin', verbs: '*' }, 'viewer-token': { user: 'viewer', verbs: ['get', 'list', 'watch'] } } });
      try {
        const admin = guarded.writeKubeconfig(path.join(directory, 'admin', 'kubeconfig'), { token: 'admin-token' });
        const viewer = guarded.writeKubeconfig(path.join(directory, 'viewer', 'kubeconfig'), { token: 'viewer-token' });
        const stranger = guarded.writeKubeconfig(path.join(directory, 'stranger', 'kubeconfig'), { token: 'not-a-known-token' });
        expectOk(await runKubectl(binary.path, ['apply', '-f', '-'], { kubeconfig: admin, input: deployment('guarded') }));
        expect(rows(expectOk(await runKubectl(binary.path, ['get', 'deployments'], { kubeconfig: viewer })))[1]?.[0]).toBe('guarded');
        const forbidden = 'deployments.apps "guarded" is forbidden: User "viewer" cannot patch resource "deployments" in API group "apps" in the namespace "default"';
        const denied = await runKubectl(binary.path, ['set', 'image', 'deployment/guarded', 'app=registry.local/app:2'], { kubeconfig: viewer });
        expect(denied.code).toBe(1);
        expect(denied.stderr).toBe(`error: failed to patch image update to pod template: ${forbidden}\n`);
        const patched = await runKubectl(binary.path, ['patch', 'deployment/guarded', '-p', '{"spec":{"replicas":1}}'], { kubeconfig: viewer });
        expect(patched.code).toBe(1);
        expect(patched.stderr).toBe(`Error from server (Forbidden): ${forbidden}\n`);
        const refusedUndo = await runKubectl(binary.path, ['rollout', 'pause', 'deployment/guarded'], { kubeconfig: viewer });
        expect(refusedUndo.code).toBe(1);
        expect(refusedUndo.stderr).toContain('cannot patch resource "deployments" in API group "apps" in the namespace "default"');
        const unauthenticated = await runKubectl(binary.path, ['get', 'deployments'], { kubeconfig: stranger });
        expect(unauthenticated.code).toBe(1);
        expect(unauthenticated.stderr.trim().split('\n').pop()).toBe('error: You must be logged in to the server (the server has asked for the client to provide credentials)');
      } finally {
        await guarded.stop();
      }
    });
  });
});

describe('the kubectl gate', () => {
  it('finds kubectl binaries or says how to get one', async () => {
    if (found.length === 0) {
      await requireComponent('kubectl', async () => false);
      return;
    }
    expect(found[0]?.label).toBe('kubectl (installed)');
  });
});

async function untilAsync(condition: () => Promise<boolean>, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error('timed out waiting for the emulator');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

async function until(condition: () => boolean, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('timed out waiting for kubectl output');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

interface ConditionJson {
  readonly type: string;
  readonly status: string;
  readonly reason: string;
  readonly message: string;
}

interface ContainerJson {
  readonly name: string;
  readonly image: string;
}

interface DeploymentJson {
  readonly kind: string;
  readonly apiVersion: string;
  readonly metadata: { readonly name: string; readonly uid: string; readonly resourceVersion: string; readonly generation: number; readonly annotations: Record<string, string> };
  readonly spec: {
    readonly replicas: number;
    readonly strategy: unknown;
    readonly revisionHistoryLimit: number;
    readonly progressDeadlineSeconds: number;
    readonly template: { readonly metadata: { readonly annotations?: Record<string, string> }; readonly spec: { readonly containers: ContainerJson[] } & Record<string, unknown> };
  };
  readonly status: Record<string, unknown> & { readonly conditions: ConditionJson[] };
}

interface ReplicaSetJson {
  readonly metadata: { readonly name: string; readonly labels: Record<string, string>; readonly annotations: Record<string, string>; readonly ownerReferences: unknown[] };
  readonly spec: { readonly replicas: number; readonly selector: { readonly matchLabels: Record<string, string> }; readonly template: { readonly spec: { readonly containers: ContainerJson[] } } };
}
