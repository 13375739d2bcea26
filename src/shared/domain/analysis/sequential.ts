/**
 * Sequential testing of error counts, so that a clearly broken canary is failed before its step's
 * window ends, without raising false rollbacks. Called once per scrape point with that interval's
 * request and error counts; it only ever fails or waits — a pass is the window-end judge's to give.
 *
 * Method: mixture sequential probability ratio tests (always valid).
 * - Relative test. Given how many errors an interval had, each one is a canary error with probability
 *   π = θ·n_c / (θ·n_c + n_b), where n are the interval's requests and θ = canary error rate ÷ baseline
 *   error rate (Poisson approximation: rates ≪ 1). H0: θ ≤ θ0, with θ0 = `thresholds.relative` or 1.
 *   The likelihood ratio of θ = θ0·k against θ0, averaged over k ∈ {1.5, 2, 3, 5, 10, 30}, is a
 *   nonnegative supermartingale under H0 whatever the baseline's own rate — nothing is divided by it,
 *   so a baseline with no errors at all is no special case.
 * - Absolute test, when `thresholds.absolute` is a rate in (0, 1): each canary request fails with
 *   probability p; H0: p ≤ absolute; the same mixture over p = absolute·k.
 * Error guarantee: by Ville's inequality a test whose ratio starts at 1 reaches 1/α_s with probability at
 * most α_s under H0, however many points are looked at. α_s = (1 − confidence) / 5, split evenly
 * between the tests that run: stopping early needs five times the evidence the window-end judge needs,
 * and a good canary's chance of any false failure in a step is at most α + α/5.
 * Failed measurements (null counts) carry no evidence and never count as a pass.
 */
import type { MetricThresholds } from '../analysis';
import { AppError } from '../../result';
import { formatPercent, formatValue } from './format';

export interface IntervalCounts {
  readonly requests: number;
  readonly errors: number;
}

/** One scrape interval; null for a side whose measurement failed. */
export interface SequentialObservation {
  readonly canary: IntervalCounts | null;
  readonly baseline: IntervalCounts | null;
}

export interface SequentialOptions {
  readonly confidence: number;
  readonly thresholds: MetricThresholds;
}

export interface SequentialState {
  readonly points: number;
  readonly failedPoints: number;
  readonly canary: IntervalCounts;
  readonly baseline: IntervalCounts;
  /** Log likelihood ratio of each alternative of the mixture. */
  readonly relativeLogRatios: readonly number[];
  readonly absoluteLogRatios: readonly number[];
}

export interface SequentialDecision {
  readonly decision: 'fail' | 'continue';
  readonly reason: string;
  readonly state: SequentialState;
  readonly numbers: Readonly<Record<string, number | null>>;
}

export const MIXTURE_MULTIPLIERS: readonly number[] = [1.5, 2, 3, 5, 10, 30];
/** Stopping early spends this fraction of α (see the module's comment). */
export const EARLY_STOP_SHARE = 1 / 5;

const emptyState = (): SequentialState => ({
  points: 0,
  failedPoints: 0,
  canary: { requests: 0, errors: 0 },
  baseline: { requests: 0, errors: 0 },
  relativeLogRatios: MIXTURE_MULTIPLIERS.map(() => 0),
  absoluteLogRatios: MIXTURE_MULTIPLIERS.map(() => 0)
});

const validCounts = (counts: IntervalCounts | null): counts is IntervalCounts =>
  counts !== null && Number.isFinite(counts.requests) && Number.isFinite(counts.errors) && counts.errors >= 0 && counts.requests >= counts.errors;

/** log of the mixture's likelihood ratio: the mean of the alternatives' ratios. */
function logMixture(logRatios: readonly number[]): number {
  const top = Math.max(...logRatios);
  let sum = 0;
  for (const value of logRatios) sum += Math.exp(value - top);
  return top + Math.log(sum / logRatios.length);
}

/** The absolute threshold when it can be read as an error rate, else null. */
const absoluteRate = (thresholds: MetricThresholds): number | null =>
  thresholds.absolute !== undefined && thresholds.absolute > 0 && thresholds.absolute < 1 ? thresholds.absolute : null;

/** Interval counts from Prometheus-style rates: an error ratio and requests per second over `seconds`; null when either failed. */
export function countsFromRates(errorRatio: number, requestsPerSecond: number, seconds: number): IntervalCounts | null {
  if (!Number.isFinite(errorRatio) || !Number.isFinite(requestsPerSecond)) return null;
  const requests = Math.max(0, Math.round(requestsPerSecond * seconds));
  return { requests, errors: Math.min(requests, Math.max(0, Math.round(errorRatio * requests))) };
}

