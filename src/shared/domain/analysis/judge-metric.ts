/**
 * The judge of one metric over one canary step: canary against baseline, in the manner of Kayenta
 * (Mann-Whitney U, Hodges-Lehmann shift), with the rules that Kayenta's judge is known to get wrong.
 *
 * Data first — a failed or empty query is never a pass:
 * - a query that failed, or returned no usable point, is inconclusive with the reason;
 * - NaN points are failed measurements: not counted, named in a warning; when more than half of a side
 *   failed, inconclusive; fewer than `minPoints` usable points on either side, inconclusive.
 *
 * Then, with α = 1 − confidence split over three rank tests (Bonferroni, α/3 each, so a good canary is
 * failed by chance at most α of the time), the canary FAILS when any of these holds:
 * 1. absolute threshold: its mean is beyond `thresholds.absolute` (above; below for `decrease`);
 * 2. shift: Mann-Whitney U says it is worse (one-sided in `direction`, two-sided for `either`) and its
 *    mean is worse than the baseline's by more than `thresholds.relative` (any amount when unset);
 * 3. tail (spinnaker#6278, 7 of 10 points at 100×): more canary points beyond the baseline's extreme
 *    than chance allows (exceedance.ts) and the canary's 90th percentile (10th for `decrease`) at least
 *    2× the baseline's (or the relative threshold, if larger);
 * 4. spread (kayenta#780, same median, much larger variance): Mann-Whitney on the absolute deviations
 *    from the pooled median says the canary spreads more (a rank form of the Brown-Forsythe test), its
 *    median absolute deviation is at least 2× the baseline's, and its tail is worse as in rule 3.
 * The 2× floors of rules 3 and 4 are there because a canary with less traffic than its baseline is
 * noisier by √(traffic ratio) without being worse; a rank test on tails alone would roll it back.
 *
 * A baseline at 0 (kayenta#426/#799, errors on a canary whose baseline has none) makes every ratio
 * undefined: nothing is divided by zero; the rules decide on significance alone, and when nothing is
 * significant the absolute threshold decides (pass within it); without one the verdict is inconclusive.
 * Otherwise the canary is INCONCLUSIVE when it looks worse than `thresholds.relative` (2× when neither
 * threshold is set) without being significantly worse: too few or too noisy points to tell. Else PASS.
 */
import { AppError } from '../../result';
import type { JudgeOptions, MetricDirection, MetricSeries, MetricVerdict, Verdict } from '../analysis';
import { mean, medianAbsoluteDeviation, medianSorted, quantileSorted, sortedCopy, standardDeviation } from './descriptive';
import { exceedance, type Exceedance } from './exceedance';
import { formatP, formatRatio, formatSigned, formatValue } from './format';
import { hodgesLehmann } from './hodges-lehmann';
import { mannWhitneyU, mannWhitneyUSorted, type Alternative } from './mann-whitney';

export const DEFAULT_JUDGE_OPTIONS: JudgeOptions = { direction: 'increase', confidence: 0.95, minPoints: 10, thresholds: {} };

/** Rank tests sharing α (Bonferroni): shift, tail, spread. */
const RANK_TESTS = 3;
/** Rules 3 and 4 need the canary's tail (and spread) at least this many times the baseline's. */
export const TAIL_RATIO_FLOOR = 2;
export const SPREAD_RATIO_FLOOR = 2;
/** With no threshold set, a canary whose mean is this many times worse, unproven, is inconclusive. */
export const LOOKS_WORSE_RATIO = 2;
/** A baseline whose standard deviation exceeds its mean is too noisy to compare with confidence. */
export const NOISY_BASELINE_CV = 1;

type Numbers = Record<string, number | null>;

interface Usable {
  readonly values: number[];
  readonly failed: number;
  readonly total: number;
}

function usable(series: MetricSeries): Usable {
  const values: number[] = [];
  for (const [, value] of series.points) if (Number.isFinite(value)) values.push(value);
  return { values, failed: series.points.length - values.length, total: series.points.length };
}

