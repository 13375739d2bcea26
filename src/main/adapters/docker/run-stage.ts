// Runs one pipeline stage in a container: the checkout mounted as the working directory, the host
// network, an init as PID 1 (so SIGTERM reaches the command), output streamed line by line, and the
// container removed in every case.
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import type { Readable } from 'node:stream';
import type { ContainerStageRequest, ContainerStageResult, OutputLine } from '../../ports/containers';
import { AppError } from '../../../shared/result';
import { cancelled, toAppError } from './docker-errors';
import type { Engine } from './docker-engine';
import { ensureImage } from './ensure-image';
import { asReadable } from './json-messages';
import { MultiplexedLines } from './output-lines';
import { RUN_LABEL, STAGE_LABEL } from './stage-labels';

export const WORKSPACE = '/workspace';
/** SIGTERM first; SIGKILL after this many seconds. */
const STOP_GRACE_SECONDS = 5;
/** After the command exited, how long its last output may take to arrive. */
const OUTPUT_DRAIN_MS = 5_000;

function containerWorkdir(workdir: string | undefined): string {
  const resolved = path.posix.resolve(WORKSPACE, workdir ?? '.');
  if (resolved !== WORKSPACE && !resolved.startsWith(`${WORKSPACE}/`)) {
    throw new AppError('INVALID_INPUT', `The working directory "${workdir ?? ''}" is outside the checkout.`, 'Give a folder relative to the repository root.');
  }
  return resolved;
}

const nameSafe = (value: string): string => value.replace(/[^a-zA-Z0-9_.-]/g, '-').slice(0, 40);

function drain(stream: Readable, lines: MultiplexedLines): Promise<void> {
  return new Promise((resolve) => {
    stream.on('data', (chunk: Buffer) => lines.push(chunk));
    stream.on('end', resolve);
    stream.on('close', resolve);
    stream.on('error', () => resolve());
  });
}

type Ending = { kind: 'exited'; exitCode: number } | { kind: 'timed-out' } | { kind: 'cancelled' } | { kind: 'failed'; error: unknown };

export async function runStage(
  engine: Engine,
  request: ContainerStageRequest,
  onLine: (line: OutputLine) => void,
  signal?: AbortSignal
): Promise<ContainerStageResult> {
  const what = `Stage ${request.stage}`;
  const context = { endpoint: engine.info.endpoint, what, signal };
  if (signal?.aborted === true) throw cancelled(what);
  await ensureImage(engine, request.image, onLine, signal);
  const workingDir = containerWorkdir(request.workdir);

  let container;
  try {
    container = await engine.docker.createContainer({
      name: `shipdeck-${nameSafe(request.runId)}-${nameSafe(request.stage)}-${randomBytes(3).toString('hex')}`,
      Image: request.image,
      Cmd: [...request.command],
      Env: Object.entries(request.env ?? {}).map(([key, value]) => `${key}=${value}`),
      WorkingDir: workingDir,
      Labels: { [RUN_LABEL]: request.runId, [STAGE_LABEL]: request.stage },
      AttachStdout: true,
      AttachStderr: true,
      Tty: false,
      ...(request.user === undefined ? {} : { User: request.user }),
      HostConfig: { NetworkMode: 'host', Init: true, Binds: [`${path.resolve(request.checkoutDir)}:${WORKSPACE}`] }
    });
  } catch (error) {
    throw toAppError(error, context);
  }

  // Ends the engine requests this stage holds open (attach, wait) whatever happens.
  const requests = new AbortController();
  try {
    const lines = new MultiplexedLines(onLine);
    const attached = asReadable(await container.attach({ stream: true, stdout: true, stderr: true, abortSignal: requests.signal }));
    const output = drain(attached, lines);
    await container.start();
    // After start: the default condition ("not-running") then also answers for a command that already ended.
    const waited = (container.wait({ abortSignal: requests.signal }) as Promise<{ StatusCode: number }>).then(
      (result): Ending => ({ kind: 'exited', exitCode: result.StatusCode }),
      (error: unknown): Ending => ({ kind: 'failed', error })
    );

    let timer: NodeJS.Timeout | undefined;
    let onAbort: (() => void) | undefined;
    const ending = await Promise.race<Ending>([
      waited,
      new Promise<Ending>((resolve) => {
        if (request.timeoutMs !== undefined) timer = setTimeout(() => resolve({ kind: 'timed-out' }), request.timeoutMs);
      }),
      new Promise<Ending>((resolve) => {
        onAbort = () => resolve({ kind: 'cancelled' });
        if (signal?.aborted === true) onAbort();
        else signal?.addEventListener('abort', onAbort, { once: true });
      })
    ]).finally(() => {
      clearTimeout(timer);
      if (onAbort !== undefined) signal?.removeEventListener('abort', onAbort);
    });

    if (ending.kind !== 'exited') {
      await container.stop({ t: STOP_GRACE_SECONDS }).catch(() => undefined);
    }
    await Promise.race([output, new Promise((resolve) => setTimeout(resolve, OUTPUT_DRAIN_MS).unref())]);
    lines.end();
    switch (ending.kind) {
      case 'exited':
        return { outcome: 'exited', exitCode: ending.exitCode };
      case 'timed-out':
        return { outcome: 'timed-out' };
      case 'cancelled':
        throw cancelled(what);
      case 'failed':
        throw ending.error;
    }
  } catch (error) {
    throw toAppError(error, context);
  } finally {
    requests.abort();
    await container.remove({ force: true, v: true }).catch(() => undefined);
  }
}
