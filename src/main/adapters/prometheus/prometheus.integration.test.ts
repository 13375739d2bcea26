// The Prometheus adapter against Debian's real Prometheus: it finds an instance of the metrics server
// through the scrape targets file Shipdeck writes (file_sd), scrapes it every second, and the built-in
// queries read its error rate and latency, labelled as the analysis selects them; a query Prometheus
// cannot parse comes back as its refusal.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../../../shared/result';
import { BUILT_IN_METRICS, REQUEST_RATE_QUERY, rateInterval, renderQuery } from '../../features/analysis/query-templates';
import { requireComponent } from '../../testing/components';
import { dockerAnswers } from '../../testing/docker-fixtures';
import { buildMetricsServerImage, ERRORING_VERSION, removeMetricsServerImage } from '../../testing/metrics-server-image';
import { freePort } from '../../testing/release-fixture';
import { prometheusInstalled, startTestPrometheus, type TestPrometheus } from '../../testing/test-prometheus';
import { createFileScrapeTargets } from './file-scrape-targets';
import { createPrometheusClient } from './prometheus-client';

const prefix = `shipdeck-prom-it-${process.pid}`;
const root = fs.mkdtempSync(path.join(os.tmpdir(), 'shipdeck-prometheus-'));
let prometheus: TestPrometheus | null = null;
let image: string | null = null;
let port = 0;

describe('Prometheus over its HTTP API', () => {
  beforeAll(async () => {
    const available = (await requireComponent('docker', dockerAnswers)) && (await requireComponent('prometheus', prometheusInstalled));
    if (!available) return;
    const targets = createFileScrapeTargets(root);
    prometheus = await startTestPrometheus({ dir: path.join(root, 'prometheus'), targetsFolder: targets.folder });
    image = (await buildMetricsServerImage('4.0.0', ERRORING_VERSION, `${prefix}/metrics-server`)).reference;
    port = await freePort();
    execFileSync('docker', ['run', '-d', '--rm', '--init', '--name', `${prefix}-instance`, '--network', 'host', '-e', `PORT=${port}`, image], { stdio: 'ignore' });
    await targets.write('shop', 'dev', [{ address: `127.0.0.1:${port}`, labels: { service: 'shop', environment: 'dev', version: '4.0.0', role: 'canary' } }]);
  }, 120_000);

  afterAll(async () => {
    if (prometheus) execFileSync('docker', ['rm', '-f', `${prefix}-instance`], { stdio: 'ignore' });
    await prometheus?.stop();
    if (image) await removeMetricsServerImage(image);
    fs.rmSync(root, { recursive: true, force: true });
  }, 60_000);

  it('reads the error rate and latency of an instance it found in the scrape targets, by its labels', async (ctx) => {
    if (!prometheus) return ctx.skip();
    const client = createPrometheusClient();
    const values = { service: 'shop', environment: 'dev', version: '4.0.0', role: 'canary' as const, interval: rateInterval(1) };
    // 40 requests a second for a while, so rate() has something to say.
    const started = Date.now();
    let answer: Awaited<ReturnType<typeof client.instant>> | null = null;
    while (Date.now() - started < 25_000) {
      await Promise.all(Array.from({ length: 8 }, () => fetch(`http://127.0.0.1:${port}/`).then((response) => response.text())));
      await new Promise((resolve) => setTimeout(resolve, 200));
      if (Date.now() - started < 8000) continue;
      answer = await client.instant(prometheus.url, renderQuery(REQUEST_RATE_QUERY, values));
      if ((answer.series[0]?.points[0]?.[1] ?? 0) > 0) break;
    }
    expect(answer?.series[0]?.points[0]?.[1]).toBeGreaterThan(0);

    const [errorRate, p50, p95] = BUILT_IN_METRICS;
    if (!errorRate || !p50 || !p95) throw new Error('built-in metrics');
    const ratio = (await client.instant(prometheus.url, renderQuery(errorRate.query, values))).series[0]?.points[0]?.[1];
    expect(ratio).toBeGreaterThanOrEqual(0);
    expect(ratio).toBeLessThan(0.5);
    const median = (await client.instant(prometheus.url, renderQuery(p50.query, values))).series[0]?.points[0]?.[1] ?? Number.NaN;
    const tail = (await client.instant(prometheus.url, renderQuery(p95.query, values))).series[0]?.points[0]?.[1] ?? Number.NaN;
    // The server sleeps 10–57 ms; the histogram's buckets bound what histogram_quantile can say.
    expect(median).toBeGreaterThan(0.005);
    expect(median).toBeLessThan(0.075);
    expect(tail).toBeGreaterThanOrEqual(median);

    // The series carry the labels the targets file gave the instance, whatever the server labels itself.
    const labelled = await client.instant(prometheus.url, 'http_requests_total{service="shop",role="canary",code="500"}');
    expect(labelled.series[0]?.labels).toMatchObject({ service: 'shop', environment: 'dev', version: '4.0.0', role: 'canary', exported_service: 'metrics-server', job: 'shipdeck' });

    const now = Math.floor(Date.now() / 1000);
    const range = await client.range(prometheus.url, { query: renderQuery(REQUEST_RATE_QUERY, values), start: now - 6, end: now, stepSeconds: 1 });
    expect(range.series[0]?.points.length).toBeGreaterThanOrEqual(2);
    expect(range.series[0]?.points.every(([at, value]) => at >= now - 6 && at <= now && value > 0)).toBe(true);

    await expect(client.instant(prometheus.url, 'sum(rate(http_requests_total[1s)')).rejects.toSatisfy(
      (error: unknown) => error instanceof AppError && error.code === 'METRICS_QUERY_FAILED' && /bad_data/.test(error.message)
    );
  }, 90_000);
});
