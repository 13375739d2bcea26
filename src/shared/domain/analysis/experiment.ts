/**
 * A/B statistics for two variants' conversions: the difference B − A with its confidence interval, the
 * two-proportion z-test, the sample size a fixed-horizon test needs for the minimum effect, and a guard
 * against peeking, stated in a sentence.
 *
 * - fixed-horizon: pooled two-proportion z-test and Wald interval; no decision before each variant has
 *   the planned number of visitors (otherwise every look is another chance of a false winner).
 * - sequential: the mixture SPRT of Johari et al. ("Always valid inference", 2017): with V the null
 *   variance of B − A and a normal mixing distribution of scale τ = minimumEffect,
 *   Λ = √(V/(V+τ²)) · exp(τ²·d² / (2V(V+τ²))); the always-valid p-value 1/Λ may be checked after every
 *   visitor — P(it ever falls below α) ≤ α under no difference (asymptotically, as V is estimated) —
 *   and the interval is the matching confidence sequence.
 * `minimumEffect` is absolute: 0.01 is one percentage point of conversion rate.
 */
import type { ExperimentDesign, ExperimentStatus, VariantResult } from '../analysis';
import { AppError } from '../../result';
import { formatPercent, formatValue } from './format';
import { normalQuantile, normalSf } from './normal';

export interface ExperimentCounts {
  readonly visitors: number;
  readonly conversions: number;
}

export interface ExperimentOptions {
  readonly confidence: number;
  readonly minimumEffect: number;
  readonly design: ExperimentDesign;
  /** Chance of detecting the minimum effect with the planned sample; default 0.8. */
  readonly power?: number;
}

export type ExperimentStatistics = Pick<
  ExperimentStatus,
  'design' | 'confidence' | 'minimumEffect' | 'variants' | 'difference' | 'pValue' | 'verdict' | 'visitorsStillNeeded' | 'peekingGuard'
> & {
  /** The two-proportion z-test (pooled), whatever the design. */
  readonly zScore: number | null;
  readonly zTestP: number | null;
  /** The sequential design's always-valid p-value (null for fixed-horizon). */
  readonly alwaysValidP: number | null;
  /** Visitors per variant a fixed-horizon test needs for the minimum effect at the stated power. */
  readonly plannedVisitorsPerVariant: number;
};

function assertCounts(name: string, counts: ExperimentCounts): void {
  const whole = (value: number) => Number.isInteger(value) && value >= 0;
  if (!whole(counts.visitors) || !whole(counts.conversions) || counts.conversions > counts.visitors) {
    throw new AppError('INVALID_INPUT', `variant ${name} needs whole visitors and conversions with conversions ≤ visitors, got ${counts.conversions} of ${counts.visitors}`);
  }
}

function assertOptions(options: ExperimentOptions): void {
  if (!(options.confidence >= 0.5 && options.confidence <= 0.999)) throw new AppError('INVALID_INPUT', `confidence must be between 0.5 and 0.999, got ${options.confidence}`);
  if (!(options.minimumEffect > 0 && options.minimumEffect < 1)) {
    throw new AppError('INVALID_INPUT', `the minimum effect is a difference in conversion rate between 0 and 1, got ${options.minimumEffect}`, 'e.g. 0.01 for one percentage point.');
  }
  const power = options.power ?? 0.8;
  if (!(power >= 0.5 && power <= 0.999)) throw new AppError('INVALID_INPUT', `power must be between 0.5 and 0.999, got ${power}`);
}

/**
 * Visitors per variant for a two-sided two-proportion z-test to detect `effect` from `baseRate` with
 * `power` (the usual normal-approximation formula, without continuity correction).
 */
export function fixedHorizonSampleSize(baseRate: number, effect: number, confidence: number, power: number): number {
  const p1 = baseRate;
  const p2 = p1 + effect <= 1 ? p1 + effect : p1 - effect;
  const average = (p1 + p2) / 2;
  const zAlpha = normalQuantile(1 - (1 - confidence) / 2);
  const zBeta = normalQuantile(power);
  const root = zAlpha * Math.sqrt(2 * average * (1 - average)) + zBeta * Math.sqrt(p1 * (1 - p1) + p2 * (1 - p2));
  return Math.ceil((root * root) / (effect * effect));
}

/** The variance of B − A; a variant with no or only conversions borrows a Laplace-smoothed rate so it is never 0. */
function differenceVariance(a: ExperimentCounts, b: ExperimentCounts, pooled: boolean): number {
  const rate = (x: number, n: number) => x / n;
  if (pooled) {
    const p = rate(a.conversions + b.conversions, a.visitors + b.visitors);
    const variance = p * (1 - p) * (1 / a.visitors + 1 / b.visitors);
    if (variance > 0) return variance;
    const smoothed = rate(a.conversions + b.conversions + 1, a.visitors + b.visitors + 2);
    return smoothed * (1 - smoothed) * (1 / a.visitors + 1 / b.visitors);
  }
  const part = (counts: ExperimentCounts) => {
    const p = rate(counts.conversions, counts.visitors);
    const variance = (p * (1 - p)) / counts.visitors;
    if (variance > 0) return variance;
    const smoothed = rate(counts.conversions + 1, counts.visitors + 2);
    return (smoothed * (1 - smoothed)) / counts.visitors;
  };
  return part(a) + part(b);
}

