import type { PipelineRun, RunStatus, StageStatus } from '../../../shared/domain/pipeline-runs';
import type { Deferred } from './deferred';
import type { Page, PageRequest } from './paging';

export interface NewRun {
  readonly service: string;
  readonly commitSha: string;
  readonly ref: string | null;
  readonly startedBy: string;
  /** In pipeline-file order; every stage starts pending. */
  readonly stages: readonly { readonly name: string; readonly needs: readonly string[] }[];
}

export interface StageUpdate {
  readonly status: StageStatus;
  readonly exitCode?: number | undefined;
  readonly logFile?: string | undefined;
}

export interface RunsReads {
  /** null when there is no run with that id. */
  getRun(runId: number): PipelineRun | null;
  /** A service's runs, newest first. */
  listRuns(service: string, page: PageRequest): Page<PipelineRun>;
}

export interface RunsWrites {
  /** Records a queued run and its pending stages. Throws NOT_FOUND for an unknown service. */
  recordRun(run: NewRun): PipelineRun;
  /** Moves a run on (start and finish times follow); a finished run is final: throws INVALID_INPUT. */
  setRunStatus(runId: number, status: RunStatus): PipelineRun;
  /** Moves one stage on (with its exit code and log file); a finished stage is final. */
  setStageStatus(runId: number, stageName: string, update: StageUpdate): PipelineRun;
}

/** Pipeline runs and their stages. */
export type RunsStore = RunsReads & Deferred<RunsWrites>;
