import path from 'node:path';
import { makeTempDir, removeDir, TempRepository } from '../../src/main/adapters/git/testing/temp-repository';
import { DATABASE_FILE_NAME } from '../../src/main/adapters/store/sqlite-release-store';
import { startBrowserCore } from '../../src/main/adapters/store/testing/browser-core';
import { holdStore } from '../../src/main/adapters/store/testing/hold-store';

export interface Latencies {
  readonly reads: number;
  readonly p50Ms: number;
  readonly p95Ms: number;
  readonly maxMs: number;
}

export interface StoreLockFigures {
  readonly holdMs: number;
  /** services.list while the lock is held and a write waits. */
  readonly duringLock: Latencies;
  /** The same calls just before, with no lock held: the machine's own noise, for comparison. */
  readonly withoutLock: Latencies;
  /**
   * What became of the one services.add that waited: written once the lock was released, or STORE_BUSY
   * when the 10 s a write waits ran out first (the hold is 10 s too, so on a loaded machine either may win).
   */
  readonly write: { readonly outcome: string; readonly settledAfterMs: number };
}

const percentile = (sorted: readonly number[], p: number): number =>
  sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] as number;

function latencies(times: readonly number[]): Latencies {
  const sorted = [...times].sort((a, b) => a - b);
  return { reads: times.length, p50Ms: percentile(sorted, 50), p95Ms: percentile(sorted, 95), maxMs: sorted.at(-1) ?? 0 };
}

/**
 * Browser mode while another process holds SQLite's write lock for `holdMs` (a forked Node process in
 * `BEGIN IMMEDIATE`): `services.list` over HTTP, called back to back during the whole hold, while one
 * `services.add` waits for the lock. Only calls that started and ended while the lock was held count.
 */
export async function storeLock(holdMs = 10_000): Promise<StoreLockFigures> {
  const dataDir = makeTempDir('shipdeck-bench-lock-');
  const repoDir = makeTempDir('shipdeck-bench-lock-repo-');
  TempRepository.init(repoDir).commitFile('README.md', 'hi\n', 'docs: start');
  const app = await startBrowserCore(dataDir);
  try {
    for (let i = 0; i < 20; i++) {
      const added = await app.call('services.add', { name: `svc-${i}`, repoPath: repoDir });
      if (!added.ok) throw new Error(added.error.message);
    }
    const baseline: number[] = [];
    const baselineUntil = performance.now() + holdMs;
    while (performance.now() < baselineUntil) {
      const started = performance.now();
      const listed = await app.call('services.list', {});
      if (!listed.ok) throw new Error(listed.error.message);
      baseline.push(performance.now() - started);
    }
    const held = await holdStore(path.join(dataDir, DATABASE_FILE_NAME), 'lock', holdMs);
    const heldSince = performance.now();
    let released = false;
    held.child.once('message', (message) => {
      if (message === 'released') released = true;
    });
    const add = app.call('services.add', { name: 'waiting', repoPath: repoDir }).then((result) => {
      if (!result.ok && result.error.code !== 'STORE_BUSY') throw new Error(`the waiting write failed: ${result.error.message}`);
      return { outcome: result.ok ? 'written' : result.error.code, settledAfterMs: performance.now() - heldSince };
    });
    const times: number[] = [];
    while (!released) {
      const started = performance.now();
      const listed = await app.call('services.list', {});
      if (!listed.ok) throw new Error(listed.error.message);
      if (!released) times.push(performance.now() - started);
    }
    const write = await add;
    await held.release();
    return { holdMs, duringLock: latencies(times), withoutLock: latencies(baseline), write };
  } finally {
    await app.close();
    removeDir(dataDir);
    removeDir(repoDir);
  }
}
