/**
 * Runs a pipeline for one commit: resolve the ref, read and validate the pipeline file at that commit
 * (refused before anything runs), check the commit out into a fresh worktree, run the stages in
 * dependency order (see StageScheduler for the rules on failure and cancel), log every line to disk,
 * and remove the worktree. Progress is reported as RunEvents; the result is also returned.
 *
 * Cancel (the signal): no new stage starts; running stages are stopped (their process trees killed,
 * their containers stopped) and end `cancelled`; the run ends `cancelled`.
 * Timeout: the stage is stopped the same way and ends `timed-out`, which fails the run.
 */
import { DEFAULT_PIPELINE_FILE } from '../../../shared/domain/workspace';
import type { PipelineDefinition, PipelineStage } from '../../../shared/domain/pipeline/definition';
import { formatDuration } from '../../../shared/domain/pipeline/duration';
import { parsePipeline, type PipelineProblem } from '../../../shared/domain/pipeline/parse-pipeline';
import type { RunEvent, RunResult, StageResult } from '../../../shared/domain/pipeline/run-events';
import { AppError, type AppErrorData } from '../../../shared/result';
import type { BuiltImage } from '../../ports/pipeline-stages';
import type { OutputLine } from '../../ports/processes';
import type { NewLogLine, RunLogPort, StageLogWriter } from '../../ports/run-logs';
import type { Checkout, WorktreePort } from '../../ports/worktrees';
import { executeStage, type StageBackends, type StageContext, type StageExecution } from './execute-stage';
import { DEFAULT_PARALLELISM, StageScheduler, type FinishedStatus } from './stage-scheduler';

export interface PipelineRunPorts extends StageBackends {
  readonly worktrees: WorktreePort;
  readonly logs: RunLogPort;
}

export interface RunRequest {
  /** Names the run's log folder and worktree: letters, digits, "-", "_". */
  readonly runId: string;
  readonly repoPath: string;
  /** A branch, tag or SHA; resolved to a commit once, at the start. */
  readonly ref: string;
  /** Relative to the repository; default `.shipdeck/pipeline.yml`. */
  readonly pipelineFile?: string;
  readonly imageRepository: string | null;
}

export interface RunOptions {
  readonly onEvent: (event: RunEvent) => void;
  readonly signal?: AbortSignal;
  /** Most stages at once; default 2. */
  readonly parallelism?: number;
  /** The environment host stages inherit; default process.env. */
  readonly hostEnv?: Readonly<Record<string, string | undefined>>;
  /** Between SIGTERM and SIGKILL when a stage is stopped; default 5 s. */
  readonly killGraceMs?: number;
  readonly now?: () => number;
  /**
   * Stages that already succeeded on this commit in an earlier run (a re-run from the failed stage):
   * recorded as succeeded with their earlier output and not run again.
   */
  readonly reuse?: ReadonlyMap<string, StageResult>;
}

const errorData = (error: unknown): AppErrorData =>
  error instanceof AppError ? error.toData() : { code: 'INTERNAL', message: error instanceof Error ? error.message : String(error) };

type Prepared =
  | { readonly ok: true; readonly commit: string; readonly definition: PipelineDefinition }
  | { readonly ok: false; readonly commit: string | null; readonly error: AppErrorData; readonly problems: readonly PipelineProblem[] };

async function prepare(request: RunRequest, worktrees: WorktreePort, signal: AbortSignal | undefined): Promise<Prepared> {
  let commit: string | null = null;
  try {
    commit = await worktrees.resolveCommit(request.repoPath, request.ref, signal);
    const file = request.pipelineFile ?? DEFAULT_PIPELINE_FILE;
    const text = await worktrees.readFileAt(request.repoPath, commit, file, signal);
    if (text === null) {
      throw new AppError('NOT_FOUND', `Commit ${commit.slice(0, 12)} has no ${file}.`, `Add ${file} (see "Pipeline file" in the README), commit it, and run that commit.`);
    }
    const parsed = parsePipeline(text, file);
    if (!parsed.ok) return { ok: false, commit, error: parsed.error, problems: parsed.problems };
    return { ok: true, commit, definition: parsed.definition };
  } catch (error) {
    return { ok: false, commit, error: errorData(error), problems: [] };
  }
}

