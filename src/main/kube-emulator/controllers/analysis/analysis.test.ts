import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { startKubeEmulator, type KubeEmulator } from '../../emulator';
import { call, eventually } from '../../emulator-test-client';
import type { JsonObject } from '../../json';
import { evaluate } from './analysis-run-controller';
import { evaluateCondition } from './condition-expression';

describe('success and failure conditions', () => {
  it('evaluates the expressions Argo Rollouts metrics use', () => {
    expect(evaluateCondition('result >= 0.95', 0.97)).toBe(true);
    expect(evaluateCondition('result[0] >= 0.95 && len(result) == 1', [0.9])).toBe(false);
    expect(evaluateCondition('result.ok == true || result.code != 200', { ok: false, code: 500 })).toBe(true);
    expect(evaluateCondition("not (result == 'down') and isNaN(result) == false", 'up')).toBe(true);
    expect(evaluateCondition('default(result, 0) * 100 > 5 - 1', null)).toBe(false);
    expect(() => evaluateCondition('result >=', 1)).toThrow();
    expect(() => evaluateCondition('result', 1)).toThrow(/expected a boolean/);
  });

  it('turns conditions into measurement phases as EvaluateResult does', () => {
    expect(evaluate({ successCondition: 'result > 1' }, 2)).toBe('Successful');
    expect(evaluate({ successCondition: 'result > 1' }, 0)).toBe('Failed');
    expect(evaluate({ failureCondition: 'result > 1' }, 0)).toBe('Successful');
    expect(evaluate({ successCondition: 'result > 5', failureCondition: 'result < 1' }, 3)).toBe('Inconclusive');
    expect(evaluate({ successCondition: 'result > 5', failureCondition: 'result < 1' }, 0)).toBe('Failed');
    expect(evaluate({}, 'anything')).toBe('Successful');
  });
});

describe('AnalysisRuns', () => {
  let emulator: KubeEmulator | undefined;
  let server: http.Server | undefined;
  afterEach(async () => {
    await emulator?.stop();
    if (server) await new Promise<void>((resolve) => server?.close(() => resolve()));
  });
  const RUNS = '/apis/argoproj.io/v1alpha1/namespaces/default/analysisruns';
  const run = (name: string, provider: JsonObject, extra: JsonObject = {}): JsonObject => ({
    apiVersion: 'argoproj.io/v1alpha1',
    kind: 'AnalysisRun',
    metadata: { name },
    spec: { metrics: [{ name: 'error-rate', provider, ...extra }] }
  });

  it('measures a Prometheus instant query (a vector becomes a list) and records each measurement', async () => {
    let query = '';
    server = http.createServer((request, response) => {
      query = new URL(request.url ?? '/', 'http://x').searchParams.get('query') ?? '';
      response.end(JSON.stringify({ status: 'success', data: { resultType: 'vector', result: [{ metric: {}, value: [1700000000, '0.03'] }] } }));
    });
    await new Promise<void>((resolve) => server?.listen(0, '127.0.0.1', resolve));
    emulator = await startKubeEmulator({ argoRollouts: true });
    const address = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    await call(emulator.url, 'POST', RUNS, run('prom', { prometheus: { address, query: 'sum(rate(errors[1m]))' } }, { successCondition: 'result[0] < 0.05' }));
    const status = await eventually(async () => {
      const body = (await call(emulator?.url ?? '', 'GET', `${RUNS}/prom`)).body['status'] as JsonObject | undefined;
      return body?.['phase'] === 'Successful' ? body : undefined;
    });
    expect(query).toBe('sum(rate(errors[1m]))');
    expect((status['metricResults'] as JsonObject[])[0]).toMatchObject({ name: 'error-rate', phase: 'Successful', count: 1, successful: 1, measurements: [{ phase: 'Successful', value: '[0.03]' }] });
  });

  it('refuses to measure anything but loopback, recording the reason as an Error measurement; terminate ends the run', async () => {
    emulator = await startKubeEmulator({ argoRollouts: true });
    await call(emulator.url, 'POST', RUNS, run('remote', { web: { url: 'http://example.com/health' } }, { interval: '1s', count: 3 }));
    const measured = await eventually(async () => {
      const body = (await call(emulator?.url ?? '', 'GET', `${RUNS}/remote`)).body['status'] as JsonObject | undefined;
      const result = (body?.['metricResults'] as JsonObject[] | undefined)?.[0];
      return result && (result['measurements'] as JsonObject[]).length > 0 ? result : undefined;
    });
    expect(measured).toMatchObject({ error: 1, consecutiveError: 1, measurements: [{ phase: 'Error', message: 'the emulator only measures loopback addresses, not example.com' }] });
    await call(emulator.url, 'PATCH', `${RUNS}/remote`, { spec: { terminate: true } }, { 'Content-Type': 'application/merge-patch+json' });
    const ended = await eventually(async () => {
      const body = (await call(emulator?.url ?? '', 'GET', `${RUNS}/remote`)).body['status'] as JsonObject | undefined;
      return body && body['phase'] !== 'Running' ? body : undefined;
    });
    expect(ended).toMatchObject({ phase: 'Successful', message: 'Run Terminated' });
  });
});
