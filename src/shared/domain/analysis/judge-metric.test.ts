// The judge on recorded series, including the cases Kayenta's, Argo's and Spinnaker's judges get wrong.
import { describe, expect, it } from 'vitest';
import type { JudgeOptions, MetricSeries } from '../analysis';
import { DEFAULT_JUDGE_OPTIONS, judgeMetric, worseRatio } from './judge-metric';
import { seededRandom } from './random';

const series = (values: readonly number[], failure: string | null = null): MetricSeries => ({
  points: values.map((value, index) => [1_700_000_000 + 15 * index, value] as const),
  failure
});
const judge = (baseline: readonly number[], canary: readonly number[], options: Partial<JudgeOptions> = {}) =>
  judgeMetric(series(baseline), series(canary), { ...DEFAULT_JUDGE_OPTIONS, metric: 'latency-p95', ...options });

const repeat = (value: number, times: number): number[] => Array.from({ length: times }, () => value);

describe('judgeMetric: the cases other judges get wrong', () => {
  // kayenta#780: the canary's median matches the baseline's, its variance is far larger.
  const tight = [10.0, 10.1, 10.2, 10.3, 10.4, 10.5, 10.6, 17.0, 17.1, 17.2, 17.3, 17.4, 17.5, 17.6, 17.7];
  const wild = [1.0, 100.0, 4.0, 101.0, 5.0, 102.0, 6.0, 103.0, 7.0, 104.0, 8.0, 105.0, 9.0, 106.0, 17.0];

  it('fails a canary with the same median and a much larger variance (kayenta#780)', () => {
    const verdict = judge(tight, wild);
    expect(verdict.numbers.canaryMedian).toBe(17);
    expect(verdict.numbers.baselineMedian).toBe(17);
    expect(verdict.numbers.pValue).toBeGreaterThan(0.4); // the rank test alone would pass it
    expect(verdict.verdict).toBe('fail');
    expect(verdict.reason).toMatch(/7 of 15 canary points .* above the baseline's highest \(17\.7\)/);
  });

  it('fails a canary that spreads far more even when the baseline has outliers of its own (the spread rule)', () => {
    const baseline = [...Array.from({ length: 28 }, (_, i) => 9.9 + (i % 5) * 0.05), 0, 200];
    const canary = [...repeat(10, 10), ...Array.from({ length: 10 }, (_, i) => 1 + i * 0.8), ...Array.from({ length: 10 }, (_, i) => 20 + i * 14)];
    const verdict = judge(baseline, canary);
    expect(verdict.numbers.pointsBeyondBaseline).toBe(0);
    expect(verdict.verdict).toBe('fail');
    expect(verdict.reason).toMatch(/much less stable on the canary: its median absolute deviation is/);
  });

  it('fails 7 of 10 points at 100× the baseline (spinnaker#6278), at Kayenta\'s 98 %', () => {
    const verdict = judge(repeat(1, 10), [100, 100, 100, 100, 100, 100, 100, 1, 1, 1], { confidence: 0.98 });
    expect(verdict.verdict).toBe('fail');
    expect(verdict.reason).toMatch(/higher on the canary: mean 70\.3 against 1 \(70\.3 ×\)/);
  });

  it('fails a minority of points far above the baseline that the rank test misses (the tail rule)', () => {
    const random = seededRandom(6278);
    const baseline = Array.from({ length: 30 }, () => 1 + 0.1 * random.normal());
    const canary = [...Array.from({ length: 24 }, () => 1 + 0.1 * random.normal()), ...repeat(100, 6)];
    const verdict = judge(baseline, canary);
    expect(verdict.numbers.pValue).toBeGreaterThan(verdict.numbers.alphaPerTest as number);
    expect(verdict.verdict).toBe('fail');
    expect(verdict.reason).toMatch(/^6 of 30 canary points of latency-p95 are above the baseline's highest/);
  });

  describe('errors on the canary while the baseline has none (kayenta#426, #799)', () => {
    const sparseCanary = [0, 1, 2, 1, 0, 0];
    const noErrors = repeat(0, 6);

    it('never divides by zero into a pass: inconclusive when too few points to be sure and no absolute threshold', () => {
      const verdict = judge(noErrors, sparseCanary, { confidence: 0.98, minPoints: 5 });
      expect(verdict.verdict).toBe('inconclusive');
      expect(verdict.reason).toMatch(/baseline's latency-p95 is 0, so a relative comparison is undefined/);
      expect(verdict.numbers.relativeToBaseline).toBeNull();
    });

    it('decides on the absolute threshold when the relative comparison is undefined', () => {
      expect(judge(noErrors, sparseCanary, { minPoints: 5, thresholds: { absolute: 1, relative: 1.5 } }).verdict).toBe('pass');
      const over = judge(noErrors, sparseCanary, { minPoints: 5, thresholds: { absolute: 0.5 } });
      expect(over.verdict).toBe('fail');
      expect(over.reason).toMatch(/averages 0\.667, above the absolute threshold 0\.5/);
    });

    it('fails once the errors are significant, whatever the relative threshold', () => {
      const canary = [...repeat(0, 12), 0.01, 0.02, 0.01, 0.03, 0.01, 0.02, 0.05, 0.01];
      const verdict = judge(repeat(0, 20), canary, { thresholds: { relative: 3 } });
      expect(verdict.verdict).toBe('fail');
      expect(verdict.reason).toMatch(/mean 0\.008 against 0 \(∞ ×\)/);
    });

    it('passes a canary that has no errors either', () => {
      expect(judge(repeat(0, 20), repeat(0, 20)).verdict).toBe('pass');
    });
  });

  describe('a failed or empty query is never a pass (argo-rollouts#4479)', () => {
    const good = Array.from({ length: 20 }, (_, i) => 0.1 + (i % 4) * 0.01);

    it('is inconclusive when a query failed, with the reason', () => {
      const verdict = judgeMetric(series(good), series([], 'Prometheus answered 503: service unavailable'), { ...DEFAULT_JUDGE_OPTIONS, metric: 'error-rate' });
      expect(verdict.verdict).toBe('inconclusive');
      expect(verdict.reason).toContain('the canary query failed (Prometheus answered 503: service unavailable)');
      expect(verdict.warnings).toContain('The canary query failed: Prometheus answered 503: service unavailable.');
    });

    it('is inconclusive when a query returned nothing, or only NaN', () => {
      const empty = judge(good, []);
      expect(empty.verdict).toBe('inconclusive');
      expect(empty.reason).toMatch(/canary query returned no points/);
      const allNaN = judge([Number.NaN, Number.NaN], good);
      expect(allNaN.verdict).toBe('inconclusive');
      expect(allNaN.reason).toMatch(/baseline query returned only failed measurements \(2 NaN\)/);
      expect(allNaN.warnings).toContain('The baseline query returned no usable points.');
    });

    it('does not count NaN points, says so, and refuses a verdict when most of them failed', () => {
      const someNaN = judge(good, [...good.slice(0, 18), Number.NaN, Number.NaN]);
      expect(someNaN.verdict).toBe('pass');
      expect(someNaN.numbers.canaryPoints).toBe(18);
      expect(someNaN.warnings).toContain('2 of 20 canary measurements failed (NaN) and were not counted.');
      const mostNaN = judge(good, [...good.slice(0, 9), ...repeat(Number.NaN, 11)], { minPoints: 5 });
      expect(mostNaN.verdict).toBe('inconclusive');
      expect(mostNaN.reason).toMatch(/11 of 20 canary measurements failed/);
    });

    it('is inconclusive with too few points, and warns', () => {
      const verdict = judge(good, good.slice(0, 4));
      expect(verdict.verdict).toBe('inconclusive');
      expect(verdict.warnings).toContain('Too few points: the canary has 4, the baseline 20; at least 10 each are needed.');
    });
  });
});

describe('judgeMetric: directions and thresholds', () => {
  const random = seededRandom(42);
  const noisy = (center: number, count = 30) => Array.from({ length: count }, () => center * (1 + 0.05 * random.normal()));
  const baseline = noisy(100);

  it('increase (the default): a higher canary fails, a lower one passes', () => {
    expect(judge(baseline, noisy(130)).verdict).toBe('fail');
    expect(judge(baseline, noisy(80)).verdict).toBe('pass');
  });

  it('decrease: a lower canary fails (throughput), a higher one passes', () => {
    const lower = judge(baseline, noisy(70), { direction: 'decrease' });
    expect(lower.verdict).toBe('fail');
    expect(lower.reason).toMatch(/is lower on the canary/);
    expect(judge(baseline, noisy(130), { direction: 'decrease' }).verdict).toBe('pass');
  });

  it('either: both ways fail', () => {
    expect(judge(baseline, noisy(130), { direction: 'either' }).verdict).toBe('fail');
    expect(judge(baseline, noisy(70), { direction: 'either' }).reason).toMatch(/is different on the canary/);
  });

  it('a relative threshold tolerates a significant but small worsening, and fails a larger one', () => {
    const within = judge(baseline, noisy(110), { thresholds: { relative: 1.25 } });
    expect(within.verdict).toBe('pass');
    expect(within.reason).toMatch(/ranks higher on the canary .* within the relative threshold 1\.25 ×/);
    expect(judge(baseline, noisy(140), { thresholds: { relative: 1.25 } }).verdict).toBe('fail');
  });

  it('an absolute threshold fails whatever the baseline', () => {
    const verdict = judge(baseline, noisy(100), { thresholds: { absolute: 50 } });
    expect(verdict.verdict).toBe('fail');
    expect(verdict.reason).toMatch(/above the absolute threshold 50/);
    expect(judge(baseline, noisy(100), { direction: 'decrease', thresholds: { absolute: 150 } }).reason).toMatch(/below the absolute threshold 150/);
  });

  it('is inconclusive when the canary looks much worse but the points cannot show it', () => {
    const verdict = judge(repeat(1, 10), [1, 1, 1, 1, 1, 1, 1, 1, 1, 40]);
    expect(verdict.verdict).toBe('inconclusive');
    expect(verdict.reason).toMatch(/looks worse on the canary \(mean 4\.9 against 1 \(4\.9 ×\), beyond 2 ×\)/);
  });

  it('gives the numbers behind every verdict', () => {
    const verdict = judge(baseline, noisy(130));
    for (const key of ['baselineMedian', 'canaryMedian', 'hodgesLehmann', 'hodgesLehmannLow', 'hodgesLehmannHigh', 'mannWhitneyU', 'pValue', 'baselinePoints', 'canaryPoints']) {
      expect(verdict.numbers[key], key).toEqual(expect.any(Number));
    }
    expect(verdict.numbers.hodgesLehmannLow as number).toBeLessThan(verdict.numbers.hodgesLehmann as number);
    expect(verdict.numbers.hodgesLehmann as number).toBeGreaterThan(20);
  });

  it('warns when the baseline is too noisy to compare', () => {
    const spiky = [1, 1, 1, 1, 1, 1, 1, 1, 1, 60, 1, 1];
    const verdict = judge(spiky, repeat(1, 12));
    expect(verdict.warnings.some((warning) => warning.startsWith('The baseline is too noisy to compare reliably'))).toBe(true);
  });

  it('refuses a confidence or threshold that makes no sense', () => {
    expect(() => judge(baseline, baseline, { confidence: 1.5 })).toThrow(/confidence must be between 0.5 and 0.999/);
    expect(() => judge(baseline, baseline, { thresholds: { relative: 0.5 } })).toThrow(/at least 1/);
  });
});

describe('judgeMetric: good canaries pass', () => {
  it('passes a good canary that gets a tenth of the baseline\'s traffic (noisier, not worse) in 20 recorded runs', () => {
    // Error rates of 15-second points at 0.5 %: canary 50 requests/s, baseline 450.
    const verdicts = Array.from({ length: 20 }, (_, run) => {
      const random = seededRandom(1000 + run);
      const rates = (requestsPerSecond: number) => Array.from({ length: 40 }, () => random.binomial(requestsPerSecond * 15, 0.005) / (requestsPerSecond * 15));
      return judge(rates(450), rates(50), { thresholds: { relative: 1.5 } }).verdict;
    });
    expect(verdicts.filter((verdict) => verdict === 'fail')).toEqual([]);
  });

  it('passes identical-looking latency series', () => {
    const random = seededRandom(7);
    const latency = () => Array.from({ length: 40 }, () => 0.2 * Math.exp(0.1 * random.normal()));
    const verdict = judge(latency(), latency());
    expect(verdict.verdict).toBe('pass');
    expect(verdict.reason).toMatch(/^No significant difference in latency-p95/);
  });
});

describe('worseRatio', () => {
  it('is canary ÷ baseline oriented so that above 1 is worse, and never divides by zero', () => {
    expect(worseRatio(2, 1, 'increase')).toBe(2);
    expect(worseRatio(1, 2, 'decrease')).toBe(2);
    expect(worseRatio(1, 2, 'either')).toBe(2);
    expect(worseRatio(0.1, 0, 'increase')).toBe(Infinity);
    expect(worseRatio(0, 0, 'increase')).toBe(1);
    expect(worseRatio(-1, 2, 'increase')).toBeNull();
  });
});
