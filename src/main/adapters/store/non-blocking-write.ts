import type Database from 'better-sqlite3';
import { AppError } from '../../../shared/result';

const isBusy = (error: unknown): boolean => {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && code.startsWith('SQLITE_BUSY');
};

/**
 * Runs write transactions without ever blocking the event loop on another process's lock. SQLite's
 * busy_timeout waits synchronously (the whole server would stall with it), so each attempt is made
 * with a zero timeout and a busy answer is retried on a timer until `timeoutMs` has passed; then the
 * user gets STORE_BUSY. Meanwhile every other request, reads included (WAL), keeps being answered.
 * A caller that gives up (its signal aborts) stops waiting at the next attempt.
 */
export function createWriter(db: Database.Database, timeoutMs: number) {
  const readTimeout = Number(db.pragma('busy_timeout', { simple: true }));
  const attempt = <T>(work: () => T): T => {
    db.pragma('busy_timeout = 0');
    try {
      return work();
    } finally {
      db.pragma(`busy_timeout = ${readTimeout}`);
    }
  };
  return async <T>(work: () => T, signal?: AbortSignal): Promise<T> => {
    const deadline = Date.now() + timeoutMs;
    for (let delay = 2; ; delay = Math.min(delay * 2, 50)) {
      if (signal?.aborted) {
        throw new AppError('CANCELLED', 'The change was cancelled while it waited for the release store; nothing was written.');
      }
      try {
        return attempt(work);
      } catch (error) {
        if (!isBusy(error)) throw error;
        if (Date.now() + delay > deadline) {
          throw new AppError(
            'STORE_BUSY',
            'Another Shipdeck process kept the release store busy for too long.',
            'Wait for it to finish (or close it) and try again.'
          );
        }
        await new Promise((resolve) => setTimeout(resolve, delay));
      }
    }
  };
}
