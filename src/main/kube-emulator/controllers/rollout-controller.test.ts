import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startKubeEmulator, type KubeEmulator } from '../emulator';
import { call, eventually } from '../emulator-test-client';
import type { JsonObject } from '../json';

const ROLLOUTS = '/apis/argoproj.io/v1alpha1/namespaces/default/rollouts';
const RUNS = '/apis/argoproj.io/v1alpha1/namespaces/default/analysisruns';
const merge = { 'Content-Type': 'application/merge-patch+json' };

let emulator: KubeEmulator;
let metrics: http.Server;
let successRate = 0.99;
let metricsUrl = '';

beforeEach(async () => {
  successRate = 0.99;
  metrics = http.createServer((_request, response) => response.end(JSON.stringify({ data: { rate: successRate } })));
  await new Promise<void>((resolve) => metrics.listen(0, '127.0.0.1', resolve));
  metricsUrl = `http://127.0.0.1:${(metrics.address() as AddressInfo).port}/rate`;
  emulator = await startKubeEmulator({ podReadyDelayMs: 10, argoRollouts: true });
  await call(emulator.url, 'POST', '/apis/argoproj.io/v1alpha1/namespaces/default/analysistemplates', {
    apiVersion: 'argoproj.io/v1alpha1',
    kind: 'AnalysisTemplate',
    metadata: { name: 'success-rate' },
    spec: {
      args: [{ name: 'url' }, { name: 'canary-hash' }],
      metrics: [{ name: 'success-rate', interval: '100ms', count: 2, successCondition: 'result >= 0.95', provider: { web: { url: '{{args.url}}?hash={{args.canary-hash}}', jsonPath: '{$.data.rate}' } } }]
    }
  });
});
afterEach(async () => {
  await emulator.stop();
  await new Promise<void>((resolve) => metrics.close(() => resolve()));
});

function rollout(image: string, steps: JsonObject[]): JsonObject {
  return {
    apiVersion: 'argoproj.io/v1alpha1',
    kind: 'Rollout',
    metadata: { name: 'shop' },
    spec: {
      replicas: 5,
      selector: { matchLabels: { app: 'shop' } },
      template: { metadata: { labels: { app: 'shop' } }, spec: { containers: [{ name: 'app', image }] } },
      strategy: { canary: { steps } }
    }
  };
}

const analysisStep = () => ({
  analysis: { templates: [{ templateName: 'success-rate' }], args: [{ name: 'url', value: metricsUrl }, { name: 'canary-hash', valueFrom: { podTemplateHashValue: 'Latest' } }] }
});
const STEPS = (): JsonObject[] => [{ setWeight: 20 }, { pause: {} }, { setWeight: 60 }, analysisStep(), { pause: { duration: '200ms' } }];

async function status(): Promise<JsonObject> {
  return (await call(emulator.url, 'GET', `${ROLLOUTS}/shop`)).body['status'] as JsonObject;
}

async function waitForStatus(check: (current: JsonObject) => boolean, timeoutMs = 8000): Promise<JsonObject> {
  return eventually(async () => {
    const current = await status();
    return current && check(current) ? current : undefined;
  }, timeoutMs);
}

async function replicaCounts(): Promise<Record<string, number>> {
  const items = (await call(emulator.url, 'GET', '/apis/apps/v1/namespaces/default/replicasets')).body['items'] as JsonObject[];
  return Object.fromEntries(items.map((item) => [String((((item['spec'] as JsonObject)['template'] as JsonObject)['spec'] as { containers: { image: string }[] }).containers[0]?.image), Number((item['spec'] as JsonObject)['replicas'])]));
}

const promote = () => call(emulator.url, 'PATCH', `${ROLLOUTS}/shop/status`, { status: { pauseConditions: null } }, merge);

