import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { failedSamples, settledOn, startLoad } from './load-generator';

describe('startLoad', () => {
  let server: http.Server;
  let url = '';
  let answer = 'v1';
  let failNext = 0;
  beforeAll(async () => {
    server = http.createServer((_request, response) => {
      if (failNext > 0) {
        failNext--;
        response.writeHead(502).end('bad gateway');
        return;
      }
      response.end(answer);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('offers the rate asked for, bounded in time, and records bodies and failures', async () => {
    failNext = 3;
    const load = startLoad({ url, requestsPerSecond: 200, maxSeconds: 0.5 });
    const samples = await load.done;
    expect(samples.length).toBe(100);
    expect(failedSamples(samples)).toHaveLength(3);
    expect(samples.filter((sample) => sample.body === 'v1')).toHaveLength(97);
  });

  it('says from when every response carries a body', async () => {
    answer = 'v1';
    const load = startLoad({ url, requestsPerSecond: 200, maxSeconds: 3 });
    await new Promise((resolve) => setTimeout(resolve, 300));
    const switchedAt = load.now();
    answer = 'v2';
    await new Promise((resolve) => setTimeout(resolve, 300));
    const samples = await load.stop();
    const settled = settledOn(samples, 'v2', 0);
    expect(settled).not.toBeNull();
    expect(settled as number).toBeGreaterThanOrEqual(switchedAt);
    expect(settledOn(samples, 'v1', 0)).toBeNull();
  });
});
