/**
 * What the experiment view says and where it draws the confidence interval. Pure and tested.
 */
import type { ExperimentStatus } from '../../../../shared/domain/analysis';
import { formatPoints, formatRate, significant } from './analysis-format';

export type ExperimentTone = 'good' | 'bad' | 'waiting' | 'neutral';

export const EXPERIMENT_TONE: Readonly<Record<ExperimentStatus['verdict'], ExperimentTone>> = {
  'B wins': 'good',
  'A wins': 'bad',
  'no difference yet': 'waiting',
  'no difference': 'neutral'
};

/** A p-value as a person reads it: "p < 0.001", "p = 0.041". */
export function formatPValue(pValue: number | null): string {
  if (pValue === null || !Number.isFinite(pValue)) return 'no p-value yet';
  return pValue < 0.001 ? 'p < 0.001' : `p = ${significant(pValue, 2)}`;
}

/** "95 %" from 0.95. */
export function formatConfidence(confidence: number): string {
  return `${significant(confidence * 100)} %`;
}

/** A whole number with thin spaces between thousands: 13420 → "13 420". */
export function formatCount(count: number): string {
  return Math.round(count)
    .toString()
    .replace(/\B(?=(\d{3})+(?!\d))/g, '\u202f');
}

/** The result in one sentence: both rates, the difference with its interval, the p-value. */
export function experimentSentence(status: ExperimentStatus): string {
  const [a, b] = status.variants;
  const { estimate, low, high } = status.difference;
  return (
    `B converts ${formatRate(b.rate)} against A’s ${formatRate(a.rate)}: ${formatPoints(estimate)} ` +
    `(${formatConfidence(status.confidence)} interval ${formatPoints(low)} to ${formatPoints(high)}), ${formatPValue(status.pValue)}.`
  );
}

/** How many more visitors are needed, or that the sample is complete. */
export function stillNeededText(status: ExperimentStatus): string {
  if (status.visitorsStillNeeded === null || status.visitorsStillNeeded <= 0) return 'Enough visitors for the minimum effect.';
  return `${formatCount(status.visitorsStillNeeded)} more visitors per variant to detect ${formatPoints(status.minimumEffect).replace('+', '±')}.`;
}

export interface IntervalGeometry {
  /** Positions in percent of the strip's width. */
  readonly low: number;
  readonly high: number;
  readonly estimate: number;
  readonly zero: number;
  readonly minimumEffect: { readonly below: number; readonly above: number } | null;
  /** The half-width of the strip, in rate units (the strip spans −extent … +extent). */
  readonly extent: number;
}

/**
 * Where the difference B − A, its interval, zero and ± the minimum effect sit on a strip centred on
 * zero, wide enough for all of them with some margin.
 */
export function intervalGeometry(difference: ExperimentStatus['difference'], minimumEffect: number): IntervalGeometry {
  const reach = Math.max(Math.abs(difference.low), Math.abs(difference.high), Math.abs(difference.estimate), Math.abs(minimumEffect));
  const extent = (reach || 0.01) * 1.2;
  const at = (value: number) => Math.min(100, Math.max(0, ((value + extent) / (2 * extent)) * 100));
  return {
    low: at(difference.low),
    high: at(difference.high),
    estimate: at(difference.estimate),
    zero: 50,
    minimumEffect: minimumEffect > 0 ? { below: at(-minimumEffect), above: at(minimumEffect) } : null,
    extent
  };
}
