/** How long a watch waits before its next attempt: exponential, capped, with jitter so watches that failed together do not retry together. */
export interface BackoffSettings {
  readonly initialMs: number;
  readonly maxMs: number;
}

export const DEFAULT_BACKOFF: BackoffSettings = { initialMs: 1000, maxMs: 30_000 };

/** The delay before attempt `failures` (1 = after the first failure): between half and all of initial × 2^(failures−1), capped at max. */
export function backoffDelayMs(failures: number, settings: BackoffSettings, random: () => number = Math.random): number {
  const ceiling = Math.min(settings.maxMs, settings.initialMs * 2 ** Math.max(0, failures - 1));
  return Math.round(ceiling / 2 + (ceiling / 2) * random());
}
