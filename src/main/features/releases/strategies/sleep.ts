/** Waiting inside a strategy (a drain, a controller catching up), stopped by the run's signal. */
import { AppError } from '../../../../shared/result';

export type Sleep = (ms: number, signal?: AbortSignal) => Promise<void>;

export const sleepFor: Sleep = (ms, signal) =>
  new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(new AppError('CANCELLED', 'stopped while waiting'));
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(new AppError('CANCELLED', 'stopped while waiting'));
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
