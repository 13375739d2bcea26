import { AppError } from '../../../shared/result';

/**
 * At most `size` git processes at once for one repository (what simple-git's scheduler gave a shared
 * instance). Shared by every call of a runner, including the per-call instances that carry a signal; a
 * call that is cancelled while it waits for a slot leaves the queue at once.
 */
export class ProcessSlots {
  private running = 0;
  private readonly waiting: (() => void)[] = [];

  constructor(private readonly size: number) {}

  async acquire(signal: AbortSignal | undefined): Promise<() => void> {
    if (signal?.aborted) throw cancelled();
    if (this.running >= this.size) {
      await new Promise<void>((resolve, reject) => {
        const grant = () => {
          signal?.removeEventListener('abort', leave);
          resolve();
        };
        const leave = () => {
          const at = this.waiting.indexOf(grant);
          if (at >= 0) this.waiting.splice(at, 1);
          reject(cancelled());
        };
        signal?.addEventListener('abort', leave, { once: true });
        this.waiting.push(grant);
      });
      // The slot was handed over by release(): `running` already counts it.
    } else {
      this.running++;
    }
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const next = this.waiting.shift();
      if (next) next();
      else this.running--;
    };
  }
}

/** The error every git call rejects with once its signal has aborted. */
export const cancelled = (): AppError => new AppError('CANCELLED', 'The git command was cancelled before it finished.');