export function sequentialDecision(previous: SequentialState | null, observation: SequentialObservation, options: SequentialOptions): SequentialDecision {
  if (!(options.confidence >= 0.5 && options.confidence <= 0.999)) {
    throw new AppError('INVALID_INPUT', `confidence must be between 0.5 and 0.999, got ${options.confidence}`);
  }
  const state = previous ?? emptyState();
  const theta0 = options.thresholds.relative ?? 1;
  const absolute = absoluteRate(options.thresholds);
  const alphaPerTest = ((1 - options.confidence) * EARLY_STOP_SHARE) / (absolute === null ? 1 : 2);
  const logThreshold = Math.log(1 / alphaPerTest);
  const { canary, baseline } = observation;

  let next: SequentialState;
  if (!validCounts(canary) || !validCounts(baseline)) {
    next = { ...state, points: state.points + 1, failedPoints: state.failedPoints + 1 };
  } else {
    const relativeLogRatios = state.relativeLogRatios.map((logRatio, index) => {
      if (canary.requests === 0 || baseline.requests === 0) return logRatio;
      const null0 = (theta0 * canary.requests) / (theta0 * canary.requests + baseline.requests);
      const theta1 = theta0 * (MIXTURE_MULTIPLIERS[index] as number);
      const alternative = (theta1 * canary.requests) / (theta1 * canary.requests + baseline.requests);
      return logRatio + canary.errors * Math.log(alternative / null0) + baseline.errors * Math.log((1 - alternative) / (1 - null0));
    });
    const absoluteLogRatios = state.absoluteLogRatios.map((logRatio, index) => {
      if (absolute === null) return logRatio;
      const alternative = Math.min(absolute * (MIXTURE_MULTIPLIERS[index] as number), (1 + absolute) / 2);
      const passed = canary.requests - canary.errors;
      return logRatio + canary.errors * Math.log(alternative / absolute) + passed * Math.log((1 - alternative) / (1 - absolute));
    });
    next = {
      points: state.points + 1,
      failedPoints: state.failedPoints,
      canary: { requests: state.canary.requests + canary.requests, errors: state.canary.errors + canary.errors },
      baseline: { requests: state.baseline.requests + baseline.requests, errors: state.baseline.errors + baseline.errors },
      relativeLogRatios,
      absoluteLogRatios
    };
  }

  const relativeLog = logMixture(next.relativeLogRatios);
  const absoluteLog = absolute === null ? null : logMixture(next.absoluteLogRatios);
  const rate = (counts: IntervalCounts): number => (counts.requests > 0 ? counts.errors / counts.requests : Number.NaN);
  const numbers = {
    points: next.points,
    failedPoints: next.failedPoints,
    canaryRequests: next.canary.requests,
    canaryErrors: next.canary.errors,
    baselineRequests: next.baseline.requests,
    baselineErrors: next.baseline.errors,
    relativeEvidence: Math.exp(Math.min(relativeLog, 700)),
    absoluteEvidence: absoluteLog === null ? null : Math.exp(Math.min(absoluteLog, 700)),
    evidenceNeeded: 1 / alphaPerTest,
    falseStopRisk: alphaPerTest
  };
  const count = (value: number) => value.toLocaleString('en');
  const canaryRate = `${formatPercent(rate(next.canary))} (${count(next.canary.errors)} of ${count(next.canary.requests)} requests)`;
  const needed = `past the ${formatValue(1 / alphaPerTest)} needed to stop early (a false stop has a chance of at most ${formatPercent(alphaPerTest)})`;
  if (relativeLog >= logThreshold) {
    const baselineRate = `${formatPercent(rate(next.baseline))} (${count(next.baseline.errors)} of ${count(next.baseline.requests)})`;
    return {
      decision: 'fail',
      reason: `Canary error rate ${canaryRate} against ${baselineRate} on the baseline: the evidence that it is more than ${formatValue(theta0)} × the baseline's is ${formatValue(numbers.relativeEvidence)} to 1, ${needed}.`,
      state: next,
      numbers
    };
  }
  if (absoluteLog !== null && absoluteLog >= logThreshold) {
    return {
      decision: 'fail',
      reason: `Canary error rate ${canaryRate}: the evidence that it is above the absolute threshold ${formatPercent(absolute as number)} is ${formatValue(numbers.absoluteEvidence)} to 1, ${needed}.`,
      state: next,
      numbers
    };
  }
  return {
    decision: 'continue',
    reason: `Not enough evidence to stop early after ${next.points} points (${formatValue(numbers.relativeEvidence)} to 1 of the ${formatValue(1 / alphaPerTest)} needed); the window-end judge decides.`,
    state: next,
    numbers
  };
}
