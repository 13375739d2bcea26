// Turns what dockerode and the engine throw into AppErrors a person can act on.
import { AppError, type ErrorCode } from '../../../shared/result';

const UNREACHABLE_CODES = new Set(['ECONNREFUSED', 'ENOENT', 'ECONNRESET', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'EPIPE']);

interface EngineErrorShape {
  readonly code?: unknown;
  readonly statusCode?: unknown;
  readonly json?: unknown;
  readonly message?: unknown;
  readonly name?: unknown;
}

function shape(error: unknown): EngineErrorShape {
  return typeof error === 'object' && error !== null ? (error as EngineErrorShape) : {};
}

/** The engine's own message ("No such image: x") when it sent one, else the error's. */
export function engineMessage(error: unknown): string {
  const { json, message } = shape(error);
  if (typeof json === 'object' && json !== null && typeof (json as { message?: unknown }).message === 'string') {
    return (json as { message: string }).message;
  }
  if (typeof message === 'string') return message.replace(/^\(HTTP code \d+\) [^-]*- /, '').trim();
  return String(error);
}

export function statusCodeOf(error: unknown): number | undefined {
  const { statusCode } = shape(error);
  return typeof statusCode === 'number' ? statusCode : undefined;
}

export function isAbort(error: unknown): boolean {
  const { name, code } = shape(error);
  return name === 'AbortError' || code === 'ABORT_ERR';
}

export function unreachable(endpoint: string, cause?: unknown): AppError {
  const code = shape(cause).code;
  if (code === 'EACCES') {
    return new AppError(
      'DOCKER_UNREACHABLE',
      `Permission denied on the Docker engine socket at ${endpoint}.`,
      'Add your user to the `docker` group (then log in again), or point DOCKER_HOST at an engine you may use.'
    );
  }
  return new AppError(
    'DOCKER_UNREACHABLE',
    `Docker engine unreachable at ${endpoint} — start Docker (Docker Desktop, or \`dockerd\`).`,
    'Shipdeck uses the local Docker socket, or DOCKER_HOST when it is set.'
  );
}

/** dockerode's options object for a signal (no key at all when there is none). */
export function abortable(signal: AbortSignal | undefined): { abortSignal?: AbortSignal } {
  return signal === undefined ? {} : { abortSignal: signal };
}

export function cancelled(what: string): AppError {
  return new AppError('CANCELLED', `${what} was cancelled.`);
}

/**
 * Maps any error of an engine call: a cancelled signal → CANCELLED, a dead connection → DOCKER_UNREACHABLE,
 * an AppError as is, anything else → `fallback` with the engine's message after `what`.
 */
export function toAppError(error: unknown, context: { endpoint: string; what: string; signal?: AbortSignal | undefined; fallback?: ErrorCode }): AppError {
  if (error instanceof AppError) return error;
  if (context.signal?.aborted === true || isAbort(error)) return cancelled(context.what);
  const { code } = shape(error);
  if (typeof code === 'string' && (UNREACHABLE_CODES.has(code) || code === 'EACCES')) return unreachable(context.endpoint, error);
  return new AppError(context.fallback ?? 'DOCKER_FAILED', `${context.what} failed: ${engineMessage(error)}`);
}
