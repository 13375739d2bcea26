/**
 * Pipeline runs in the core: starts runs (manual, re-run, branch watch) through the runner with the real
 * ports, at most N at a time (the rest wait queued), records every status change and each finished
 * stage's log index in the store, records the artifact a push (or a local build) produced, and tells the
 * streams. On start, runs a crashed core left behind are marked interrupted and their leftovers removed.
 */
import { parsePipeline } from '../../../shared/domain/pipeline/parse-pipeline';
import type { RunEvent, StageResult } from '../../../shared/domain/pipeline/run-events';
import { runLogName, type PipelineRun, type TestSummary } from '../../../shared/domain/pipeline-runs';
import type { Service } from '../../../shared/domain/workspace';
import { serviceNotFound } from '../../../shared/domain/workspace-errors';
import { AppError } from '../../../shared/result';
import type { ContainersPort } from '../../ports/containers';
import type { CredentialStore } from '../../ports/credentials';
import type { EventPort } from '../../ports/events';
import type { GitPort } from '../../ports/git';
import type { ProcessPort } from '../../ports/processes';
import type { RunLogPort } from '../../ports/run-logs';
import type { NewArtifact, ReleaseStore } from '../../ports/store';
import type { WorktreePort } from '../../ports/worktrees';
import { createDockerStages, localRepositoryFor } from './docker-stages';
import { runPipeline } from './run-pipeline';
import { versionOfCommit } from './run-versions';
import { readTestSummary } from './test-reports';

/** The adapters a run goes through. */
export interface RunnerAdapters {
  readonly git: GitPort;
  readonly worktrees: WorktreePort;
  readonly logs: RunLogPort;
  readonly processes: ProcessPort;
  readonly containers: ContainersPort;
  readonly credentials: CredentialStore;
}

export interface RunManagerOptions {
  /** Runs at once; default 2. */
  readonly maxConcurrentRuns?: number;
  /** Stages at once within a run; default 2. */
  readonly parallelism?: number;
  readonly killGraceMs?: number;
  readonly hostEnv?: Readonly<Record<string, string | undefined>>;
  /** A checkpoint in the SQLite line index every this many lines; default 1000. */
  readonly checkpointEvery?: number;
  /** Whether a process id is still running (for runs another process may own). */
  readonly isAlive?: (pid: number) => boolean;
}

/** A run this core is running: how to stop it, which stages ended, and who waits for its next change. */
interface LiveRun {
  readonly controller: AbortController;
  readonly finishedStages: Set<string>;
  readonly waiters: Set<() => void>;
  finished: boolean;
  readonly done: Promise<void>;
}

interface Job {
  readonly runId: number;
  readonly service: Service;
  readonly commit: string;
  readonly reuse: ReadonlyMap<string, StageResult>;
}

export const logName = runLogName;

const INTERRUPTED = 'interrupted: Shipdeck stopped while this run was going on';

const pidAlive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
};

export interface RunManager {
  /** Records the run and answers with it at once; it starts when a slot is free. */
  start(service: string, ref: string | undefined, trigger: string): Promise<PipelineRun>;
  rerun(runId: number, from: 'start' | 'failed', trigger: string): Promise<PipelineRun>;
  cancel(runId: number): Promise<PipelineRun>;
  /** null when this core is not running that run (finished, or run by another process). */
  live(runId: number): { readonly stageFinished: (stage: string) => boolean; readonly nextChange: (signal: AbortSignal) => Promise<void> } | null;
  /**
   * Marks runs a crashed core left `running` as interrupted and removes their containers and worktrees.
   * Runs started afterwards wait for it. Long-lived cores (app, browser mode) call it at start.
   */
  recover(): Promise<void>;
  /** Runs running or queued in this core. */
  activeCount(): number;
  /** Cancels every run and waits for them to stop. */
  close(): Promise<void>;
}

