// The errors an environment's runtime speaks (see ports/environment-runtime.ts): an engine that does not
// answer is the environment's target being unreachable; a taken host port and a missing image get their
// own codes, so the release can say exactly what to fix.
import { AppError } from '../../../shared/result';
import { engineMessage } from './docker-errors';

const PORT_TAKEN = /address already in use|port is already allocated/i;
const NO_SUCH_IMAGE = /no such image/i;

export function isPortTaken(error: unknown): boolean {
  return PORT_TAKEN.test(engineMessage(error));
}

export function isNoSuchImage(error: unknown): boolean {
  return NO_SUCH_IMAGE.test(engineMessage(error));
}

export function portInUse(hostPort: number, error: unknown): AppError {
  return new AppError(
    'PORT_IN_USE',
    `Port 127.0.0.1:${hostPort} is already taken, so the instance could not be published: ${engineMessage(error)}`,
    'Another program (or container) holds it; Shipdeck picks a free port on each try — run the step again.'
  );
}

/** A bare `sha256:` image ID cannot be pulled from anywhere; a `repo@sha256:` or `repo:tag` can. */
export function isLocalImageId(reference: string): boolean {
  return /^(sha256:)?[0-9a-f]{64}$/i.test(reference);
}

export function imageNotFound(reference: string, detail?: string): AppError {
  const where = isLocalImageId(reference) ? 'is not in the local Docker engine' : 'is neither in the local Docker engine nor pullable';
  return new AppError(
    'IMAGE_NOT_FOUND',
    `The image ${reference} ${where} — it may have been pruned.${detail === undefined ? '' : ` (${detail})`}`,
    'Deploy an artifact that still exists, or rebuild this one (its commit) and deploy the new digest.'
  );
}

/** The engine's DOCKER_UNREACHABLE (same words: where it looked, start Docker) as the port's TARGET_UNREACHABLE. */
export function asRuntimeError(error: unknown): unknown {
  if (error instanceof AppError && error.code === 'DOCKER_UNREACHABLE') return new AppError('TARGET_UNREACHABLE', error.message, error.hint);
  return error;
}

/** A function, not an inline check: TypeScript would otherwise keep an earlier `aborted` narrowing across awaits. */
export function isAborted(signal: AbortSignal | undefined): boolean {
  return signal?.aborted === true;
}
