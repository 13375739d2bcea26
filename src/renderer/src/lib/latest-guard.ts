/**
 * Guards against stale responses: every request takes a ticket, and only the holder of the newest
 * ticket may apply its result. A slow answer to an old search can then never overwrite a newer one.
 */
export interface LatestGuard {
  /** Starts a request; the returned ticket is the only current one until next() or invalidate(). */
  next(): number;
  /** The ticket of the request in flight (or of the last one). */
  current(): number;
  isCurrent(ticket: number): boolean;
  /** Makes every ticket handed out so far stale (e.g. when the user switches service). */
  invalidate(): void;
}

export function createLatestGuard(): LatestGuard {
  let latest = 0;
  return {
    next: () => ++latest,
    current: () => latest,
    isCurrent: (ticket) => ticket === latest,
    invalidate: () => {
      latest++;
    }
  };
}

/**
 * Runs `request` under the guard and hands its value to `apply` only if no newer request started
 * meanwhile. Resolves to whether the result was applied.
 */
export async function runLatest<T>(
  guard: LatestGuard,
  request: () => Promise<T>,
  apply: (value: T) => void
): Promise<boolean> {
  const ticket = guard.next();
  const value = await request();
  if (!guard.isCurrent(ticket)) return false;
  apply(value);
  return true;
}
