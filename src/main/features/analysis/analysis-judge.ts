/**
 * What the analysis runner asks of the judge (`shared/domain/analysis/`): for one step, a sequential test
 * fed one point at a time while the window runs (it only ever fails early — a pass is the window-end
 * judge's), the window-end verdict over every metric; and the statistics of an A/B experiment.
 * `judge-binding.ts` binds it to the domain's functions; tests give a stand-in.
 */
import type { ExperimentDesign, ExperimentStatus, MetricDefinition, MetricSeries, MetricThresholds, StepVerdict } from '../../../shared/domain/analysis';

export interface JudgedMetric {
  readonly definition: MetricDefinition;
  readonly baseline: MetricSeries;
  readonly canary: MetricSeries;
}

/** One side at one point of the window, as Prometheus gives it: null when the measurement failed. */
export interface TrafficRates {
  /** errors ÷ requests */
  readonly errorRatio: number;
  readonly requestsPerSecond: number;
}

export interface TrafficObservation {
  readonly canary: TrafficRates | null;
  readonly baseline: TrafficRates | null;
  /** The interval the point stands for (the series' resolution). */
  readonly seconds: number;
}

export interface StepJudgement {
  /** The next point of the window: a fail verdict when the evidence is already strong enough, else null. */
  look(observation: TrafficObservation): StepVerdict | null;
  /** At the end of the window, over every metric. */
  final(metrics: readonly JudgedMetric[]): StepVerdict;
}

export interface ExperimentInput {
  readonly a: { readonly visitors: number; readonly conversions: number };
  readonly b: { readonly visitors: number; readonly conversions: number };
  readonly confidence: number;
  readonly minimumEffect: number;
  readonly design: ExperimentDesign;
}

export type ExperimentStatistics = Pick<ExperimentStatus, 'difference' | 'pValue' | 'verdict' | 'visitorsStillNeeded' | 'peekingGuard'>;

export interface AnalysisJudge {
  /** A step's judgement; `errorThresholds` are those of the error-rate metric (the sequential test's). */
  step(confidence: number, errorThresholds: MetricThresholds): StepJudgement;
  experiment(input: ExperimentInput): ExperimentStatistics;
}
