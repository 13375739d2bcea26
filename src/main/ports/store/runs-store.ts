import type { PipelineRun, RunStatus, StageOutputRecord, StageStatus, TestSummary } from '../../../shared/domain/pipeline-runs';
import type { Deferred } from './deferred';
import type { Page, PageRequest } from './paging';

export interface NewRun {
  readonly service: string;
  readonly commitSha: string;
  readonly ref: string | null;
  readonly startedBy: string;
  /** In pipeline-file order; every stage starts pending. */
  readonly stages: readonly { readonly name: string; readonly needs: readonly string[] }[];
  /** The run this one re-runs. */
  readonly rerunOf?: number | undefined;
  /** The process that will run it (queued runs wait in its memory). */
  readonly runnerPid?: number | undefined;
}

export interface StageUpdate {
  readonly status: StageStatus;
  readonly exitCode?: number | undefined;
  readonly logFile?: string | undefined;
  readonly message?: string | undefined;
  readonly output?: StageOutputRecord | undefined;
}

/** A finished stage's log as the SQLite line index keeps it. */
export interface StageLogIndex {
  readonly logFile: string;
  readonly lineCount: number;
  readonly byteCount: number;
  /** A checkpoint every this many lines: line 1, every+1, 2·every+1, … */
  readonly every: number;
  /** Byte offset of each checkpoint line, in order. */
  readonly offsets: readonly number[];
}

/** Where to start reading a stage's log file to reach a line: the nearest checkpoint at or before it. */
export interface LogSeek {
  readonly logFile: string;
  readonly lineCount: number;
  /** The checkpoint's line (≤ the line asked for) and its byte offset in the file. */
  readonly line: number;
  readonly byteOffset: number;
}

export interface BranchWatch {
  readonly service: string;
  readonly branch: string;
}

export interface RunsReads {
  /** null when there is no run with that id. */
  getRun(runId: number): PipelineRun | null;
  /** A service's runs, newest first. */
  listRuns(service: string, page: PageRequest): Page<PipelineRun>;
  /** null when the stage's log is not indexed (still running, or never started). */
  seekLog(runId: number, stage: string, line: number): LogSeek | null;
  /** The branch whose new commits start runs, or null (off, the default). */
  branchWatch(service: string): string | null;
  /** Every watch that is on, for active services. */
  branchWatches(): readonly BranchWatch[];
}

export interface RunsWrites {
  /** Records a queued run and its pending stages. Throws NOT_FOUND for an unknown service. */
  recordRun(run: NewRun): PipelineRun;
  /** Moves a run on (start and finish times follow); a finished run is final: throws INVALID_INPUT. */
  setRunStatus(runId: number, status: RunStatus, error?: string | null): PipelineRun;
  /** Moves one stage on (with its exit code, log file, message and output); a finished stage is final. */
  setStageStatus(runId: number, stageName: string, update: StageUpdate): PipelineRun;
  /** Indexes a finished stage's log in SQLite (once). */
  recordStageLog(runId: number, stageName: string, index: StageLogIndex): void;
  setTestSummary(runId: number, summary: TestSummary): PipelineRun;
  /**
   * Marks every run still queued or running whose runner process is gone (`isAlive` says no) as
   * `interrupted`, and their unfinished stages `cancelled` with `reason`. Returns the runs' ids and how
   * many unfinished runs remain (owned by live processes).
   */
  interruptUnfinished(reason: string, isAlive: (pid: number) => boolean): { readonly interrupted: readonly number[]; readonly stillRunning: number };
  /** Turns the branch watch on (a branch) or off (null). */
  setBranchWatch(service: string, branch: string | null): void;
}

/** Pipeline runs and their stages. */
export type RunsStore = RunsReads & Deferred<RunsWrites>;
