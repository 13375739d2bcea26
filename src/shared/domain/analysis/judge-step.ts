/** A canary step's verdict from its metrics' verdicts: any fail fails, else any inconclusive pauses, else pass. */
import type { MetricVerdict, StepVerdict } from '../analysis';

export function judgeStep(metrics: readonly MetricVerdict[]): StepVerdict {
  const warnings = metrics.flatMap((metric) => metric.warnings.map((warning) => `${metric.metric}: ${warning}`));
  const failed = metrics.filter((metric) => metric.verdict === 'fail');
  const unsure = metrics.filter((metric) => metric.verdict === 'inconclusive');
  if (metrics.length === 0) {
    return { verdict: 'inconclusive', reason: 'No metric was analysed, so the step cannot pass: add a metric or judge it by hand.', metrics, warnings };
  }
  if (failed.length > 0) {
    return { verdict: 'fail', reason: `${names(failed)} failed: ${(failed[0] as MetricVerdict).reason}`, metrics, warnings };
  }
  if (unsure.length > 0) {
    return { verdict: 'inconclusive', reason: `${names(unsure)} could not be judged: ${(unsure[0] as MetricVerdict).reason}`, metrics, warnings };
  }
  return { verdict: 'pass', reason: `All ${metrics.length} metric${metrics.length === 1 ? '' : 's'} passed (${metrics.map((metric) => metric.metric).join(', ')}).`, metrics, warnings };
}

function names(metrics: readonly MetricVerdict[]): string {
  const listed = metrics.map((metric) => metric.metric);
  return listed.length === 1 ? (listed[0] as string) : `${listed.length} metrics (${listed.join(', ')})`;
}