function describeStart(stage: PipelineStage): string {
  const where = stage.workdir === '.' ? '' : ` in ${stage.workdir}`;
  switch (stage.kind) {
    case 'run':
      return stage.image === null ? `$ ${stage.run}${where}` : `$ ${stage.run}${where} (in a container of ${stage.image})`;
    case 'build':
      return `building the image from ${stage.dockerfile} (context ${stage.context})`;
    case 'push':
      return `pushing the image of stage "${stage.build}"`;
    case 'deploy':
      return `deploying to ${stage.environment}`;
  }
}

export async function runPipeline(request: RunRequest, ports: PipelineRunPorts, options: RunOptions): Promise<RunResult> {
  const now = options.now ?? Date.now;
  const startedAt = now();
  const { runId } = request;
  const emit = options.onEvent;
  const finishRun = (result: RunResult): RunResult => {
    emit({ type: 'run-finished', runId, result });
    return result;
  };

  const prepared = await prepare(request, ports.worktrees, options.signal);
  if (!prepared.ok) {
    return finishRun({ status: 'failed', commit: prepared.commit, startedAt, finishedAt: now(), stages: [], error: prepared.error, problems: prepared.problems });
  }
  const { commit, definition } = prepared;
  const stages = definition.stages;
  emit({ type: 'run-started', runId, commit, stages: stages.map((stage) => ({ name: stage.name, kind: stage.kind, needs: stage.needs })), at: now() });

  const results = new Map<string, StageResult>();
  const record = (result: StageResult) => {
    results.set(result.name, result);
    emit({ type: 'stage-finished', runId, result });
  };
  const skip = (name: string, reason: string) => record({ name, status: 'skipped', exitCode: null, startedAt: null, finishedAt: now(), message: reason, output: null });
  const ordered = () => stages.flatMap((stage) => results.get(stage.name) ?? []);

  if (options.signal?.aborted) {
    for (const stage of stages) skip(stage.name, 'skipped: the run was cancelled');
    return finishRun({ status: 'cancelled', commit, startedAt, finishedAt: now(), stages: ordered(), error: null, problems: [] });
  }

  let checkout: Checkout;
  try {
    checkout = await ports.worktrees.create(request.repoPath, commit, runId, options.signal);
  } catch (error) {
    for (const stage of stages) skip(stage.name, 'skipped: the commit could not be checked out');
    return finishRun({ status: 'failed', commit, startedAt, finishedAt: now(), stages: ordered(), error: errorData(error), problems: [] });
  }

  const scheduler = new StageScheduler(stages, options.parallelism ?? DEFAULT_PARALLELISM);
  const running = new Map<string, { readonly controller: AbortController; readonly done: Promise<void> }>();
  const context: StageContext = {
    runId,
    checkout,
    imageRepository: request.imageRepository,
    hostEnv: options.hostEnv ?? process.env,
    killGraceMs: options.killGraceMs,
    builds: new Map<string, BuiltImage>()
  };
  let cancelled = false;
  const onCancel = () => {
    cancelled = true;
    for (const skipped of scheduler.stop('skipped: the run was cancelled')) skip(skipped.name, skipped.reason);
    for (const { controller } of running.values()) controller.abort();
  };
  options.signal?.addEventListener('abort', onCancel, { once: true });

  const runStage = async (stage: PipelineStage, controller: AbortController): Promise<void> => {
    const stageStartedAt = now();
    emit({ type: 'stage-started', runId, stage: stage.name, at: stageStartedAt });
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      controller.abort();
    }, stage.timeoutMs);
    let writer: StageLogWriter | null = null;
    const log = async (lines: readonly NewLogLine[]): Promise<void> => {
      if (writer === null) return;
      const numbered = await writer.append(lines);
      if (numbered.length > 0) emit({ type: 'log-lines', runId, stage: stage.name, lines: numbered });
    };
    let execution: StageExecution | null = null;
    let failure: AppErrorData | null = null;
    try {
      writer = await ports.logs.open(runId, stage.name);
      await log([{ stream: 'system', text: describeStart(stage) }]);
      execution = await executeStage(stage, context, ports, (lines: readonly OutputLine[]) => log(lines), controller.signal);
    } catch (error) {
      failure = errorData(error);
    } finally {
      clearTimeout(timer);
    }

    const { status, exitCode, message } = judge(stage, execution, failure, timedOut, cancelled);
    const output = execution?.kind === 'output' && status === 'succeeded' ? execution.output : null;
    const finishedAt = now();
    const closing = status === 'succeeded' ? `succeeded in ${formatSeconds(finishedAt - stageStartedAt)}` : (message ?? status);
    if (failure?.code !== 'STORE_FAILED') await log([{ stream: 'system', text: closing }]).catch(() => undefined);
    await writer?.close().catch(() => undefined);
    record({ name: stage.name, status, exitCode, startedAt: stageStartedAt, finishedAt, message, output });
    for (const skipped of scheduler.finish(stage.name, status)) skip(skipped.name, skipped.reason);
  };

  const reuse = (name: string, earlier: StageResult): void => {
    const at = now();
    const output = earlier.output;
    if (output?.kind === 'image') context.builds.set(name, { imageId: output.imageId, tags: output.tags });
    record({ ...earlier, name, status: 'succeeded', startedAt: at, finishedAt: at, message: earlier.message ?? 'reused from an earlier run' });
    for (const skipped of scheduler.finish(name, 'succeeded')) skip(skipped.name, skipped.reason);
  };

  const launch = () => {
    for (let taken = scheduler.take(); taken.length > 0; taken = scheduler.take()) launchEach(taken);
  };
  const launchEach = (names: readonly string[]) => {
    for (const name of names) {
      const earlier = options.reuse?.get(name);
      if (earlier !== undefined && earlier.status === 'succeeded') {
        reuse(name, earlier);
        continue;
      }
      const stage = stages.find((candidate) => candidate.name === name) as PipelineStage;
      const controller = new AbortController();
      const done = runStage(stage, controller).finally(() => running.delete(name));
      running.set(name, { controller, done });
    }
  };

  try {
    launch();
    while (running.size > 0) {
      await Promise.race([...running.values()].map((entry) => entry.done));
      launch();
    }
  } finally {
    options.signal?.removeEventListener('abort', onCancel);
    await ports.worktrees.remove(checkout).catch(() => undefined); // a leftover is removed on the next start
  }

  const all = ordered();
  const status = cancelled ? 'cancelled' : all.every((result) => result.status === 'succeeded') ? 'succeeded' : 'failed';
  return finishRun({ status, commit, startedAt, finishedAt: now(), stages: all, error: null, problems: [] });
}