export function assertJudgeOptions(options: JudgeOptions): void {
  if (!(options.confidence >= 0.5 && options.confidence <= 0.999)) {
    throw new AppError('INVALID_INPUT', `confidence must be between 0.5 and 0.999, got ${options.confidence}`, 'Use e.g. 0.95 for 95 %.');
  }
  if (!(Number.isInteger(options.minPoints) && options.minPoints >= 3)) {
    throw new AppError('INVALID_INPUT', `minPoints must be a whole number of at least 3, got ${options.minPoints}`, 'The default is 10.');
  }
  for (const [name, value] of Object.entries(options.thresholds)) {
    if (value !== undefined && !Number.isFinite(value)) throw new AppError('INVALID_INPUT', `the ${name} threshold must be a number, got ${value}`);
  }
  if (options.thresholds.relative !== undefined && !(options.thresholds.relative >= 1)) {
    throw new AppError('INVALID_INPUT', `the relative threshold is canary ÷ baseline and must be at least 1, got ${options.thresholds.relative}`, 'e.g. 1.5 fails a canary 50 % worse.');
  }
}

/** How many times worse the canary is (> 1 worse, < 1 better); Infinity when the baseline is 0 and the canary worse; null when a ratio means nothing (negative values). */
export function worseRatio(canary: number, baseline: number, direction: MetricDirection): number | null {
  const higher = (worse: number, better: number): number | null => {
    if (worse < 0 || better < 0) return null;
    if (better > 0) return worse / better;
    return worse > 0 ? Infinity : 1;
  };
  if (direction === 'increase') return higher(canary, baseline);
  if (direction === 'decrease') return higher(baseline, canary);
  const up = higher(canary, baseline);
  const down = higher(baseline, canary);
  return up === null || down === null ? null : Math.max(up, down);
}

/** Beyond a limit, where an undefined ratio (null) leaves the decision to significance alone. */
const beyond = (ratio: number | null, limit: number): boolean => ratio === null || ratio > limit;

const finiteOrNull = (value: number | null): number | null => (value !== null && Number.isFinite(value) ? value : null);

const WORSE_WORD: Readonly<Record<MetricDirection, string>> = { increase: 'higher', decrease: 'lower', either: 'different' };

function tailRatioOf(canarySorted: Float64Array, baselineSorted: Float64Array, direction: MetricDirection): number | null {
  const upper = worseRatio(quantileSorted(canarySorted, 0.9), quantileSorted(baselineSorted, 0.9), 'increase');
  const lower = worseRatio(quantileSorted(canarySorted, 0.1), quantileSorted(baselineSorted, 0.1), 'decrease');
  if (direction === 'increase') return upper;
  if (direction === 'decrease') return lower;
  return upper === null || lower === null ? null : Math.max(upper, lower);
}

function exceedanceOf(canary: readonly number[], baselineSorted: Float64Array, direction: MetricDirection): Exceedance & { side: 'above' | 'below' } {
  if (direction !== 'either') {
    const side = direction === 'increase' ? 'above' : 'below';
    return { ...exceedance(canary, baselineSorted, side), side };
  }
  const above = exceedance(canary, baselineSorted, 'above');
  const below = exceedance(canary, baselineSorted, 'below');
  const [worst, side] = above.p <= below.p ? [above, 'above' as const] : [below, 'below' as const];
  return { count: worst.count, p: Math.min(1, 2 * worst.p), side };
}

