import { spawn } from 'node:child_process';
import { stat } from 'node:fs/promises';
import { AppError } from '../../../shared/result';
import type { LineSink, OutputLine, ProcessOutcome, ProcessPort, ProcessSpec } from '../../ports/processes';
import { LineSplitter } from './line-splitter';
import { stopGroup } from './process-group';

const DEFAULT_KILL_GRACE_MS = 5_000;
// Batches handed to the sink and not yet taken before reading pauses: enough to keep the pipe and the
// disk busy at once, few enough (a chunk is at most 64 KiB) to bound memory.
const MAX_OUTSTANDING_BATCHES = 4;

async function assertFolder(cwd: string): Promise<void> {
  const stats = await stat(cwd).catch(() => null);
  if (stats?.isDirectory()) return;
  throw new AppError('PATH_NOT_FOUND', `The working folder "${cwd}" does not exist in the checkout.`, 'Check the stage\'s workdir: it must be a folder committed in the repository.');
}

/**
 * Runs stage commands with `sh -c`, detached into their own process group: a cancel, a timeout or the
 * end of the command stops the whole group (SIGTERM, then SIGKILL after a grace), so nothing a stage
 * started outlives it. A process that leaves the group on purpose (setsid, a daemon) is out of reach.
 */
export function createProcessAdapter(): ProcessPort {
  return { run: runProcess };
}

async function runProcess(spec: ProcessSpec, onLines: LineSink, signal?: AbortSignal): Promise<ProcessOutcome> {
  if (process.platform === 'win32') throw new AppError('INTERNAL', 'Host stages need a POSIX shell; Windows is not supported yet.', 'Run the stage in a container (image:).');
  if (signal?.aborted) return { kind: 'cancelled' };
  await assertFolder(spec.cwd);
  const grace = spec.killGraceMs ?? DEFAULT_KILL_GRACE_MS;

  return new Promise<ProcessOutcome>((resolve, reject) => {
    const child = spawn('/bin/sh', ['-c', spec.command], { cwd: spec.cwd, env: { ...spec.env }, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
    const pgid = child.pid;
    let stopReason: 'cancelled' | 'timed-out' | 'sink-failed' | null = null;
    let sinkError: unknown = null;
    let stopping: Promise<void> = Promise.resolve();
    const deliveries: Promise<void>[] = [];
    let outstanding = 0;

    const stop = (reason: 'cancelled' | 'timed-out' | 'sink-failed') => {
      if (stopReason !== null || pgid === undefined) return;
      stopReason = reason;
      stopping = stopGroup(pgid, grace).catch(() => undefined);
    };

    const deliver = (lines: readonly OutputLine[]) => {
      if (lines.length === 0 || sinkError !== null) return;
      const failed = (error: unknown) => {
        sinkError ??= error;
        stop('sink-failed');
        child.stdout.resume(); // drain, so the process is not blocked on a full pipe while it is stopped
        child.stderr.resume();
      };
      let result: void | Promise<void>;
      try {
        result = onLines(lines);
      } catch (error) {
        failed(error);
        return;
      }
      if (!(result instanceof Promise)) return;
      outstanding += 1;
      if (outstanding >= MAX_OUTSTANDING_BATCHES) {
        child.stdout.pause();
        child.stderr.pause();
      }
      deliveries.push(
        result.then(
          () => {
            outstanding -= 1;
            if (outstanding === MAX_OUTSTANDING_BATCHES - 1 && sinkError === null) {
              child.stdout.resume();
              child.stderr.resume();
            }
          },
          (error: unknown) => {
            outstanding -= 1;
            failed(error);
          }
        )
      );
    };

    const splitters = { stdout: new LineSplitter(), stderr: new LineSplitter() };
    for (const stream of ['stdout', 'stderr'] as const) {
      child[stream].on('data', (chunk: Buffer) => deliver(splitters[stream].push(chunk).map((text) => ({ stream, text }))));
    }

    const onAbort = () => stop('cancelled');
    signal?.addEventListener('abort', onAbort, { once: true });
    const timer = spec.timeoutMs === undefined ? null : setTimeout(() => stop('timed-out'), spec.timeoutMs);

    // The command's own process ended: stop what it left running in its group, which may hold the
    // output pipes open (and would otherwise keep the stage, and the run, waiting).
    child.on('exit', () => {
      if (pgid !== undefined && stopReason === null) stopping = stopGroup(pgid, grace).catch(() => undefined);
    });

    child.on('error', (error) => {
      cleanup();
      reject(new AppError('INTERNAL', `The stage's command could not be started: ${error.message}`, 'Check that /bin/sh exists and the checkout is readable.'));
    });

    child.on('close', (code, exitSignal) => {
      cleanup();
      for (const stream of ['stdout', 'stderr'] as const) deliver(splitters[stream].end().map((text) => ({ stream, text })));
      void Promise.all([stopping, ...deliveries]).then(() => {
        if (sinkError !== null) reject(sinkError);
        else if (stopReason === 'cancelled' || stopReason === 'timed-out') resolve({ kind: stopReason });
        else if (code !== null) resolve({ kind: 'exited', exitCode: code });
        else resolve({ kind: 'signalled', signal: exitSignal ?? 'unknown' });
      });
    });

    function cleanup(): void {
      if (timer) clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
    }
  });
}
