import type { PipelineRun } from '../../../../shared/domain/pipeline-runs';

/** The JUnit totals of the run that built an artifact, in words, or why there are none. */
export function describeTests(run: PipelineRun | null): string {
  if (!run) return 'no run recorded.';
  const summary = run.testSummary;
  if (!summary) return 'none recorded for this run (a stage that leaves JUnit XML in .shipdeck/reports/ adds them).';
  const failed = summary.failures + summary.errors;
  const passed = summary.tests - failed - summary.skipped;
  return `${passed} passed, ${failed} failed, ${summary.skipped} skipped (${summary.files.join(', ')}).`;
}
