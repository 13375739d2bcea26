import { AppError } from '../../../shared/result';

/**
 * Runs `work` with a signal that aborts after `ms` (or when `parent` aborts). A read of the engine or
 * the registry that hangs must not hold up a board or a pre-flight: it rejects TARGET_UNREACHABLE
 * saying what did not answer, or CANCELLED when the caller gave up.
 */
export async function bounded<T>(work: (signal: AbortSignal) => Promise<T>, ms: number, what: string, parent?: AbortSignal): Promise<T> {
  const controller = new AbortController();
  const abortWithParent = () => controller.abort(parent?.reason);
  if (parent?.aborted) throw new AppError('CANCELLED', `Stopped before reading ${what}.`);
  parent?.addEventListener('abort', abortWithParent, { once: true });
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      controller.abort(new Error('timeout'));
      reject(new AppError('TARGET_UNREACHABLE', `${what} did not answer within ${ms / 1000} s.`));
    }, ms);
  });
  const cancelled = new Promise<never>((_, reject) => {
    controller.signal.addEventListener('abort', () => {
      if (parent?.aborted) reject(new AppError('CANCELLED', `Stopped while reading ${what}.`));
    });
  });
  try {
    return await Promise.race([work(controller.signal), timeout, cancelled]);
  } finally {
    clearTimeout(timer);
    parent?.removeEventListener('abort', abortWithParent);
  }
}

/** A failure's message for a sentence (an AppError's own message, or the error's). */
export const problemOf = (error: unknown): string => (error instanceof Error ? error.message : String(error));
