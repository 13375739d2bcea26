/**
 * The timers a release service keeps (a canary's pause, a blue-green idle colour's hold): injectable so
 * tests decide when they fire, and all stopped at once when the service closes.
 */

export interface ReleaseTimers {
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

/** Node's timers, unreferenced: a pause that is still counting must not keep a finished CLI alive. */
export const nodeTimers: ReleaseTimers = {
  setTimeout: (callback, ms) => setTimeout(callback, ms).unref(),
  clearTimeout: (handle) => clearTimeout(handle as NodeJS.Timeout)
};

export interface TimerSet {
  /** Calls `callback` after `ms` (at once for 0 or less) unless disarmed or cleared first. */
  arm(ms: number, callback: () => void): unknown;
  disarm(handle: unknown): void;
  clear(): void;
}

export function timerSet(timers: ReleaseTimers): TimerSet {
  const armed = new Set<unknown>();
  return {
    arm(ms, callback) {
      const handle: unknown = timers.setTimeout(() => {
        armed.delete(handle);
        callback();
      }, Math.max(0, ms));
      armed.add(handle);
      return handle;
    },
    disarm(handle) {
      if (!armed.delete(handle)) return;
      timers.clearTimeout(handle);
    },
    clear() {
      for (const handle of armed) timers.clearTimeout(handle);
      armed.clear();
    }
  };
}
