/**
 * A release's analysis as recorded: each metric's baseline and canary series over all its steps, the
 * queries as sent, the steps with their windows and verdicts, and the automatic rollback it caused. Read
 * from the store alone, so the charts replay offline.
 */
import type { AnalysisRole, AnalysisStep, MetricSeries, ReleaseAnalysis, SeriesPoint } from '../../../shared/domain/analysis';
import type { Release } from '../../../shared/domain/releases';
import { AppError } from '../../../shared/result';
import type { AskedMetric, RecordedAnalysis, ReleaseStore } from '../../ports/store';

type Metric = ReleaseAnalysis['metrics'][number];

export function releaseAnalysis(store: Pick<ReleaseStore, 'analysis' | 'releases'>, deploymentId: number): ReleaseAnalysis {
  const release = store.releases.getRelease(deploymentId);
  if (!release) throw new AppError('NOT_FOUND', `There is no release #${deploymentId}.`, 'Run `shipdeck status` or open the Environments board to see releases.');
  const recorded = store.analysis.analysisOf(deploymentId);
  return {
    deploymentId,
    prometheusUrl: recorded.steps.at(-1)?.prometheusUrl ?? null,
    metrics: metricsOf(recorded),
    steps: stepsOf(recorded),
    automaticRollback: automaticRollbackOf(store, release)
  };
}

function metricsOf(recorded: RecordedAnalysis): Metric[] {
  // The latest step's definitions win (a metric's query may have changed between steps); order of first appearance.
  const definitions = new Map<string, AskedMetric>();
  for (const step of recorded.steps) for (const metric of step.metrics) definitions.set(metric.name, metric);
  return [...definitions.values()].map((metric) => ({ ...metric, baseline: seriesOf(recorded, metric.name, 'baseline'), canary: seriesOf(recorded, metric.name, 'canary') }));
}

function seriesOf(recorded: RecordedAnalysis, metric: string, role: AnalysisRole): MetricSeries {
  const chunks = recorded.series.filter((chunk) => chunk.metric === metric && chunk.role === role);
  const points: SeriesPoint[] = chunks.flatMap((chunk) => chunk.points);
  // What the latest read said: a failure that a later read cleared is no longer the series' state.
  return { points, failure: chunks.at(-1)?.failure ?? (points.length === 0 ? 'no points were recorded' : null) };
}

function stepsOf(recorded: RecordedAnalysis): AnalysisStep[] {
  return recorded.steps.map((start, index) => {
    // A step analysed again (continued after a restart) has a later start: its verdict comes before that.
    const next = recorded.steps.slice(index + 1).find((later) => later.step === start.step);
    const verdict = recorded.verdicts.find((candidate) => candidate.step === start.step && candidate.endedAt >= start.startedAt && (!next || candidate.endedAt <= next.startedAt));
    return { step: start.step, weight: start.weight, startedAt: start.startedAt, endedAt: verdict?.endedAt ?? null, verdict: verdict?.verdict ?? null };
  });
}

function automaticRollbackOf(store: Pick<ReleaseStore, 'releases'>, release: Release): ReleaseAnalysis['automaticRollback'] {
  const page = store.releases.listReleases(release.service, release.environment, { limit: 100 });
  const undoing = page.items.find((candidate) => candidate.id > release.id && candidate.rollbackOfId === release.id && candidate.trigger === 'automatic-rollback');
  return undoing ? { deploymentId: undoing.id, reason: undoing.reason ?? '' } : null;
}