describe('the Argo Rollouts canary controller', () => {
  it('walks setWeight, pause, analysis and a timed pause, then promotes the canary to stable', async () => {
    await call(emulator.url, 'POST', ROLLOUTS, rollout('shop:1', STEPS()));
    const initial = await waitForStatus((current) => current['phase'] === 'Healthy');
    expect(initial).toMatchObject({ currentStepIndex: 5, availableReplicas: 5, observedGeneration: '1', selector: 'app=shop' });
    const stableHash = String(initial['stableRS']);

    await call(emulator.url, 'PATCH', `${ROLLOUTS}/shop`, { spec: { template: { spec: { containers: [{ name: 'app', image: 'shop:2' }] } } } }, merge);
    const paused = await waitForStatus((current) => current['phase'] === 'Paused');
    expect(paused).toMatchObject({ message: 'CanaryPauseStep', currentStepIndex: 1, controllerPause: true, stableRS: stableHash, pauseConditions: [{ reason: 'CanaryPauseStep' }] });
    expect(await replicaCounts()).toEqual({ 'shop:1': 4, 'shop:2': 1 });

    await promote();
    const analysed = await waitForStatus((current) => valueOf(current, 'canary', 'currentStepAnalysisRunStatus', 'status') === 'Successful' || current['phase'] === 'Healthy');
    expect(Number(analysed['currentStepIndex'])).toBeGreaterThanOrEqual(3);
    const healthy = await waitForStatus((current) => current['phase'] === 'Healthy' && current['stableRS'] !== stableHash);
    expect(healthy['stableRS']).toBe(healthy['currentPodHash']);
    await eventually(async () => ((await replicaCounts())['shop:1'] === 0 ? true : undefined));
    expect(await replicaCounts()).toEqual({ 'shop:1': 0, 'shop:2': 5 });

    const runs = (await call(emulator.url, 'GET', RUNS)).body['items'] as JsonObject[];
    expect(runs).toHaveLength(1);
    const run = runs[0] as JsonObject;
    expect((run['metadata'] as JsonObject)['name']).toBe(`shop-${String(healthy['currentPodHash'])}-2-3`);
    expect((run['metadata'] as JsonObject)['labels']).toMatchObject({ 'rollouts-pod-template-hash': healthy['currentPodHash'], 'rollout-type': 'Step', 'step-index': '3', app: 'shop' });
    expect(run['status']).toMatchObject({ phase: 'Successful', runSummary: { count: 1, successful: 1 } });
    const result = ((run['status'] as JsonObject)['metricResults'] as JsonObject[])[0];
    expect(result).toMatchObject({ name: 'success-rate', phase: 'Successful', count: 2, successful: 2 });
    expect((result?.['measurements'] as JsonObject[]).map((measurement) => [measurement['phase'], measurement['value']])).toEqual([
      ['Successful', '0.99'],
      ['Successful', '0.99']
    ]);
  });

  it('aborts on a failed analysis (the measurement says why), scales back to stable, and retries on request', async () => {
    await call(emulator.url, 'POST', ROLLOUTS, rollout('shop:1', [{ setWeight: 40 }, analysisStep(), { pause: {} }]));
    await waitForStatus((current) => current['phase'] === 'Healthy');
    successRate = 0.5;
    await call(emulator.url, 'PATCH', `${ROLLOUTS}/shop`, { spec: { template: { spec: { containers: [{ name: 'app', image: 'shop:2' }] } } } }, merge);
    const aborted = await waitForStatus((current) => current['phase'] === 'Degraded');
    expect(aborted['abort']).toBe(true);
    expect(aborted['message']).toBe('RolloutAborted: Rollout aborted update to revision 2: Step-based analysis phase error/failed: Metric "success-rate" assessed Failed due to failed (1) > failureLimit (0)');
    expect(valueOf(aborted, 'canary', 'currentStepAnalysisRunStatus')).toMatchObject({ status: 'Failed' });
    await eventually(async () => ((await replicaCounts())['shop:2'] === 0 ? true : undefined));
    expect(await replicaCounts()).toEqual({ 'shop:1': 5, 'shop:2': 0 });
    const failedRun = ((await call(emulator.url, 'GET', RUNS)).body['items'] as JsonObject[])[0] as JsonObject;
    expect((((failedRun['status'] as JsonObject)['metricResults'] as JsonObject[])[0]?.['measurements'] as JsonObject[])[0]).toMatchObject({ phase: 'Failed', value: '0.5' });

    successRate = 0.99;
    await call(emulator.url, 'PATCH', `${ROLLOUTS}/shop/status`, { status: { abort: false } }, merge);
    const retried = await waitForStatus((current) => current['phase'] === 'Paused');
    expect(retried).toMatchObject({ currentStepIndex: 2, message: 'CanaryPauseStep' });
    const runNames = ((await call(emulator.url, 'GET', RUNS)).body['items'] as JsonObject[]).map((item) => String((item['metadata'] as JsonObject)['name'])).sort();
    expect(runNames).toEqual([expect.stringMatching(/^shop-[a-z0-9]+-2-1$/), expect.stringMatching(/^shop-[a-z0-9]+-2-1\.1$/)]);

    await call(emulator.url, 'PATCH', `${ROLLOUTS}/shop/status`, { status: { promoteFull: true } }, merge);
    const promoted = await waitForStatus((current) => current['phase'] === 'Healthy');
    expect(promoted['stableRS']).toBe(promoted['currentPodHash']);
  });

  it('abort (as the plugin patches it) returns all pods to stable; undo to the stable template skips the steps', async () => {
    await call(emulator.url, 'POST', ROLLOUTS, rollout('shop:1', [{ setWeight: 40 }, { pause: {} }]));
    await waitForStatus((current) => current['phase'] === 'Healthy');
    await call(emulator.url, 'PATCH', `${ROLLOUTS}/shop`, { spec: { template: { spec: { containers: [{ name: 'app', image: 'shop:2' }] } } } }, merge);
    await waitForStatus((current) => current['phase'] === 'Paused');
    expect(await replicaCounts()).toEqual({ 'shop:1': 3, 'shop:2': 2 });

    await call(emulator.url, 'PATCH', `${ROLLOUTS}/shop/status`, { status: { abort: true } }, merge);
    const aborted = await waitForStatus((current) => current['phase'] === 'Degraded');
    expect(aborted['message']).toBe('RolloutAborted: Rollout aborted update to revision 2');
    await eventually(async () => ((await replicaCounts())['shop:2'] === 0 ? true : undefined));

    await call(emulator.url, 'PATCH', `${ROLLOUTS}/shop`, { spec: { paused: true } }, merge);
    const stableTemplate = (((await call(emulator.url, 'GET', '/apis/apps/v1/namespaces/default/replicasets')).body['items'] as JsonObject[]).find((item) => JSON.stringify(item).includes('shop:1')) as JsonObject)['spec'] as JsonObject;
    const template = structuredClone(stableTemplate['template']) as JsonObject;
    delete ((template['metadata'] as JsonObject)['labels'] as JsonObject)['rollouts-pod-template-hash'];
    await call(emulator.url, 'PATCH', `${ROLLOUTS}/shop`, [{ op: 'replace', path: '/spec/template', value: template }], { 'Content-Type': 'application/json-patch+json' });
    await call(emulator.url, 'PATCH', `${ROLLOUTS}/shop`, { spec: { paused: false } }, merge);
    const undone = await waitForStatus((current) => current['phase'] === 'Healthy');
    expect(undone).toMatchObject({ currentStepIndex: 2, stableRS: undone['currentPodHash'] });
    expect(await replicaCounts()).toEqual({ 'shop:1': 5, 'shop:2': 0 });
  });

  it('is Paused "manually paused" while spec.paused, and serves its CRDs and printer columns', async () => {
    await call(emulator.url, 'POST', ROLLOUTS, rollout('shop:1', [{ setWeight: 50 }]));
    await waitForStatus((current) => current['phase'] === 'Healthy');
    await call(emulator.url, 'PATCH', `${ROLLOUTS}/shop`, { spec: { paused: true } }, merge);
    expect(await waitForStatus((current) => current['phase'] === 'Paused')).toMatchObject({ message: 'manually paused' });
    const definitions = (await call(emulator.url, 'GET', '/apis/apiextensions.k8s.io/v1/customresourcedefinitions')).body['items'] as JsonObject[];
    expect(definitions.map((item) => (item['metadata'] as JsonObject)['name'])).toEqual(['analysisruns.argoproj.io', 'analysistemplates.argoproj.io', 'rollouts.argoproj.io']);
    const table = await call(emulator.url, 'GET', ROLLOUTS, undefined, { Accept: 'application/json;as=Table;v=v1;g=meta.k8s.io' });
    expect((table.body['columnDefinitions'] as JsonObject[]).map((column) => column['name'])).toEqual(['Name', 'Desired', 'Current', 'Up-to-date', 'Available', 'Age']);
    expect(((table.body['rows'] as JsonObject[])[0] as JsonObject)['cells']).toEqual(['shop', 5, 5, 5, 5, expect.stringMatching(/^\d+s$/)]);
    const strategic = await call(emulator.url, 'PATCH', `${ROLLOUTS}/shop`, { spec: { paused: false } }, { 'Content-Type': 'application/strategic-merge-patch+json' });
    expect(strategic.status).toBe(415);
  });
});

function valueOf(object: JsonObject, ...path: string[]): unknown {
  let current: unknown = object;
  for (const key of path) current = current && typeof current === 'object' ? (current as Record<string, unknown>)[key] : undefined;
  return current;
}
