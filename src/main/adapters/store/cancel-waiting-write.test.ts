// A write waiting for another process's lock stops waiting when its caller gives up, and writes nothing.
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DATABASE_FILE_NAME, openReleaseStore } from './sqlite-release-store';
import { holdStore } from './testing/hold-store';
import { audit, newService, useTempDirs } from './testing/temp-store';

const tempDir = useTempDirs('shipdeck-cancel-write-');
const cleanup: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const step of cleanup.splice(0).reverse()) await step();
});

describe('a write waiting on the lock', () => {
  it('is cancelled by its signal: CANCELLED, and nothing is written once the lock is free', async () => {
    const dir = tempDir();
    const store = openReleaseStore(dir);
    cleanup.push(() => store.close());
    const held = await holdStore(path.join(dir, DATABASE_FILE_NAME), 'lock');
    cleanup.push(() => held.release());

    const controller = new AbortController();
    const adding = store.workspace.addService(newService('api'), audit('service.add'), controller.signal);
    const outcome = adding.then(
      () => 'written',
      (error: { code?: string }) => error.code
    );
    await new Promise((resolve) => setTimeout(resolve, 200));
    controller.abort();
    expect(await outcome).toBe('CANCELLED');

    await held.release();
    expect(store.workspace.listServices()).toEqual([]);
    expect(store.audit.list(10)).toEqual([]);
    // The same write without a signal goes through once the lock is free.
    await expect(store.workspace.addService(newService('api'), audit('service.add'))).resolves.toMatchObject({ name: 'api' });
  });
});
