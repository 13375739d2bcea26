// The runner's judge bound to the domain's: the error counts reach the sequential test point by point
// (a broken canary fails before the window's end, a good one never does), the window-end verdict covers
// every metric, and a failed query is never a pass.
import { describe, expect, it } from 'vitest';
import type { SeriesPoint } from '../../../shared/domain/analysis';
import type { JudgedMetric } from './analysis-judge';
import { createDomainJudge } from './judge-binding';
import { BUILT_IN_METRICS } from './query-templates';

const judge = createDomainJudge();
const errorRate = BUILT_IN_METRICS[0];
const p95 = BUILT_IN_METRICS[2];
if (!errorRate || !p95) throw new Error('built-in metrics');

/** 30 points, 2 s apart, around `center` with a small deterministic wobble. */
const series = (center: number): SeriesPoint[] => Array.from({ length: 30 }, (_, i): SeriesPoint => [1_700_000_000 + 2 * i, center * (1 + 0.1 * Math.sin(i * 1.7))]);

describe('judge binding', () => {
  it('fails a canary with ten times the errors on the sequential looks, and never a canary like its baseline', () => {
    const broken = judge.step(0.95, errorRate.thresholds);
    let failedAt: number | null = null;
    for (let look = 1; look <= 30 && failedAt === null; look++) {
      const verdict = broken.look({ canary: { errorRatio: 0.05, requestsPerSecond: 25 }, baseline: { errorRatio: 0.005, requestsPerSecond: 25 }, seconds: 2 });
      if (verdict) {
        expect(verdict).toMatchObject({ verdict: 'fail', metrics: [expect.objectContaining({ metric: 'error-rate', verdict: 'fail' })] });
        failedAt = look;
      }
    }
    expect(failedAt).not.toBeNull();

    const alike = judge.step(0.95, errorRate.thresholds);
    for (let look = 1; look <= 30; look++) {
      expect(alike.look({ canary: { errorRatio: 0.005, requestsPerSecond: 25 }, baseline: { errorRatio: 0.005, requestsPerSecond: 25 }, seconds: 2 })).toBeNull();
    }
  });

  it('judges every metric at the window’s end: alike passes, doubled latency fails, a failed query is inconclusive', () => {
    const metric = (definition: typeof errorRate, baseline: number, canary: number, failure: string | null = null): JudgedMetric => ({
      definition,
      baseline: { points: series(baseline), failure: null },
      canary: { points: failure ? [] : series(canary), failure }
    });
    const step = judge.step(0.95, errorRate.thresholds);
    expect(step.final([metric(errorRate, 0.005, 0.005), metric(p95, 0.05, 0.05)]).verdict).toBe('pass');
    const slow = step.final([metric(errorRate, 0.005, 0.005), metric(p95, 0.05, 0.1)]);
    expect(slow).toMatchObject({ verdict: 'fail', reason: expect.stringContaining('latency-p95') });
    expect(step.final([metric(errorRate, 0.005, 0.005, 'Prometheus does not answer'), metric(p95, 0.05, 0.05)]).verdict).toBe('inconclusive');
  });
});