export function createRunManager(store: ReleaseStore, adapters: RunnerAdapters, events: EventPort, options: RunManagerOptions = {}): RunManager {
  const maxRuns = options.maxConcurrentRuns ?? 2;
  const every = options.checkpointEvery ?? 1000;
  const queue: Job[] = [];
  const active = new Map<number, LiveRun>();

  const announce = (run: PipelineRun) => events.emit('runs.updated', { service: run.service, runId: run.id, run });
  const wake = (live: LiveRun) => {
    for (const waiter of live.waiters) waiter();
    live.waiters.clear();
  };

  let ready: Promise<void> = Promise.resolve();
  const recover = () => (ready = (async () => {
    const { interrupted, stillRunning } = await store.runs.interruptUnfinished(INTERRUPTED, options.isAlive ?? pidAlive);
    for (const id of interrupted) {
      const run = store.runs.getRun(id);
      if (run) announce(run);
      await adapters.containers.removeStageContainers(logName(id)).catch(() => 0); // no engine: nothing of ours runs there
    }
    // Another live process may be running worktrees of its own; only sweep when nobody is.
    if (stillRunning === 0) await adapters.worktrees.removeLeftovers().catch(() => []);
  })().catch((error: unknown) => console.error('[shipdeck] recovering interrupted runs failed:', error)));

  async function plan(service: Service, ref: string, signal?: AbortSignal) {
    const commit = await adapters.worktrees.resolveCommit(service.repoPath, ref, signal);
    const text = await adapters.worktrees.readFileAt(service.repoPath, commit, service.pipelineFile, signal);
    if (text === null) {
      throw new AppError('NOT_FOUND', `Commit ${commit.slice(0, 12)} has no ${service.pipelineFile}.`, `Add ${service.pipelineFile} (see "Pipeline file" in the README), commit it, and run that commit.`);
    }
    const parsed = parsePipeline(text, service.pipelineFile);
    if (!parsed.ok) throw new AppError(parsed.error.code, parsed.error.message, parsed.error.hint);
    return { commit, stages: parsed.definition.stages.map((stage) => ({ name: stage.name, needs: stage.needs })) };
  }

  async function enqueue(service: Service, ref: string, trigger: string, reuse: ReadonlyMap<string, StageResult>, rerunOf?: number): Promise<PipelineRun> {
    await ready;
    const { commit, stages } = await plan(service, ref);
    const run = await store.runs.recordRun({ service: service.name, commitSha: commit, ref, startedBy: trigger, stages, rerunOf, runnerPid: process.pid });
    announce(run);
    queue.push({ runId: run.id, service, commit, reuse });
    pump();
    return run;
  }

  function pump(): void {
    while (active.size < maxRuns && queue.length > 0) {
      const job = queue.shift() as Job;
      const controller = new AbortController();
      const live: LiveRun = { controller, finishedStages: new Set(), waiters: new Set(), finished: false, done: Promise.resolve() };
      active.set(job.runId, live);
      Object.assign(live, { done: execute(job, live).catch((error: unknown) => console.error(`[shipdeck] run #${job.runId} failed unexpectedly:`, error)) });
    }
  }

  async function execute(job: Job, live: LiveRun): Promise<void> {
    const { runId, service, commit } = job;
    let writes: Promise<unknown> = Promise.resolve();
    const write = (work: () => Promise<PipelineRun | null>) => {
      writes = writes.then(work).then(
        (run) => run && announce(run),
        (error: unknown) => console.error(`[shipdeck] recording run #${runId} failed:`, error)
      );
    };
    let summary: TestSummary | null = null;
    try {
      announce(await store.runs.setRunStatus(runId, 'running'));
      const version = await versionOfCommit(adapters.git, service.repoPath, commit);
      // Kept on the artifact so the catalogue can search commit messages offline.
      const subject = await adapters.git.open(service.repoPath).commit(commit).then((detail) => detail.subject, () => '');
      const docker = createDockerStages({ containers: adapters.containers, credentials: adapters.credentials, version, localRepository: localRepositoryFor(service.name) });
      // Reports are read just before the worktree goes: that is when every stage has left its files.
      const worktrees: WorktreePort = {
        ...adapters.worktrees,
        remove: async (checkout) => {
          summary = await readTestSummary(checkout.path).catch(() => null);
          return adapters.worktrees.remove(checkout);
        }
      };
      const onEvent = (event: RunEvent) => {
        switch (event.type) {
          case 'stage-started':
            write(() => store.runs.setStageStatus(runId, event.stage, { status: 'running' }));
            break;
          case 'log-lines':
            wake(live);
            break;
          case 'stage-finished':
            write(() => finishStage(runId, service, { commit, version, subject }, event.result));
            write(async () => {
              live.finishedStages.add(event.result.name);
              wake(live);
              return null;
            });
            break;
          case 'run-started':
          case 'run-finished':
            break;
        }
      };
      const result = await runPipeline(
        { runId: logName(runId), repoPath: service.repoPath, ref: commit, pipelineFile: service.pipelineFile, imageRepository: service.imageRepository },
        { processes: adapters.processes, worktrees, logs: adapters.logs, containers: docker, images: docker },
        {
          onEvent,
          signal: live.controller.signal,
          reuse: job.reuse,
          ...(options.parallelism === undefined ? {} : { parallelism: options.parallelism }),
          ...(options.killGraceMs === undefined ? {} : { killGraceMs: options.killGraceMs }),
          ...(options.hostEnv === undefined ? {} : { hostEnv: options.hostEnv })
        }
      );
      await writes;
      const tests = summary as TestSummary | null;
      if (tests !== null) await store.runs.setTestSummary(runId, tests);
      const error = result.error === null ? null : [result.error.message, ...result.problems.map((p) => `line ${p.line}, column ${p.column}: ${p.message}`)].join('\n');
      announce(await store.runs.setRunStatus(runId, result.status, error));
    } catch (error) {
      await writes;
      const message = error instanceof Error ? error.message : String(error);
      await store.runs.setRunStatus(runId, 'failed', message).then(announce, () => undefined);
    } finally {
      live.finished = true;
      wake(live);
      active.delete(runId);
      pump();
    }
  }

  /** The stage's final status, its log in the SQLite index and the artifact it made: all or nothing. */
  async function finishStage(runId: number, service: Service, source: ArtifactSource, result: StageResult): Promise<PipelineRun> {
    const index = result.startedAt === null ? null : await adapters.logs.checkpoints(logName(runId), result.name, every).catch(() => null);
    const artifact = artifactOf(runId, service, source, result);
    return store.transaction((tx) => {
      const run = tx.runs.setStageStatus(runId, result.name, {
        status: result.status,
        exitCode: result.exitCode ?? undefined,
        message: result.message ?? undefined,
        output: result.output ?? undefined,
        logFile: index?.file
      });
      if (index !== null && index.lineCount > 0) {
        tx.runs.recordStageLog(runId, result.name, { logFile: index.file, lineCount: index.lineCount, byteCount: index.byteCount, every, offsets: index.offsets });
      }
      // A commit built twice is the same artifact when the digest is the same: record it once.
      if (artifact !== null && tx.artifacts.findArtifact(artifact.imageRepository, artifact.digest) === null) tx.artifacts.recordArtifact(artifact);
      return tx.runs.getRun(runId) ?? run;
    });
  }

  const liveOf = (runId: number): LiveRun | undefined => active.get(runId);

  return {
    recover,
    activeCount: () => active.size + queue.length,
    start: async (serviceName, ref, trigger) => {
      const service = store.workspace.findService(serviceName);
      if (!service) throw serviceNotFound(serviceName);
      return enqueue(service, ref ?? 'HEAD', trigger, new Map());
    },

    rerun: async (runId, from, trigger) => {
      const earlier = requireRun(store, runId);
      const service = store.workspace.findService(earlier.service);
      if (!service) throw serviceNotFound(earlier.service);
      const reuse = new Map<string, StageResult>();
      if (from === 'failed') {
        if (earlier.status === 'succeeded') throw new AppError('INVALID_INPUT', `Run #${runId} succeeded: no stage failed to run again from.`, 'Re-run it from the start instead.');
        if (earlier.status === 'running' || earlier.status === 'queued') throw new AppError('INVALID_INPUT', `Run #${runId} is still ${earlier.status}.`, 'Wait for it to finish, or cancel it first.');
        for (const stage of earlier.stages) {
          if (stage.status !== 'succeeded') continue;
          reuse.set(stage.name, { name: stage.name, status: 'succeeded', exitCode: stage.exitCode, startedAt: null, finishedAt: 0, message: `reused from run #${runId}`, output: stage.output });
        }
      }
      return enqueue(service, earlier.commitSha, trigger, reuse, runId);
    },

    cancel: async (runId) => {
      const run = requireRun(store, runId);
      const queued = queue.findIndex((job) => job.runId === runId);
      if (queued !== -1) {
        queue.splice(queued, 1);
        for (const stage of run.stages) await store.runs.setStageStatus(runId, stage.name, { status: 'skipped', message: 'skipped: the run was cancelled before it started' });
        const cancelled = await store.runs.setRunStatus(runId, 'cancelled');
        announce(cancelled);
        return cancelled;
      }
      const live = liveOf(runId);
      if (live) {
        live.controller.abort();
        await live.done;
        return requireRun(store, runId);
      }
      if (run.status === 'running' || run.status === 'queued') {
        throw new AppError('INVALID_INPUT', `Run #${runId} is run by another Shipdeck process; it can only be cancelled there.`, 'Cancel it from the app or terminal that started it.');
      }
      return run; // already finished: nothing to stop
    },

    live: (runId) => {
      const live = liveOf(runId);
      if (!live) return null;
      return {
        stageFinished: (stage) => live.finished || live.finishedStages.has(stage),
        nextChange: (signal) =>
          new Promise<void>((resolve) => {
            if (live.finished || signal.aborted) return resolve();
            const done = () => {
              signal.removeEventListener('abort', done);
              live.waiters.delete(done);
              resolve();
            };
            live.waiters.add(done);
            signal.addEventListener('abort', done, { once: true });
          })
      };
    },

    close: async () => {
      queue.length = 0;
      const running = [...active.values()];
      for (const live of running) live.controller.abort();
      await Promise.all(running.map((live) => live.done));
    }
  };
}

function requireRun(store: ReleaseStore, runId: number): PipelineRun {
  const run = store.runs.getRun(runId);
  if (!run) throw new AppError('NOT_FOUND', `There is no pipeline run #${runId}.`, "Check the run number in the service's pipeline runs.");
  return run;
}

/** What a stage's output makes an artifact of: a pushed digest, or a local image when there is no repository. */
/** The commit an artifact is built from: its SHA, semantic version (if tagged) and message subject. */
interface ArtifactSource {
  readonly commit: string;
  readonly version: string | null;
  readonly subject: string;
}

function artifactOf(runId: number, service: Service, source: ArtifactSource, result: StageResult): NewArtifact | null {
  if (result.status !== 'succeeded' || result.output === null || result.startedAt === null) return null;
  const base = { service: service.name, commitSha: source.commit, version: source.version, commitSubject: source.subject, pipelineRunId: runId };
  if (result.output.kind === 'pushed') return { ...base, imageRepository: result.output.repository, digest: result.output.digest };
  if (service.imageRepository === null) return { ...base, imageRepository: localRepositoryFor(service.name), digest: result.output.imageId };
  return null;
}
