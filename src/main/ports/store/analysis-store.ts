/**
 * Canary analysis records, kept with the release so its charts replay offline: each step analysed (where
 * and what it asked), the points read (appended as they come), and the judge's verdict. Appended, never
 * rewritten. And the workspace's settings (the Prometheus endpoint), one JSON value per key, audited.
 */
import type { AnalysisRole, MetricDefinition, SeriesPoint, StepVerdict } from '../../../shared/domain/analysis';
import type { AuditInput } from './audit-store';
import type { Deferred } from './deferred';

/** A metric as a step asked for it: its definition and the query as sent, per role. */
export type AskedMetric = MetricDefinition & { readonly rendered: Readonly<Record<AnalysisRole, string>> };

export interface AnalysisStepStart {
  readonly deploymentId: number;
  readonly step: number;
  readonly weight: number;
  /** unix seconds */
  readonly startedAt: number;
  readonly windowSeconds: number;
  readonly prometheusUrl: string;
  readonly metrics: readonly AskedMetric[];
}

export interface SeriesChunk {
  readonly deploymentId: number;
  readonly step: number;
  readonly metric: string;
  readonly role: AnalysisRole;
  /** Points after the last one recorded for this step, metric and role. */
  readonly points: readonly SeriesPoint[];
  /** Why the query gave nothing usable; null when it answered. */
  readonly failure: string | null;
}

export interface RecordedVerdict {
  readonly deploymentId: number;
  readonly step: number;
  readonly verdict: StepVerdict;
  /** unix seconds */
  readonly endedAt: number;
}

/** Everything recorded for one release, oldest first. */
export interface RecordedAnalysis {
  readonly steps: readonly AnalysisStepStart[];
  readonly series: readonly SeriesChunk[];
  readonly verdicts: readonly RecordedVerdict[];
}

export interface AnalysisReads {
  analysisOf(deploymentId: number): RecordedAnalysis;
  /** The setting's JSON value; null when it was never set. */
  setting(key: string): unknown;
}

export interface AnalysisWrites {
  startStep(start: AnalysisStepStart): void;
  /** One read of every metric, written together. */
  appendSeries(chunks: readonly SeriesChunk[]): void;
  recordVerdict(verdict: RecordedVerdict): void;
  /** Replaces the setting's value, with its audit entry. */
  setSetting(key: string, value: unknown, audit: AuditInput): void;
}

export type AnalysisStore = AnalysisReads & Deferred<AnalysisWrites>;