export function judgeMetric(baseline: MetricSeries, canary: MetricSeries, options: JudgeOptions & { readonly metric: string }): MetricVerdict {
  assertJudgeOptions(options);
  const { metric, direction, confidence, minPoints, thresholds } = options;
  const warnings: string[] = [];
  const b = usable(baseline);
  const c = usable(canary);
  const counts: Numbers = { baselinePoints: b.values.length, canaryPoints: c.values.length, baselineFailed: b.failed, canaryFailed: c.failed, confidence };
  const verdict = (outcome: Verdict, reason: string, numbers: Numbers = {}): MetricVerdict => ({
    metric,
    verdict: outcome,
    reason,
    numbers: { ...counts, ...numbers },
    warnings
  });

  const sides = [
    ['baseline', baseline, b],
    ['canary', canary, c]
  ] as const;
  for (const [role, series] of sides) if (series.failure !== null) warnings.push(`The ${role} query failed: ${series.failure}.`);
  for (const [role, series] of sides) {
    if (series.failure !== null) return verdict('inconclusive', `${metric}: the ${role} query failed (${series.failure}), so nothing was compared — a failed query is never a pass.`);
  }
  for (const [role, , side] of sides) {
    if (side.failed > 0) warnings.push(`${side.failed} of ${side.total} ${role} measurements failed (NaN) and were not counted.`);
  }
  for (const [role, , side] of sides) {
    if (side.values.length === 0) {
      warnings.push(`The ${role} query returned no usable points.`);
      const why = side.total === 0 ? 'returned no points' : `returned only failed measurements (${side.failed} NaN)`;
      return verdict('inconclusive', `${metric}: the ${role} query ${why}, so nothing was compared — no data is never a pass.`);
    }
  }
  for (const [role, , side] of sides) {
    if (side.failed > side.values.length) {
      return verdict('inconclusive', `${metric}: ${side.failed} of ${side.total} ${role} measurements failed, so a verdict on the ${side.values.length} left would not be trustworthy.`);
    }
  }
  if (c.values.length < minPoints || b.values.length < minPoints) {
    warnings.push(`Too few points: the canary has ${c.values.length}, the baseline ${b.values.length}; at least ${minPoints} each are needed.`);
    return verdict('inconclusive', `${metric}: too few points to judge (canary ${c.values.length}, baseline ${b.values.length}; at least ${minPoints} each).`);
  }

  const canarySorted = sortedCopy(c.values);
  const baselineSorted = sortedCopy(b.values);
  const canaryMedian = medianSorted(canarySorted);
  const baselineMedian = medianSorted(baselineSorted);
  const canaryMean = mean(c.values);
  const baselineMean = mean(b.values);
  const alpha = 1 - confidence;
  const testAlpha = alpha / RANK_TESTS;
  const worse: Alternative = direction === 'increase' ? 'greater' : direction === 'decrease' ? 'less' : 'two-sided';

  const shift = mannWhitneyUSorted(canarySorted, baselineSorted, worse);
  const hl = hodgesLehmann(canarySorted, baselineSorted, confidence);
  const centerRatio = worseRatio(canaryMean, baselineMean, direction);
  const tailRatio = tailRatioOf(canarySorted, baselineSorted, direction);
  const beyondExtreme = exceedanceOf(c.values, baselineSorted, direction);
  const canarySpread = medianAbsoluteDeviation(c.values, canaryMedian);
  const baselineSpread = medianAbsoluteDeviation(b.values, baselineMedian);
  const spreadRatio = worseRatio(canarySpread, baselineSpread, 'increase');
  // Deviations from the pooled median: a function of the pooled sample, so under "alike" they stay
  // exchangeable and the rank test keeps its level (own medians would not, with few discrete points).
  const pooledMedian = medianSorted(sortedCopy([...c.values, ...b.values]));
  const spread = mannWhitneyU(
    c.values.map((value) => Math.abs(value - pooledMedian)),
    b.values.map((value) => Math.abs(value - pooledMedian)),
    'greater'
  );
  const baselineCv = baselineMean !== 0 ? standardDeviation(b.values) / Math.abs(baselineMean) : null;

  const numbers: Numbers = {
    baselineMedian,
    canaryMedian,
    baselineMean,
    canaryMean,
    relativeToBaseline: finiteOrNull(centerRatio),
    hodgesLehmann: hl.estimate,
    hodgesLehmannLow: hl.low,
    hodgesLehmannHigh: hl.high,
    mannWhitneyU: shift.u,
    pValue: shift.p,
    alphaPerTest: testAlpha,
    pointsBeyondBaseline: beyondExtreme.count,
    pointsBeyondBaselineP: beyondExtreme.p,
    tailRatio: finiteOrNull(tailRatio),
    spreadRatio: finiteOrNull(spreadRatio),
    spreadP: spread.p,
    baselineCv
  };

  if (baselineCv !== null && baselineCv > NOISY_BASELINE_CV) {
    warnings.push(`The baseline is too noisy to compare reliably: its standard deviation is ${formatValue(baselineCv)} × its mean (above ${NOISY_BASELINE_CV}).`);
  }
  if (hl.low === null) warnings.push(`Too few points for a ${formatValue(confidence * 100)} % interval of the shift.`);

  const worseWord = WORSE_WORD[direction];
  const interval = hl.low === null ? '' : ` (${formatValue(confidence * 100)} % CI ${formatSigned(hl.low)} … ${formatSigned(hl.high)})`;
  const means = `mean ${formatValue(canaryMean)} against ${formatValue(baselineMean)} (${formatRatio(centerRatio)})`;
  const relative = thresholds.relative;
  const tailLimit = Math.max(relative ?? 1, TAIL_RATIO_FLOOR);

  // 1. The absolute threshold, whatever the baseline.
  const absolute = thresholds.absolute;
  if (absolute !== undefined && (direction === 'decrease' ? canaryMean < absolute : canaryMean > absolute)) {
    const side = direction === 'decrease' ? 'below' : 'above';
    return verdict('fail', `${metric} on the canary averages ${formatValue(canaryMean)}, ${side} the absolute threshold ${formatValue(absolute)} (baseline ${formatValue(baselineMean)}).`, numbers);
  }

  // 2. A significant shift, by more than the relative threshold.
  const shiftSignificant = shift.p < testAlpha;
  if (shiftSignificant && beyond(centerRatio, relative ?? 1)) {
    return verdict(
      'fail',
      `${metric} is ${worseWord} on the canary: ${means}, median ${formatValue(canaryMedian)} against ${formatValue(baselineMedian)}, shift ${formatSigned(hl.estimate)}${interval}; Mann-Whitney p = ${formatP(shift.p)} < ${formatP(testAlpha)}.`,
      numbers
    );
  }

  // 3. Part of the canary far beyond anything the baseline did.
  const extremeWord = beyondExtreme.side === 'above' ? "above the baseline's highest" : "below the baseline's lowest";
  const extremeValue = beyondExtreme.side === 'above' ? (baselineSorted.at(-1) as number) : (baselineSorted[0] as number);
  const tailWord = tailRatioDescription(direction);
  if (beyondExtreme.p < testAlpha && beyond(tailRatio, tailLimit)) {
    return verdict(
      'fail',
      `${beyondExtreme.count} of ${c.values.length} canary points of ${metric} are ${extremeWord} (${formatValue(extremeValue)}) and the canary's ${tailWord} is ${formatRatio(tailRatio)} the baseline's — that many by chance has p = ${formatP(beyondExtreme.p)} < ${formatP(testAlpha)}, even though the medians are ${formatValue(canaryMedian)} and ${formatValue(baselineMedian)}.`,
      numbers
    );
  }

  // 4. A canary much less stable than its baseline, in the direction that hurts.
  if (spread.p < testAlpha && beyond(spreadRatio, SPREAD_RATIO_FLOOR) && beyond(tailRatio, tailLimit)) {
    return verdict(
      'fail',
      `${metric} is much less stable on the canary: its median absolute deviation is ${formatRatio(spreadRatio)} the baseline's (${formatValue(canarySpread)} against ${formatValue(baselineSpread)}) and its ${tailWord} ${formatRatio(tailRatio)} the baseline's, with medians ${formatValue(canaryMedian)} and ${formatValue(baselineMedian)}; spread test p = ${formatP(spread.p)} < ${formatP(testAlpha)}.`,
      numbers
    );
  }

  const notSignificant = `not significant at ${formatValue(confidence * 100)} % (Mann-Whitney p = ${formatP(shift.p)}, ${beyondExtreme.count} points ${extremeWord.replace("the baseline's ", 'its ')}, p = ${formatP(beyondExtreme.p)})`;
  if (centerRatio === Infinity) {
    const zeroSide = baselineMean === 0 ? 'baseline' : 'canary';
    if (absolute !== undefined) {
      return verdict(
        'pass',
        `The ${zeroSide}'s ${metric} is 0, so a relative comparison is undefined; the canary's mean ${formatValue(canaryMean)} is within the absolute threshold ${formatValue(absolute)} and the difference is ${notSignificant}.`,
        numbers
      );
    }
    return verdict(
      'inconclusive',
      `The ${zeroSide}'s ${metric} is 0, so a relative comparison is undefined, and the canary (mean ${formatValue(canaryMean)} against ${formatValue(baselineMean)}) is worse but ${notSignificant}; set an absolute threshold to decide.`,
      numbers
    );
  }
  const looksWorseLimit = relative ?? (absolute !== undefined ? null : LOOKS_WORSE_RATIO);
  if (looksWorseLimit !== null && centerRatio !== null && centerRatio > looksWorseLimit) {
    return verdict(
      'inconclusive',
      `${metric} looks worse on the canary (${means}, beyond ${formatRatio(looksWorseLimit)}) but the difference is ${notSignificant}: too few or too noisy points to be sure.`,
      numbers
    );
  }
  if (shiftSignificant) {
    const within = relative === undefined ? 'its mean is no worse' : `its mean is within the relative threshold ${formatRatio(relative)}`;
    return verdict('pass', `${metric} ranks ${worseWord} on the canary (Mann-Whitney p = ${formatP(shift.p)}) but ${within}: ${means}.`, numbers);
  }
  return verdict('pass', `No significant difference in ${metric}: ${means}, shift ${formatSigned(hl.estimate)}${interval}, Mann-Whitney p = ${formatP(shift.p)}.`, numbers);
}

function tailRatioDescription(direction: MetricDirection): string {
  if (direction === 'increase') return '90th percentile';
  if (direction === 'decrease') return '10th percentile (inverted)';
  return 'outer percentile (10th or 90th)';
}
