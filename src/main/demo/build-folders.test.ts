import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync, utimesSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTempDir, removeDir } from '../adapters/git/testing/temp-repository';
import { newBuildFolder, removeStaleBuilds, STALE_AFTER_MS } from './build-folders';

/** The pid of a process that has already exited. */
function deadPid(): number {
  const child = spawnSync(process.execPath, ['-e', '']);
  if (child.pid === undefined) throw new Error('could not start a process');
  return child.pid;
}

describe('demo build folders', () => {
  let root: string;
  let target: string;
  let live: ChildProcess;
  const folder = (suffix: string): string => {
    const made = path.join(root, `.shop-api.building-${suffix}`);
    mkdirSync(made);
    return path.basename(made);
  };

  beforeAll(() => {
    root = makeTempDir('shipdeck-build-folders-');
    target = path.join(root, 'shop-api');
    live = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 60_000)'], { stdio: 'ignore' });
  });
  afterAll(() => {
    live.kill();
    removeDir(root);
  });

  it('names a new folder after this process and the time, beside the target', () => {
    const made = newBuildFolder(target, 1_700_000_000_000);
    expect(path.dirname(made)).toBe(root);
    expect(path.basename(made)).toMatch(new RegExp(`^\\.shop-api\\.building-p${process.pid}-t1700000000000-[0-9a-f]{8}$`));
  });

  it('removes folders of dead, earlier or too-old builds and keeps live builds and unrelated folders', async () => {
    const now = Date.now();
    const livePid = live.pid ?? 0;
    const kept = [
      folder(`p${livePid}-t${now - 60_000}-aaaa`), // another live process, a minute into its build
      folder(`p${process.pid}-t${now}-bbbb`), // a concurrent build in this very process
      folder('12345-cccc'), // an older version's name, recent
      path.basename(path.join(root, 'shop-api'))
    ];
    mkdirSync(target);
    const oldStyle = folder('54321-dddd');
    const old = new Date(now - STALE_AFTER_MS - 60_000);
    utimesSync(path.join(root, oldStyle), old, old);
    const stale = [
      folder(`p${deadPid()}-t${now - 1000}-eeee`), // its process is gone
      folder(`p${livePid}-t${now - STALE_AFTER_MS - 1000}-ffff`), // pid alive (maybe reused) but a day old
      folder(`p${process.pid}-t${Math.round(now - process.uptime() * 1000 - 60_000)}-abcd`), // our pid, an earlier process
      oldStyle
    ];

    const removed = await removeStaleBuilds(target, now);

    expect(removed.map((made) => path.basename(made)).sort()).toEqual([...stale].sort());
    expect(readdirSync(root).sort()).toEqual([...kept].sort());
  });

  it('does nothing when the parent folder does not exist', async () => {
    await expect(removeStaleBuilds(path.join(root, 'missing', 'shop-api'))).resolves.toEqual([]);
  });
});
