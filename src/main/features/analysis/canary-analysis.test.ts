// The canary analysis runner over the real SQLite store, with a Prometheus that answers from a script and
// a clock that moves when the runner waits. The judge is a stand-in (the real one is tested in
// shared/domain/analysis): what is checked here is what the runner asks, records and decides with it.
import { afterEach, describe, expect, it } from 'vitest';
import type { PrometheusSettings } from '../../../shared/contract/analysis';
import type { MetricSeries, StepVerdict } from '../../../shared/domain/analysis';
import { DEFAULT_ENVIRONMENT_SETTINGS, type EnvironmentSettings } from '../../../shared/domain/environment-settings';
import { AppError } from '../../../shared/result';
import { openReleaseStore } from '../../adapters/store/sqlite-release-store';
import { audit, newService, steppingClock, useTempDirs } from '../../adapters/store/testing/temp-store';
import { createEventBus } from '../../event-bus';
import type { MetricsPort, RangeQuery } from '../../ports/metrics';
import type { ReleaseStore } from '../../ports/store';
import type { AnalysisJudge, JudgedMetric, TrafficObservation } from './analysis-judge';
import { createCanaryAnalysis, type AnalysisClock } from './canary-analysis';
import { releaseAnalysis } from './release-analysis';

const tempDir = useTempDirs('shipdeck-canary-analysis-');
const stores: ReleaseStore[] = [];
afterEach(() => stores.splice(0).forEach((store) => store.close()));

const T0 = 1_700_000_000;
const digest = (n: number): string => `sha256:${String(n).repeat(64)}`;

async function world() {
  const store = openReleaseStore(tempDir(), { now: steppingClock(), dailyBackup: false });
  stores.push(store);
  await store.workspace.addService(newService('shop'), audit('service.add'));
  for (const n of [1, 2]) {
    await store.artifacts.recordArtifact({ service: 'shop', imageRepository: 'shipdeck-local/shop', digest: digest(n), commitSha: `${n}`.repeat(40), version: `1.${n}.0`, pipelineRunId: null });
  }
  const release = await store.releases.startRelease({
    service: 'shop',
    environment: 'dev',
    digest: digest(2),
    previousDigest: digest(1),
    strategy: 'canary',
    trigger: 'manual',
    startedBy: 'tester',
    rollbackOfId: null,
    reason: null,
    overrideReason: null,
    settings: DEFAULT_ENVIRONMENT_SETTINGS,
    status: 'in-progress',
    pid: 1
  });
  return { store, release };
}

/** A clock that moves forward by exactly what the runner waits; a sleep rejects when the signal aborts. */
function steppedClock(): AnalysisClock & { readonly slept: number[] } {
  let now = T0 * 1000;
  const slept: number[] = [];
  return {
    slept,
    now: () => now,
    sleep: async (ms, signal) => {
      if (signal.aborted) throw new AppError('CANCELLED', 'stopped');
      slept.push(ms);
      now += ms;
    }
  };
}

type Answer = (query: string, at: number) => number | 'fail';

/** Prometheus answering each query with one series, a point per step up to `end`; `answer` gives the value. */
function scriptedPrometheus(answer: Answer, warnings: readonly string[] = []): MetricsPort & { readonly asked: RangeQuery[] } {
  const asked: RangeQuery[] = [];
  return {
    asked,
    instant: () => Promise.reject(new Error('not used')),
    range: async (_url, query) => {
      asked.push(query);
      if (answer(query.query, query.start) === 'fail') throw new AppError('METRICS_UNREACHABLE', 'Prometheus at http://127.0.0.1:9090/api/v1/query_range does not answer: ECONNREFUSED.');
      const points: [number, number][] = [];
      for (let at = query.start; at <= query.end; at += query.stepSeconds) points.push([at, answer(query.query, at) as number]);
      return { series: [{ labels: {}, points }], warnings };
    }
  };
}

const role = (query: string): 'canary' | 'baseline' => (query.includes('role="canary"') ? 'canary' : 'baseline');
const isErrorRate = (query: string): boolean => query.includes('code=~"5.."');
const isRequestRate = (query: string): boolean => query.startsWith('sum(rate(http_requests_total');