const formatSeconds = (ms: number): string => `${(ms / 1000).toFixed(1)} s`;

/** What a stage's end means. A stop we caused (timeout, cancel) wins over how the work ended. */
function judge(
  stage: PipelineStage,
  execution: StageExecution | null,
  failure: AppErrorData | null,
  timedOut: boolean,
  cancelled: boolean
): { status: FinishedStatus; exitCode: number | null; message: string | null } {
  if (timedOut) return { status: 'timed-out', exitCode: null, message: `timed out after ${formatDuration(stage.timeoutMs)}; the stage was stopped` };
  if (cancelled) return { status: 'cancelled', exitCode: null, message: 'cancelled; the stage was stopped' };
  if (failure !== null) return { status: 'failed', exitCode: null, message: failure.message };
  if (execution === null || execution.kind === 'output') return { status: 'succeeded', exitCode: null, message: null };
  const { outcome } = execution;
  switch (outcome.kind) {
    case 'exited':
      return outcome.exitCode === 0
        ? { status: 'succeeded', exitCode: 0, message: null }
        : { status: 'failed', exitCode: outcome.exitCode, message: `exited with code ${outcome.exitCode}` };
    case 'signalled':
      return { status: 'failed', exitCode: null, message: `was killed by ${outcome.signal}` };
    case 'timed-out':
      return { status: 'timed-out', exitCode: null, message: 'timed out; the stage was stopped' };
    case 'cancelled':
      return { status: 'cancelled', exitCode: null, message: 'cancelled; the stage was stopped' };
  }
}
