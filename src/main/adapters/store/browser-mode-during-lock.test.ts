// While another process holds the store's write lock, browser mode keeps answering reads over HTTP, a
// write waits (without blocking anything) and completes once the lock is released.
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { makeTempDir, removeDir, TempRepository } from '../git/testing/temp-repository';
import { DATABASE_FILE_NAME } from './sqlite-release-store';
import { startBrowserCore, type BrowserCore } from './testing/browser-core';
import { holdStore, type HeldStore } from './testing/hold-store';

const cleanup: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const step of cleanup.splice(0).reverse()) await step();
});

describe('browser mode while another process holds the write lock', () => {
  it('answers services.list while services.add waits, and completes the add after the release', async () => {
    const dataDir = makeTempDir('shipdeck-lock-data-');
    const repoDir = makeTempDir('shipdeck-lock-repo-');
    cleanup.push(() => removeDir(dataDir), () => removeDir(repoDir));
    TempRepository.init(repoDir).commitFile('README.md', 'hi\n', 'docs: start');

    const app: BrowserCore = await startBrowserCore(dataDir);
    cleanup.push(() => app.close());
    expect(await app.call('services.add', { name: 'api', repoPath: repoDir })).toMatchObject({ ok: true });

    const held: HeldStore = await holdStore(path.join(dataDir, DATABASE_FILE_NAME), 'lock');
    cleanup.push(() => held.release());
    let addSettled = false;
    const add = app.call('services.add', { name: 'web', repoPath: repoDir }).finally(() => (addSettled = true));

    // Give the write time to reach the lock and start waiting on it.
    await new Promise((resolve) => setTimeout(resolve, 300));
    for (let i = 0; i < 20; i++) {
      const listed = await app.call('services.list', {});
      expect(listed).toMatchObject({ ok: true, value: [{ name: 'api' }] });
    }
    expect(addSettled).toBe(false);

    await held.release();
    expect(await add).toMatchObject({ ok: true, value: { name: 'web' } });
    const after = await app.call('services.list', {});
    expect(after.ok && (after.value as { name: string }[]).map((s) => s.name)).toEqual(['api', 'web']);
  });
});