export function experimentStatistics(variants: { readonly a: ExperimentCounts; readonly b: ExperimentCounts }, options: ExperimentOptions): ExperimentStatistics {
  const { a, b } = variants;
  assertCounts('A', a);
  assertCounts('B', b);
  assertOptions(options);
  const { confidence, minimumEffect, design } = options;
  const power = options.power ?? 0.8;
  const alpha = 1 - confidence;
  const result = (counts: ExperimentCounts, variant: 'A' | 'B'): VariantResult => ({
    variant,
    visitors: counts.visitors,
    conversions: counts.conversions,
    rate: counts.visitors > 0 ? counts.conversions / counts.visitors : 0
  });
  const resultA = result(a, 'A');
  const resultB = result(b, 'B');
  const estimate = resultB.rate - resultA.rate;
  const planned = fixedHorizonSampleSize(a.visitors > 0 ? resultA.rate : 0.5, minimumEffect, confidence, power);
  const fewest = Math.min(a.visitors, b.visitors);
  const visitorsStillNeeded = fewest >= planned ? null : planned - fewest;
  const guard =
    design === 'fixed-horizon'
      ? `Fixed horizon: no decision before each variant has ${planned.toLocaleString('en')} visitors (the plan for a ${formatPercent(minimumEffect)} effect at ${formatPercent(power)} power); looking earlier shows the numbers but cannot end the test.`
      : `Sequential: an always-valid p-value (mixture SPRT), so the result may be checked at any time without raising the ${formatPercent(alpha)} chance of a false winner.`;
  const base = { design, confidence, minimumEffect, variants: [resultA, resultB] as const, plannedVisitorsPerVariant: planned, visitorsStillNeeded, peekingGuard: guard };

  if (a.visitors === 0 || b.visitors === 0) {
    return { ...base, difference: { estimate, low: -1, high: 1 }, pValue: null, zScore: null, zTestP: null, alwaysValidP: null, verdict: 'no difference yet' };
  }
  const nullVariance = differenceVariance(a, b, true);
  const pooledRate = (a.conversions + b.conversions) / (a.visitors + b.visitors);
  const degenerate = pooledRate === 0 || pooledRate === 1;
  const zScore = degenerate ? 0 : estimate / Math.sqrt(nullVariance);
  const zTestP = degenerate ? 1 : Math.min(1, 2 * normalSf(Math.abs(zScore)));
  const spread = differenceVariance(a, b, false);

  let pValue: number;
  let alwaysValidP: number | null = null;
  let halfWidth: number;
  if (design === 'sequential') {
    const tau2 = minimumEffect * minimumEffect;
    const logLambda = 0.5 * Math.log(nullVariance / (nullVariance + tau2)) + (tau2 * estimate * estimate) / (2 * nullVariance * (nullVariance + tau2));
    alwaysValidP = degenerate ? 1 : Math.min(1, Math.exp(-logLambda));
    pValue = alwaysValidP;
    halfWidth = Math.sqrt(((spread * (spread + tau2)) / tau2) * (2 * Math.log(1 / alpha) + Math.log((spread + tau2) / spread)));
  } else {
    pValue = zTestP;
    halfWidth = normalQuantile(1 - alpha / 2) * Math.sqrt(spread);
  }
  const significant = pValue < alpha;
  const reached = visitorsStillNeeded === null;
  let verdict: ExperimentStatistics['verdict'];
  if (design === 'fixed-horizon' && !reached) verdict = 'no difference yet';
  else if (significant) verdict = estimate > 0 ? 'B wins' : 'A wins';
  else verdict = reached ? 'no difference' : 'no difference yet';

  return {
    ...base,
    difference: { estimate, low: estimate - halfWidth, high: estimate + halfWidth },
    pValue,
    zScore,
    zTestP,
    alwaysValidP,
    verdict
  };
}

/** The verdict in a sentence, for the CLI and the experiment screen. */
export function describeExperiment(statistics: ExperimentStatistics): string {
  const [a, b] = statistics.variants;
  const rates = `A ${formatPercent(a.rate)} of ${a.visitors.toLocaleString('en')}, B ${formatPercent(b.rate)} of ${b.visitors.toLocaleString('en')}`;
  const { estimate, low, high } = statistics.difference;
  const difference = `B − A ${formatValue(estimate * 100)} points (${formatPercent(statistics.confidence)} interval ${formatValue(low * 100)} … ${formatValue(high * 100)})`;
  const p = statistics.pValue === null ? '' : `, p = ${formatValue(statistics.pValue)}`;
  return `${statistics.verdict}: ${rates}; ${difference}${p}.`;
}