/** The stand-in judge: fails early after three points at more than 3× the baseline's errors; at the end, passes when no canary mean is above 2× the baseline's. */
function standInJudge(): AnalysisJudge & { readonly looks: TrafficObservation[] } {
  const looks: TrafficObservation[] = [];
  const mean = (series: MetricSeries): number => series.points.reduce((sum, [, value]) => sum + value, 0) / series.points.length;
  return {
    looks,
    step: () => {
      let bad = 0;
      return {
        look(observation) {
          looks.push(observation);
          const { canary, baseline } = observation;
          bad = canary && baseline && canary.errorRatio > 3 * baseline.errorRatio ? bad + 1 : 0;
          if (bad < 3) return null;
          return { verdict: 'fail', reason: `canary errors ${canary?.errorRatio} against ${baseline?.errorRatio}`, metrics: [], warnings: [] };
        },
        final(metrics: readonly JudgedMetric[]): StepVerdict {
          const verdicts = metrics.map((metric) => {
            const failure = metric.canary.failure ?? metric.baseline.failure;
            const verdict = failure !== null ? 'inconclusive' : mean(metric.canary) > 2 * mean(metric.baseline) ? 'fail' : 'pass';
            return { metric: metric.definition.name, verdict, reason: failure ?? 'compared', numbers: { points: metric.canary.points.length }, warnings: [] } as const;
          });
          const worst = verdicts.find((verdict) => verdict.verdict === 'fail') ?? verdicts.find((verdict) => verdict.verdict === 'inconclusive');
          return { verdict: worst?.verdict ?? 'pass', reason: worst ? `${worst.metric}: ${worst.reason}` : 'all metrics passed', metrics: verdicts, warnings: [] };
        }
      };
    },
    experiment: () => {
      throw new Error('not used');
    }
  };
}

const workspace = (url: string | null): (() => PrometheusSettings) => () => ({ url, scrapeIntervalSeconds: 5, targetsFolder: '/tmp/targets' });
const settings = (overrides: Partial<EnvironmentSettings> = {}): EnvironmentSettings => ({ ...DEFAULT_ENVIRONMENT_SETTINGS, strategy: 'canary', analysisWindowSeconds: 60, ...overrides });

/** Error rate 0.5 % on the baseline; the canary's from `canaryErrors`; latency 50 ms on both; 20 requests/s. */
const service = (canaryErrors: number): Answer => (query) => {
  if (isErrorRate(query)) return role(query) === 'canary' ? canaryErrors : 0.005;
  if (isRequestRate(query)) return 20;
  return 0.05;
};

