import { describe, expect, it } from 'vitest';
import { countsFromRates, sequentialDecision, type IntervalCounts, type SequentialDecision, type SequentialObservation, type SequentialOptions } from './sequential';
import { seededRandom, type Random } from './random';

const options: SequentialOptions = { confidence: 0.95, thresholds: {} };

/** Feeds points until the test fails; the index of the failing point, or null. */
function run(observations: readonly SequentialObservation[], settings: SequentialOptions = options): { failedAt: number | null; last: SequentialDecision } {
  let decision: SequentialDecision | null = null;
  for (const [index, observation] of observations.entries()) {
    decision = sequentialDecision(decision?.state ?? null, observation, settings);
    if (decision.decision === 'fail') return { failedAt: index, last: decision };
  }
  return { failedAt: null, last: decision as SequentialDecision };
}

const traffic = (random: Random, points: number, canaryRate: number, baselineRate: number, canaryRequests = 500, baselineRequests = 4500): SequentialObservation[] =>
  Array.from({ length: points }, () => ({
    canary: { requests: canaryRequests, errors: random.binomial(canaryRequests, canaryRate) },
    baseline: { requests: baselineRequests, errors: random.binomial(baselineRequests, baselineRate) }
  }));

describe('sequentialDecision', () => {
  it('fails a canary with 5 % errors against 0.5 % at its first 10-second point, with the numbers in the reason', () => {
    const { failedAt, last } = run(traffic(seededRandom(1), 60, 0.05, 0.005));
    expect(failedAt).toBe(0);
    expect(last.reason).toMatch(/^Canary error rate [\d.]+ % \(\d+ of 500 requests\) against 0\.\d+ % \(\d+ of 4,500\) on the baseline: the evidence that it is more than 1 × the baseline's is .* to 1, past the 100 needed/);
  });

  it('never stops a good canary early in 40 runs of 10 minutes', () => {
    const failures = Array.from({ length: 40 }, (_, seed) => run(traffic(seededRandom(100 + seed), 60, 0.005, 0.005)).failedAt).filter((at) => at !== null);
    expect(failures).toEqual([]);
  });

  it('fails on canary errors when the baseline has none, without dividing by its zero rate', () => {
    const observations = Array.from({ length: 10 }, () => ({ canary: { requests: 100, errors: 3 }, baseline: { requests: 900, errors: 0 } }));
    const { failedAt, last } = run(observations);
    expect(failedAt).not.toBeNull();
    expect(last.reason).toContain('against 0 % (0 of');
  });

  it('holds a relative threshold: a canary 1.4× the baseline is not failed when 1.5× is allowed', () => {
    const random = seededRandom(9);
    expect(run(traffic(random, 120, 0.014, 0.01), { confidence: 0.95, thresholds: { relative: 1.5 } }).failedAt).toBeNull();
    expect(run(traffic(random, 120, 0.05, 0.01), { confidence: 0.95, thresholds: { relative: 1.5 } }).failedAt).not.toBeNull();
  });

  it('fails against an absolute threshold even when the baseline is as bad', () => {
    const { failedAt, last } = run(traffic(seededRandom(5), 30, 0.05, 0.05), { confidence: 0.95, thresholds: { absolute: 0.01 } });
    expect(failedAt).not.toBeNull();
    expect(last.reason).toMatch(/above the absolute threshold 1 %/);
  });

  it('takes no evidence from failed measurements and counts them', () => {
    const broken: SequentialObservation = { canary: null, baseline: { requests: 4500, errors: 20 } };
    const { failedAt, last } = run([broken, broken, { canary: { requests: Number.NaN, errors: 0 }, baseline: { requests: 1, errors: 0 } }]);
    expect(failedAt).toBeNull();
    expect(last.numbers).toMatchObject({ points: 3, failedPoints: 3, relativeEvidence: 1 });
    expect(last.reason).toMatch(/^Not enough evidence to stop early after 3 points/);
  });
});

describe('countsFromRates', () => {
  it('turns an error ratio and a request rate into counts, and a NaN into a failed measurement', () => {
    expect(countsFromRates(0.05, 50, 10)).toEqual<IntervalCounts>({ requests: 500, errors: 25 });
    expect(countsFromRates(Number.NaN, 50, 10)).toBeNull();
  });
});
