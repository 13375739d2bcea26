/** Pipeline runs as the release store keeps them: one commit's journey through its stages. */

export const RUN_STATUSES = ['queued', 'running', 'succeeded', 'failed', 'cancelled', 'interrupted'] as const;
export type RunStatus = (typeof RUN_STATUSES)[number];

export const STAGE_STATUSES = ['pending', 'running', 'succeeded', 'failed', 'skipped', 'cancelled', 'timed-out'] as const;
export type StageStatus = (typeof STAGE_STATUSES)[number];

/** The name a run's logs are kept under (a folder of `<stage>.log` files): the same for the runner and the demo. */
export const runLogName = (runId: number): string => `run-${runId}`;

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
  /** Why it did not succeed or was skipped (or "reused from run #n"); null when it just succeeded. */
  readonly message: string | null;
  /** Lines in its log once it finished; null while it runs or when it never started. */
  readonly logLines: number | null;
  /** What a build or push stage produced (image ID, or pushed digest), as JSON-able data. */
  readonly output: StageOutputRecord | null;
}

/** What a build or push stage left behind; a re-run from the failed stage reuses it. */
export type StageOutputRecord =
  | { readonly kind: 'image'; readonly imageId: string; readonly tags: readonly string[] }
  | { readonly kind: 'pushed'; readonly repository: string; readonly digest: string; readonly tags: readonly string[] };

/** Totals of the JUnit XML reports the run's stages left in `.shipdeck/reports/*.xml`. */
export interface TestSummary {
  readonly tests: number;
  readonly failures: number;
  readonly errors: number;
  readonly skipped: number;
  /** Report files read, relative to the checkout. */
  readonly files: readonly string[];
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
  /** Why the run failed outside its stages (bad ref, invalid pipeline file), or was interrupted. */
  readonly error: string | null;
  /** The run this one re-ran, when it is a re-run. */
  readonly rerunOf: number | null;
  readonly testSummary: TestSummary | null;
  readonly stages: readonly PipelineStage[];
}

/** A page of runs, newest first. */
export interface RunPage {
  readonly items: readonly PipelineRun[];
  /** Pass as `beforeId` for the next page; null when this was the last. */
  readonly nextBeforeId: number | null;
}