describe('canary analysis at a gate', () => {
  it('reads every metric for both sides over the window, records the series and passes a good canary at the end', async () => {
    const { store, release } = await world();
    const prometheus = scriptedPrometheus(service(0.005));
    const clock = steppedClock();
    const events = createEventBus();
    const hints: (number | null)[] = [];
    events.on('releases.changed', (change) => hints.push(change.deploymentId), new AbortController().signal);
    const synced: string[] = [];
    const analysis = createCanaryAnalysis({
      metrics: prometheus,
      store,
      judge: standInJudge(),
      events,
      workspace: workspace('http://127.0.0.1:9090'),
      syncTargets: async (service, environment) => void synced.push(`${service}/${environment}`),
      clock
    });

    const verdict = await analysis.judge({ deploymentId: release.id, service: 'shop', environment: 'dev', step: 2, weight: 25, settings: settings() }, new AbortController().signal);
    expect(verdict).toEqual({ verdict: 'pass', reason: 'all metrics passed' });
    expect(synced).toEqual(['shop/dev']);
    // The window is read to its end (plus one scrape interval for the last points to arrive), never beyond it.
    expect(clock.now() / 1000).toBe(T0 + 60 + 10);
    expect(Math.max(...prometheus.asked.map((query) => query.end))).toBe(T0 + 60);
    // Points two scrape intervals apart, each rate() over its own two intervals.
    expect(prometheus.asked.every((query) => query.start === T0 && query.stepSeconds === 10)).toBe(true);
    expect(hints.every((id) => id === release.id) && hints.length > 3).toBe(true);

    const recorded = releaseAnalysis(store, release.id);
    expect(recorded.prometheusUrl).toBe('http://127.0.0.1:9090');
    expect(recorded.steps).toEqual([expect.objectContaining({ step: 2, weight: 25, startedAt: T0, endedAt: T0 + 70, verdict: expect.objectContaining({ verdict: 'pass' }) })]);
    expect(recorded.metrics.map((metric) => metric.name)).toEqual(['error-rate', 'latency-p50', 'latency-p95', 'latency-p99']);
    const errors = recorded.metrics[0];
    expect(errors?.rendered.canary).toContain('service="shop",environment="dev",role="canary"');
    expect(errors?.rendered.baseline).toContain('role="baseline"');
    expect(errors?.rendered.canary).toContain('[10s]');
    // Each point once, in order, though the window was read many times.
    const times = errors?.canary.points.map(([at]) => at) ?? [];
    expect(times).toEqual(Array.from({ length: 7 }, (_, i) => T0 + 10 * i));
    expect(errors?.canary.failure).toBeNull();
  });

  it('fails a clearly broken canary before its window ends, on the sequential look', async () => {
    const { store, release } = await world();
    const judge = standInJudge();
    const clock = steppedClock();
    const analysis = createCanaryAnalysis({ metrics: scriptedPrometheus(service(0.05)), store, judge, events: createEventBus(), workspace: workspace('http://127.0.0.1:9090'), clock });
    const verdict = await analysis.judge({ deploymentId: release.id, service: 'shop', environment: 'dev', step: 1, weight: 5, settings: settings({ analysisWindowSeconds: 600 }) }, new AbortController().signal);
    expect(verdict).toEqual({ verdict: 'fail', reason: 'canary errors 0.05 against 0.005' });
    expect(clock.now() / 1000).toBeLessThan(T0 + 600);
    // The sequential test was fed each point's traffic, both sides, at the series' resolution.
    expect(judge.looks[0]).toEqual({ canary: { errorRatio: 0.05, requestsPerSecond: 20 }, baseline: { errorRatio: 0.005, requestsPerSecond: 20 }, seconds: 10 });
    expect(releaseAnalysis(store, release.id).steps[0]?.verdict?.verdict).toBe('fail');
  });

  it('never passes when Prometheus cannot be read: the failure is recorded with the series and the step is inconclusive', async () => {
    const { store, release } = await world();
    const analysis = createCanaryAnalysis({
      metrics: scriptedPrometheus(() => 'fail'),
      store,
      judge: standInJudge(),
      events: createEventBus(),
      workspace: workspace(null),
      clock: steppedClock()
    });
    const verdict = await analysis.judge(
      { deploymentId: release.id, service: 'shop', environment: 'dev', step: 1, weight: 5, settings: settings({ prometheusUrl: 'http://127.0.0.1:9091', analysisWindowSeconds: 20 }) },
      new AbortController().signal
    );
    expect(verdict?.verdict).toBe('inconclusive');
    expect(verdict?.reason).toContain('does not answer');
    const recorded = releaseAnalysis(store, release.id);
    expect(recorded.prometheusUrl).toBe('http://127.0.0.1:9091');
    expect(recorded.metrics[0]?.canary).toMatchObject({ points: [], failure: expect.stringContaining('does not answer') });
  });

  it('adds Prometheus’ warnings to the metrics’ warnings', async () => {
    const { store, release } = await world();
    const analysis = createCanaryAnalysis({
      metrics: scriptedPrometheus(service(0.005), ['PromQL info: metric might not be a counter']),
      store,
      judge: standInJudge(),
      events: createEventBus(),
      workspace: workspace('http://127.0.0.1:9090'),
      clock: steppedClock()
    });
    await analysis.judge({ deploymentId: release.id, service: 'shop', environment: 'dev', step: 1, weight: 5, settings: settings({ analysisWindowSeconds: 20 }) }, new AbortController().signal);
    const step = releaseAnalysis(store, release.id).steps[0]?.verdict;
    expect(step?.metrics[0]?.warnings).toEqual(['Prometheus warned: PromQL info: metric might not be a counter']);
  });

  it('answers null, reading nothing, when no Prometheus is known; stops when cancelled', async () => {
    const { store, release } = await world();
    const prometheus = scriptedPrometheus(service(0.005));
    const analysis = createCanaryAnalysis({ metrics: prometheus, store, judge: standInJudge(), events: createEventBus(), workspace: workspace(null), clock: steppedClock() });
    const request = { deploymentId: release.id, service: 'shop', environment: 'dev', step: 1, weight: 5, settings: settings() };
    expect(await analysis.judge(request, new AbortController().signal)).toBeNull();
    expect(prometheus.asked).toEqual([]);
    expect(releaseAnalysis(store, release.id).steps).toEqual([]);

    const stop = new AbortController();
    stop.abort();
    await expect(analysis.judge({ ...request, settings: settings({ prometheusUrl: 'http://127.0.0.1:9090' }) }, stop.signal)).rejects.toMatchObject({ code: 'CANCELLED' });
  });
});
