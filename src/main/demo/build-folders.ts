import { randomBytes } from 'node:crypto';
import { readdir, rm, stat } from 'node:fs/promises';
import path from 'node:path';

/**
 * A demo build is made in a hidden sibling of its target and renamed into place. A killed build leaves
 * that folder behind; these helpers name build folders so that a later open can tell a live build from
 * a dead one.
 *
 * Name: `.<target>.building-p<pid>-t<start ms>-<random>`. A folder is stale when
 * - it is older than STALE_AFTER_MS (a build takes seconds; this also covers a pid reused by an unrelated
 *   process that stays alive), or
 * - its pid is our own but the folder is older than this process (containers reuse pids across runs), or
 * - no process with its pid exists.
 * A folder with the prefix but another shape (an older version's name) is stale once its mtime is older
 * than STALE_AFTER_MS. Anything else is left alone.
 */
export const STALE_AFTER_MS = 24 * 60 * 60 * 1000;

const buildPrefix = (target: string): string => `.${path.basename(target)}.building-`;
const NAME_PATTERN = /^p(\d+)-t(\d+)-[0-9a-f]+$/;

/** The path of a new build folder for `target`, owned by this process. */
export function newBuildFolder(target: string, now = Date.now()): string {
  const name = `${buildPrefix(target)}p${process.pid}-t${now}-${randomBytes(4).toString('hex')}`;
  return path.join(path.dirname(target), name);
}

/** Removes the stale build folders beside `target`; best effort, never throws. */
export async function removeStaleBuilds(target: string, now = Date.now()): Promise<string[]> {
  const parent = path.dirname(target);
  const prefix = buildPrefix(target);
  const removed: string[] = [];
  for (const name of await readdir(parent).catch(() => [])) {
    if (!name.startsWith(prefix)) continue;
    const folder = path.join(parent, name);
    try {
      if (!(await isStale(folder, name.slice(prefix.length), now))) continue;
      await rm(folder, { recursive: true, force: true });
      removed.push(folder);
    } catch {
      // Gone already, or locked (Windows): the next open tries again.
    }
  }
  return removed;
}

async function isStale(folder: string, suffix: string, now: number): Promise<boolean> {
  const match = NAME_PATTERN.exec(suffix);
  if (!match) return now - (await stat(folder)).mtimeMs > STALE_AFTER_MS;
  const pid = Number(match[1]);
  const startedAt = Number(match[2]);
  if (now - startedAt > STALE_AFTER_MS) return true;
  if (pid === process.pid) return startedAt < processStartedAt();
  return !isRunning(pid);
}

/** When this process started, with a second of slack for clock rounding. */
function processStartedAt(): number {
  return Date.now() - process.uptime() * 1000 - 1000;
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM'; // alive, owned by someone else
  }
}
