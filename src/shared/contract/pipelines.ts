/** Pipeline runs: start, watch, cancel and re-run them, and read or search their stages' logs. */
import { z } from 'zod';
import type { PipelineRun, RunPage } from '../domain/pipeline-runs';
import type { LogLine } from '../domain/pipeline/run-events';
import { call, stream, type FeatureContract } from './define';
import { gitRef, noInput, serviceName } from './schemas';

const runId = z.int({ error: 'runId must be a whole run number' }).positive({ error: 'runId must be a run number (1 or more)' });
const stageName = z.string({ error: 'stage is required' }).regex(/^[a-z0-9][a-z0-9-]{0,62}$/, {
  error: 'stage must be a stage name: lowercase letters, digits and "-"'
});
const lineNumber = z.int({ error: 'fromLine must be a whole line number' }).min(1, { error: 'fromLine must be 1 or more' });

/** A run (or one of its stages) changed status: the run as it is now. Also a hint to refetch runs. */
export interface RunUpdate {
  readonly service: string;
  readonly runId: number;
  readonly run: PipelineRun;
}

export interface RunStarted {
  readonly runId: number;
}

export interface LogLinesPage {
  readonly lines: readonly LogLine[];
  /** Lines in the stage's log so far. */
  readonly total: number;
  /** True once the stage finished: no more lines will come. */
  readonly complete: boolean;
}

export interface LogSearchPage {
  /** Matching line numbers, ascending. */
  readonly lines: readonly number[];
  /** Search again from here for more; null when the search reached the end of the log. */
  readonly continueFrom: number | null;
}

export interface BranchWatchSetting {
  readonly service: string;
  /** The branch whose new commits start runs; null when the watch is off (the default). */
  readonly branch: string | null;
}

export const pipelinesContract = {
  feature: 'pipelines',
  calls: {
    'runs.list': call<RunPage>()(
      z.strictObject({
        service: serviceName,
        limit: z.int().min(1).max(500).default(100),
        beforeId: z.int().positive().optional()
      }),
      "A service's pipeline runs, newest first, with their stages; page on with beforeId."
    ),
    'runs.get': call<PipelineRun>()(z.strictObject({ runId }), 'One pipeline run with its stages (status, exit code, times, message).'),
    'runs.start': call<RunStarted>()(
      z.strictObject({ service: serviceName, ref: gitRef.optional() }),
      "Starts a run of the service's pipeline on a commit, branch or tag (default HEAD); answers with the run id at once."
    ),
    'runs.cancel': call<PipelineRun>()(
      z.strictObject({ runId }),
      'Cancels a run: no new stage starts, running stages are stopped (process trees killed, containers stopped).'
    ),
    'runs.rerun': call<RunStarted>()(
      z.strictObject({ runId, from: z.enum(['start', 'failed'], { error: 'from must be "start" or "failed"' }) }),
      'Runs the same commit again, from the start or from the failed stage (succeeded stages are reused).'
    ),
    'runs.logLines': call<LogLinesPage>()(
      z.strictObject({ runId, stage: stageName, fromLine: lineNumber.default(1), limit: z.int().min(1).max(5000).default(500) }),
      "Up to `limit` lines of a stage's log from line `fromLine` (1-based), read by line number without reading what comes before."
    ),
    'runs.searchLog': call<LogSearchPage>()(
      z.strictObject({
        runId,
        stage: stageName,
        text: z.string().min(1, { error: 'search text is empty' }).max(200, { error: 'search text is longer than 200 characters' }),
        fromLine: lineNumber.default(1),
        limit: z.int().min(1).max(1000).default(200)
      }),
      "Finds lines of a stage's log holding the text (case-insensitive), forward from a line; continue from `continueFrom`."
    ),
    'runs.getWatch': call<BranchWatchSetting>()(z.strictObject({ service: serviceName }), "The service's branch watch (off by default)."),
    'runs.setWatch': call<BranchWatchSetting>()(
      z.strictObject({ service: serviceName, branch: gitRef.nullable() }),
      'Turns the branch watch on (each new commit on the branch starts a run) or off (null).'
    )
  },
  streams: {
    'runs.updates': stream<RunUpdate>()(noInput, 'Each run or stage status change, with the run as it is now; refetch what it invalidates.'),
    'runs.log': stream<LogLine>()(
      z.strictObject({ runId, stage: stageName, fromLine: lineNumber.optional() }),
      "A stage's log from a line (default 1) and then live as it is written; ends once the stage finished."
    )
  }
} as const satisfies FeatureContract;
