// The Prometheus client against a local HTTP server that answers as Prometheus' API does (its answers
// copied from Prometheus 2.42): queries sent as forms, series read with NaN kept, refusals and warnings
// surfaced, an unreachable or slow Prometheus and a cancelled query told apart.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { AppError } from '../../../shared/result';
import { createPrometheusClient } from './prometheus-client';

interface Seen {
  readonly path: string;
  readonly form: URLSearchParams;
}

const servers: http.Server[] = [];
afterEach(async () => {
  for (const server of servers.splice(0)) {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
});

async function fakePrometheus(answer: (seen: Seen) => { status: number; body: string; delayMs?: number }): Promise<{ url: string; seen: Seen[] }> {
  const seen: Seen[] = [];
  const server = http.createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const entry = { path: request.url ?? '', form: new URLSearchParams(Buffer.concat(chunks).toString('utf8')) };
      seen.push(entry);
      const { status, body, delayMs } = answer(entry);
      setTimeout(() => {
        response.writeHead(status, { 'Content-Type': 'application/json' });
        response.end(body);
      }, delayMs ?? 0);
    });
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, seen };
}

/** A port nothing listens on (a moment ago something did). */
async function closedPort(): Promise<string> {
  const server = http.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return `http://127.0.0.1:${port}`;
}

async function rejection(promise: Promise<unknown>): Promise<AppError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error('expected a rejection');
}

const prometheus = createPrometheusClient();

describe('range and instant queries', () => {
  it('sends the range as a form under the path prefix and reads the matrix, keeping NaN and infinities', async () => {
    const fake = await fakePrometheus(() => ({
      status: 200,
      body: JSON.stringify({
        status: 'success',
        data: {
          resultType: 'matrix',
          result: [{ metric: { service: 'shop', role: 'canary' }, values: [[1700000000, '0.01'], [1700000005, 'NaN'], [1700000010, '+Inf']] }]
        }
      })
    }));
    const answer = await prometheus.range(`${fake.url}/prom/`, { query: 'sum(rate(http_requests_total[1m]))', start: 1700000000, end: 1700000010, stepSeconds: 5 });
    expect(fake.seen[0]?.path).toBe('/prom/api/v1/query_range');
    expect(Object.fromEntries(fake.seen[0]?.form ?? [])).toEqual({ query: 'sum(rate(http_requests_total[1m]))', start: '1700000000', end: '1700000010', step: '5' });
    expect(answer.series).toHaveLength(1);
    expect(answer.series[0]?.labels).toEqual({ service: 'shop', role: 'canary' });
    const values = answer.series[0]?.points.map(([, value]) => value) ?? [];
    expect(values[0]).toBe(0.01);
    expect(Number.isNaN(values[1])).toBe(true);
    expect(values[2]).toBe(Number.POSITIVE_INFINITY);
    expect(answer.warnings).toEqual([]);
  });

  it('reads an instant vector and a scalar, at the time asked for, and surfaces warnings', async () => {
    const fake = await fakePrometheus(({ form }) => ({
      status: 200,
      body:
        form.get('query') === 'scalar(1)'
          ? JSON.stringify({ status: 'success', data: { resultType: 'scalar', result: [1700000000, '1'] } })
          : JSON.stringify({
              status: 'success',
              warnings: ['PromQL info: metric might not be a counter'],
              data: { resultType: 'vector', result: [{ metric: { code: '500' }, value: [1700000000, '3'] }] }
            })
    }));
    const vector = await prometheus.instant(fake.url, 'up', { at: 1700000000 });
    expect(fake.seen[0]?.path).toBe('/api/v1/query');
    expect(fake.seen[0]?.form.get('time')).toBe('1700000000');
    expect(vector).toEqual({ series: [{ labels: { code: '500' }, points: [[1700000000, 3]] }], warnings: ['PromQL info: metric might not be a counter'] });
    expect((await prometheus.instant(fake.url, 'scalar(1)')).series).toEqual([{ labels: {}, points: [[1700000000, 1]] }]);
    expect(fake.seen[1]?.form.has('time')).toBe(false);
  });
});

describe('failures', () => {
  it("quotes Prometheus' refusal of a query with its error type", async () => {
    const fake = await fakePrometheus(() => ({
      status: 400,
      body: JSON.stringify({ status: 'error', errorType: 'bad_data', error: '1:6: parse error: unexpected right parenthesis' })
    }));
    const error = await rejection(prometheus.instant(fake.url, 'rate())'));
    expect(error.code).toBe('METRICS_QUERY_FAILED');
    expect(error.message).toBe('Prometheus refused the query (bad_data): 1:6: parse error: unexpected right parenthesis');
    expect(error.hint).toContain('PromQL');
  });

  it('says when what answers is not the Prometheus API', async () => {
    const fake = await fakePrometheus(() => ({ status: 404, body: '<html>Not Found</html>' }));
    const error = await rejection(prometheus.instant(fake.url, 'up'));
    expect(error.code).toBe('METRICS_QUERY_FAILED');
    expect(error.message).toMatch(/answered HTTP 404, but its answer is not JSON: is it the Prometheus API\?/);
  });

  it('tells an unreachable Prometheus, a slow one and a cancelled query apart', async () => {
    const fake = await fakePrometheus(() => ({ status: 200, body: '{}', delayMs: 2000 }));
    const closed = await closedPort();
    const unreachable = await rejection(prometheus.instant(closed, 'up'));
    expect(unreachable.code).toBe('METRICS_UNREACHABLE');
    expect(unreachable.message).toMatch(/does not answer: ECONNREFUSED/);

    const slow = await rejection(prometheus.instant(fake.url, 'up', { timeoutMs: 100 }));
    expect(slow.code).toBe('METRICS_UNREACHABLE');
    expect(slow.message).toMatch(/did not answer within 0.1 s/);

    const stop = new AbortController();
    const cancelled = rejection(prometheus.range(fake.url, { query: 'up', start: 1, end: 2, stepSeconds: 1 }, { signal: stop.signal }));
    setTimeout(() => stop.abort(), 50);
    expect((await cancelled).code).toBe('CANCELLED');
  });

  it('refuses a URL that is not http(s) and a range that runs backwards, before sending anything', async () => {
    expect((await rejection(prometheus.instant('ftp://127.0.0.1:9090', 'up'))).code).toBe('INVALID_INPUT');
    expect((await rejection(prometheus.range('http://127.0.0.1:9', { query: 'up', start: 10, end: 5, stepSeconds: 1 }))).code).toBe('INVALID_INPUT');
  });
});
