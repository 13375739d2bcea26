// Health of an instance: GET its health path on 127.0.0.1:hostPort until it answers 200. While waiting,
// the container's state is read on every try, so one that exits (or is restarting after a crash) fails at
// once instead of at the timeout; the failure ends with the container's last log lines.
import http from 'node:http';
import type { Instance, WaitHealthyOptions } from '../../ports/environment-runtime';
import { AppError } from '../../../shared/result';
import { cancelled } from './docker-errors';
import { isAborted } from './environment-runtime-errors';
import type { Engine } from './docker-engine';
import { inspectInstance } from './environment-runtime-instances';
import { publishedPort } from './environment-runtime-labels';
import { lastLogLines } from './environment-runtime-logs';

/** One try may take this long: a service that is up answers a health path in far less. */
const TRY_TIMEOUT_MS = 1_000;
const TRY_INTERVAL_MS = 150;
const LOG_LINES_IN_ERROR = 20;

export type ProbeOutcome = { readonly healthy: true } | { readonly healthy: false; readonly detail: string };

/** One GET of `http://127.0.0.1:<hostPort><path>`; a fresh connection each time (no keep-alive to a dying instance). */
export function probeOnce(hostPort: number, healthPath: string, timeoutMs: number): Promise<ProbeOutcome> {
  return new Promise((resolve) => {
    const request = http.get({ host: '127.0.0.1', port: hostPort, path: healthPath, agent: false, timeout: timeoutMs }, (response) => {
      response.resume();
      const status = response.statusCode ?? 0;
      resolve(status === 200 ? { healthy: true } : { healthy: false, detail: `answered ${status}` });
    });
    request.on('timeout', () => {
      request.destroy();
      resolve({ healthy: false, detail: `no answer within ${timeoutMs} ms` });
    });
    request.on('error', (error: NodeJS.ErrnoException) => resolve({ healthy: false, detail: error.code === 'ECONNREFUSED' ? 'connection refused' : error.message }));
  });
}

function pause(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(done, ms);
    function done(): void {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    }
    signal?.addEventListener('abort', done, { once: true });
  });
}

const seconds = (ms: number): string => `${Math.round(ms / 100) / 10} s`;

async function unhealthy(engine: Engine, instance: Instance, summary: string, healthPath: string): Promise<AppError> {
  const lines = await lastLogLines(engine, instance.id, LOG_LINES_IN_ERROR).catch(() => []);
  const logs = lines.length === 0 ? '(it wrote no log lines)' : lines.join('\n');
  return new AppError(
    'INSTANCE_UNHEALTHY',
    `Instance ${instance.name} ${summary}. Its last ${LOG_LINES_IN_ERROR} log lines:\n${logs}`,
    `Check that it listens on 0.0.0.0:$PORT (PORT=${instance.containerPort}) and answers 200 on ${healthPath} once it can take traffic.`
  );
}

export async function waitHealthy(engine: Engine, instance: Instance, options: WaitHealthyOptions): Promise<void> {
  const { healthPath, timeoutMs, signal } = options;
  const what = `Waiting for ${instance.name} to answer ${healthPath}`;
  const deadline = Date.now() + timeoutMs;
  const first = await inspectInstance(engine, instance.id);
  const restartsBefore = first?.RestartCount ?? 0;
  let tries = 0;
  let last = 'no try made';
  let target = `GET http://127.0.0.1:${instance.hostPort ?? '?'}${healthPath}`;
  for (;;) {
    if (isAborted(signal)) throw cancelled(what);
    const container = tries === 0 ? first : await inspectInstance(engine, instance.id);
    if (container === null) throw await unhealthy(engine, instance, `was removed before ${target} answered 200 (${tries} tries; last: ${last})`, healthPath);
    const restarts = container.RestartCount ?? 0;
    const state = container.State;
    if (!['running', 'created'].includes(state.Status) || restarts > restartsBefore) {
      const how = state.Status === 'restarting' || restarts > restartsBefore ? `exited (code ${state.ExitCode ?? '?'}) and is being restarted` : `is ${state.Status} (exit code ${state.ExitCode ?? '?'})`;
      throw await unhealthy(engine, instance, `${how} — ${target} never answered 200 (${tries} tries; last: ${last})`, healthPath);
    }
    const hostPort = publishedPort(container, instance.containerPort);
    if (hostPort !== null) {
      target = `GET http://127.0.0.1:${hostPort}${healthPath}`;
      const outcome = await probeOnce(hostPort, healthPath, Math.max(50, Math.min(TRY_TIMEOUT_MS, deadline - Date.now())));
      tries += 1;
      if (outcome.healthy) return;
      last = outcome.detail;
    }
    if (isAborted(signal)) throw cancelled(what);
    const remaining = deadline - Date.now();
    if (remaining <= 0) {
      throw await unhealthy(engine, instance, `did not answer ${target} with 200 within ${seconds(timeoutMs)} (${tries} tries; last: ${last})`, healthPath);
    }
    await pause(Math.min(TRY_INTERVAL_MS, remaining), signal);
  }
}

/** One health probe against the published port the instance had when it was read. */
export async function probe(instance: Instance, healthPath: string, timeoutMs: number): Promise<boolean> {
  if (instance.hostPort === null) return false;
  return (await probeOnce(instance.hostPort, healthPath, timeoutMs)).healthy;
}
