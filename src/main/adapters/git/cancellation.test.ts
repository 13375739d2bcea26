import { setMaxListeners } from 'node:events';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppError } from '../../../shared/result';
import { createSyntheticRepository } from '../../../../scripts/bench/synthetic-history';
import { createGitPort } from './simple-git-adapter';
import { makeTempDir, removeDir } from './testing/temp-repository';

/** Git processes whose command line contains `marker` (Linux: read from /proc). */
function gitProcessesWith(marker: string): number[] {
  const found: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const commandLine = readFileSync(`/proc/${entry}/cmdline`, 'utf8');
      if (commandLine.startsWith('git\0') && commandLine.includes(marker)) found.push(Number(entry));
    } catch {
      // the process ended while we looked
    }
  }
  return found;
}

const errorOf = (promise: Promise<unknown>): Promise<AppError> => promise.then(() => expect.fail('expected an error'), (error: AppError) => error);

describe.runIf(process.platform === 'linux')('GitRepository cancellation', () => {
  let root: string;
  let repoDir: string;
  let tags: string[];

  beforeAll(async () => {
    root = makeTempDir();
    repoDir = path.join(root, 'big');
    tags = await createSyntheticRepository(repoDir, { commits: 40_000, tagEvery: 10_000 });
  }, 60_000);
  afterAll(() => removeDir(root));

  it('kills git and rejects with CANCELLED when the signal aborts mid-walk', async () => {
    const repository = createGitPort().open(repoDir);
    const marker = `nothing-matches-${Date.now()}`;
    // The full walk, for scale: a --grep that matches nothing reads every commit.
    const fullStarted = performance.now();
    await expect(repository.commits({ text: marker, offset: 0, limit: 10 })).resolves.toMatchObject({ commits: [] });
    const fullMs = performance.now() - fullStarted;

    const controller = new AbortController();
    const started = performance.now();
    const pending = repository.commits({ text: marker, offset: 0, limit: 10 }, controller.signal);
    setTimeout(() => {
      expect(gitProcessesWith(marker)).toHaveLength(1); // git is running, and is what gets stopped
      controller.abort();
    }, 8);
    const error = await errorOf(pending);
    const cancelledMs = performance.now() - started;
    expect(error.code).toBe('CANCELLED');
    expect(gitProcessesWith(marker)).toEqual([]);
    expect(cancelledMs).toBeLessThan(Math.max(fullMs / 2, 30));
  });

  it('rejects at once, starting nothing, when the signal has already aborted', async () => {
    const repository = createGitPort().open(repoDir);
    const controller = new AbortController();
    controller.abort();
    expect((await errorOf(repository.tags(controller.signal))).code).toBe('CANCELLED');
    expect((await errorOf(repository.compare(tags[0] ?? '', tags[3] ?? '', 100_000, controller.signal))).code).toBe('CANCELLED');
  });

  it('cancels calls still waiting for a process slot, and the others finish', async () => {
    const repository = createGitPort().open(repoDir);
    const controller = new AbortController();
    setMaxListeners(30, controller.signal); // ten calls share it on purpose
    const marker = `queued-${Date.now()}`;
    const calls = Array.from({ length: 10 }, () => repository.commits({ text: marker, offset: 0, limit: 1 }, controller.signal));
    const other = repository.branches();
    setTimeout(() => controller.abort(), 5);
    const results = await Promise.allSettled(calls);
    expect(results.every((result) => result.status === 'rejected' && (result.reason as AppError).code === 'CANCELLED')).toBe(true);
    expect(gitProcessesWith(marker)).toEqual([]);
    await expect(other).resolves.toHaveLength(1);
  });
});
