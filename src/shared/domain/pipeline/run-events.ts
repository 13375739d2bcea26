/**
 * What a pipeline run reports while it runs: statuses and the events the runner emits. Plain data, so a
 * contract stream can carry them unchanged (a log stream, and run/stage status changes).
 */
import type { AppErrorData } from '../../result';
import type { StageKind } from './definition';
import type { RunStatus as StoredRunStatus, StageOutputRecord, StageStatus } from '../pipeline-runs';
import type { PipelineProblem } from './parse-pipeline';

/** One set of statuses for the runner and the store (pipeline-runs.ts); the runner never sees `queued`. */
export type { StageStatus };
/** `interrupted`: left `running` by a crash and found so on the next start. */
export type RunStatus = Exclude<StoredRunStatus, 'queued'>;
/** `system`: lines the runner itself writes (what started, why it stopped). */
export type LogStream = 'stdout' | 'stderr' | 'system';

/** One line of a stage's log. */
export interface LogLine {
  /** 1-based, per stage. */
  readonly number: number;
  readonly stream: LogStream;
  readonly text: string;
}

/** What a build or push stage produced. */
export type StageOutput = StageOutputRecord;

export interface StageResult {
  readonly name: string;
  readonly status: Exclude<StageStatus, 'pending' | 'running'>;
  /** The command's exit code, when it ran to an exit. */
  readonly exitCode: number | null;
  /** Epoch ms; null for a stage that never started. */
  readonly startedAt: number | null;
  readonly finishedAt: number;
  /** Why it did not succeed, or why it was skipped; null when it succeeded. */
  readonly message: string | null;
  readonly output: StageOutput | null;
}

export interface PlannedStage {
  readonly name: string;
  readonly kind: StageKind;
  readonly needs: readonly string[];
}

export interface RunResult {
  readonly status: Exclude<RunStatus, 'running' | 'interrupted'>;
  readonly commit: string | null;
  readonly startedAt: number;
  readonly finishedAt: number;
  readonly stages: readonly StageResult[];
  /** Why the run failed before or outside its stages (bad ref, invalid pipeline file, no checkout). */
  readonly error: AppErrorData | null;
  /** For an invalid pipeline file: every problem, with line and column. */
  readonly problems: readonly PipelineProblem[];
}

export type RunEvent =
  | { readonly type: 'run-started'; readonly runId: string; readonly commit: string; readonly stages: readonly PlannedStage[]; readonly at: number }
  | { readonly type: 'stage-started'; readonly runId: string; readonly stage: string; readonly at: number }
  | { readonly type: 'log-lines'; readonly runId: string; readonly stage: string; readonly lines: readonly LogLine[] }
  | { readonly type: 'stage-finished'; readonly runId: string; readonly result: StageResult }
  | { readonly type: 'run-finished'; readonly runId: string; readonly result: RunResult };
