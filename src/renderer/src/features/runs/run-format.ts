/** How runs read on screen: durations, short commits, who or what started a run. */
import type { PipelineRun, PipelineStage } from '../../../../shared/domain/pipeline-runs';

export function formatDuration(ms: number): string {
  if (ms < 10_000) return `${(Math.max(0, ms) / 1000).toFixed(1)}s`;
  const s = Math.round(ms / 1000);
  if (s < 60) return `${s}s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m}m ${s % 60}s`;
  return `${Math.floor(m / 60)}h ${m % 60}m`;
}

/** From start to finish, or to `now` while it runs; null when it never started. */
export function durationOf(item: Pick<PipelineRun | PipelineStage, 'startedAt' | 'finishedAt'>, now: number): string | null {
  if (item.startedAt === null) return null;
  const end = item.finishedAt === null ? now : Date.parse(item.finishedAt);
  return formatDuration(end - Date.parse(item.startedAt));
}

/** `manual:ana` → "ana", `watch:main` → "watch main", `rerun:ana` → "re-run by ana". */
export function triggerLabel(startedBy: string): string {
  const [kind, who = ''] = startedBy.split(/:(.*)/s);
  switch (kind) {
    case 'manual':
      return `manual · ${who}`;
    case 'watch':
      return `watch ${who}`;
    case 'rerun':
      return `re-run by ${who}`;
    default:
      return startedBy;
  }
}

export const isActive = (status: PipelineRun['status']): boolean => status === 'queued' || status === 'running';

/** The stage to show first: the running one, else the first that failed, else the last that ran. */
export function defaultStage(run: PipelineRun): string | null {
  const running = run.stages.find((stage) => stage.status === 'running');
  if (running) return running.name;
  const failed = run.stages.find((stage) => stage.status === 'failed' || stage.status === 'timed-out');
  if (failed) return failed.name;
  const ran = run.stages.filter((stage) => stage.startedAt !== null);
  return ran.at(-1)?.name ?? run.stages[0]?.name ?? null;
}
