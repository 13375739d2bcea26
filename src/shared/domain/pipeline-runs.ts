/** Pipeline runs as the release store keeps them: one commit's journey through its stages. */

export const RUN_STATUSES = ['queued', 'running', 'succeeded', 'failed', 'cancelled', 'interrupted'] as const;
export type RunStatus = (typeof RUN_STATUSES)[number];

export const STAGE_STATUSES = ['pending', 'running', 'succeeded', 'failed', 'skipped', 'cancelled', 'timed-out'] as const;
export type StageStatus = (typeof STAGE_STATUSES)[number];

/** A run that has finished is never changed again. */
export const isFinishedRun = (status: RunStatus): boolean => status !== 'queued' && status !== 'running';
/** A stage that has finished is never changed again. */
export const isFinishedStage = (status: StageStatus): boolean => status !== 'pending' && status !== 'running';

export interface PipelineStage {
  readonly name: string;
  /** Order in the pipeline file. */
  readonly position: number;
  /** Names of the stages this one waits for. */
  readonly needs: readonly string[];
  readonly status: StageStatus;
  readonly exitCode: number | null;
  readonly logFile: string | null;
  readonly startedAt: string | null;
  readonly finishedAt: string | null;
}

export interface PipelineRun {
  readonly id: number;
  readonly service: string;
  readonly commitSha: string;
  readonly ref: string | null;
  readonly startedBy: string;
  readonly status: RunStatus;
  readonly createdAt: string;
  readonly startedAt: string | null;
  readonly finishedAt: string | null;
  readonly stages: readonly PipelineStage[];
}
