import { AppError, type AppErrorData } from '../../shared/result';

/** Turns anything a handler threw into the envelope's error: AppErrors keep their code, the rest is INTERNAL. */
export function toErrorData(error: unknown, what: string, signal?: AbortSignal): AppErrorData {
  if (error instanceof AppError) return error.toData();
  if (signal?.aborted) {
    return { code: 'CANCELLED', message: `${what} was cancelled before it finished.` };
  }
  console.error(`[shipdeck] ${what} failed unexpectedly:`, error);
  return {
    code: 'INTERNAL',
    message: `Shipdeck hit an unexpected error in ${what}: ${error instanceof Error ? error.message : String(error)}`,
    hint: 'The rest of the app still works. If it happens again, the log has the details.'
  };
}
