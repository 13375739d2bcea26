/**
 * Canary analysis: metric series of a baseline and a canary, the judge's verdict per metric and per step
 * with its reason and numbers, and A/B experiments. Plain data shared by the core, the CLI and the
 * renderer; the judge itself lives in `analysis/`.
 */

export type Verdict = 'pass' | 'fail' | 'inconclusive';

/** `increase`: a higher canary value is worse (errors, latency); `decrease`: lower is worse; `either`. */
export const METRIC_DIRECTIONS = ['increase', 'decrease', 'either'] as const;
export type MetricDirection = (typeof METRIC_DIRECTIONS)[number];

export type AnalysisRole = 'baseline' | 'canary';

/** `[unix seconds, value]`; a NaN value is a failed measurement (never a pass). */
export type SeriesPoint = readonly [number, number];

export interface MetricSeries {
  readonly points: readonly SeriesPoint[];
  /** Why the query gave nothing usable (an error, no data); null when it answered. */
  readonly failure: string | null;
}

export interface MetricThresholds {
  /** The canary fails when its value is above (increase) / below (decrease) this, whatever the baseline. */
  readonly absolute?: number | undefined;
  /** The canary fails when canary ÷ baseline is above this (e.g. 1.5 = 50 % worse). */
  readonly relative?: number | undefined;
}

export interface MetricDefinition {
  /** e.g. `error-rate`, `latency-p95`. */
  readonly name: string;
  /** PromQL with `{{service}}`, `{{version}}`, `{{role}}` placeholders. */
  readonly query: string;
  readonly direction: MetricDirection;
  readonly thresholds: MetricThresholds;
  /** Unit for charts and sentences: `ratio`, `seconds`, `requests/s`… */
  readonly unit: string;
}

export interface JudgeOptions {
  readonly direction: MetricDirection;
  /** 0.5..0.999; default 0.95. */
  readonly confidence: number;
  /** Fewer points on either side is inconclusive (with a warning). Default 10. */
  readonly minPoints: number;
  readonly thresholds: MetricThresholds;
}

export interface MetricVerdict {
  readonly metric: string;
  readonly verdict: Verdict;
  /** One sentence: why, with the numbers that decided it. */
  readonly reason: string;
  /** The numbers behind it (medians, effect size, p-value, points counted…). */
  readonly numbers: Readonly<Record<string, number | null>>;
  /** Why the analysis cannot be fully trusted (too few points, a query that returned nothing, a noisy baseline). */
  readonly warnings: readonly string[];
}

export interface StepVerdict {
  readonly verdict: Verdict;
  readonly reason: string;
  readonly metrics: readonly MetricVerdict[];
  readonly warnings: readonly string[];
}

/** A canary step as the analysis saw it. */
export interface AnalysisStep {
  readonly step: number;
  readonly weight: number;
  /** unix seconds */
  readonly startedAt: number;
  readonly endedAt: number | null;
  readonly verdict: StepVerdict | null;
}

/** Everything the charts of one release need, live or replayed from SQLite. */
export interface ReleaseAnalysis {
  readonly deploymentId: number;
  readonly prometheusUrl: string | null;
  readonly metrics: readonly (MetricDefinition & {
    /** The query as sent, per role (placeholders filled). */
    readonly rendered: Readonly<Record<AnalysisRole, string>>;
    readonly baseline: MetricSeries;
    readonly canary: MetricSeries;
  })[];
  readonly steps: readonly AnalysisStep[];
  /** Whether it was automatic: a fail rolled back without a person. */
  readonly automaticRollback: { readonly deploymentId: number; readonly reason: string } | null;
}

export type ExperimentDesign = 'sequential' | 'fixed-horizon';

export interface VariantResult {
  readonly variant: 'A' | 'B';
  readonly visitors: number;
  readonly conversions: number;
  readonly rate: number;
}

export interface ExperimentStatus {
  readonly service: string;
  readonly environment: string;
  readonly design: ExperimentDesign;
  readonly confidence: number;
  readonly minimumEffect: number;
  readonly variants: readonly [VariantResult, VariantResult];
  /** B − A, with its confidence interval. */
  readonly difference: { readonly estimate: number; readonly low: number; readonly high: number };
  readonly pValue: number | null;
  readonly verdict: 'B wins' | 'A wins' | 'no difference yet' | 'no difference';
  /** Visitors per variant still needed for the minimum effect at the stated power (null once reached). */
  readonly visitorsStillNeeded: number | null;
  /** How peeking is guarded, in a sentence. */
  readonly peekingGuard: string;
  readonly series: readonly { readonly at: number; readonly a: number; readonly b: number }[];
}
