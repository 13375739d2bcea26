/**
 * Branch watches: when a service's watch is on, each new commit on the branch starts a run. No timer:
 * the repository's git folder is watched with fs.watch (a branch moves by rewriting its ref file, or
 * packed-refs), debounced, then the branch is resolved; a commit not seen before starts a run. A check at
 * start catches commits made while Shipdeck was closed (the branch's head is not the last run's commit).
 */
import { watch, type FSWatcher } from 'node:fs';
import { stat } from 'node:fs/promises';
import path from 'node:path';
import type { Service } from '../../../shared/domain/workspace';
import type { ReleaseStore } from '../../ports/store';
import type { WorktreePort } from '../../ports/worktrees';
import type { RunManager } from './run-manager';

const DEBOUNCE_MS = 300;

export interface BranchWatcher {
  /** Applies the service's setting now (start, change or stop its watch). */
  refresh(service: string): Promise<void>;
  close(): void;
}

interface Watching {
  readonly branch: string;
  readonly watchers: readonly FSWatcher[];
  lastSeen: string | null;
  timer: NodeJS.Timeout | null;
}

/** The folders whose changes can move a branch: the git folder (packed-refs, HEAD) and the ref's folder. */
async function foldersToWatch(repoPath: string, branch: string): Promise<string[]> {
  const gitDir = path.join(repoPath, '.git');
  const isDir = await stat(gitDir).then((s) => s.isDirectory(), () => false);
  if (!isDir) return [];
  const refFolder = path.dirname(path.join(gitDir, 'refs', 'heads', branch));
  const exists = await stat(refFolder).then((s) => s.isDirectory(), () => false);
  return exists ? [gitDir, refFolder] : [gitDir];
}

export function createBranchWatcher(
  store: ReleaseStore,
  worktrees: Pick<WorktreePort, 'resolveCommit'>,
  runs: Pick<RunManager, 'start'>,
  onError: (service: string, error: unknown) => void = (service, error) => console.error(`[shipdeck] branch watch of ${service}:`, error)
): BranchWatcher {
  const watching = new Map<string, Watching>();

  const check = async (service: Service, entry: Watching) => {
    const head = await worktrees.resolveCommit(service.repoPath, entry.branch).catch(() => null);
    if (head === null || head === entry.lastSeen) return;
    entry.lastSeen = head;
    await runs.start(service.name, entry.branch, `watch:${entry.branch}`).catch((error: unknown) => onError(service.name, error));
  };

  const stop = (name: string) => {
    const entry = watching.get(name);
    if (!entry) return;
    if (entry.timer) clearTimeout(entry.timer);
    for (const watcher of entry.watchers) watcher.close();
    watching.delete(name);
  };

  const refresh = async (name: string): Promise<void> => {
    const service = store.workspace.findService(name);
    const branch = service ? store.runs.branchWatch(name) : null;
    const current = watching.get(name);
    if (current && current.branch === branch) return;
    stop(name);
    if (!service || branch === null) return;
    const latest = store.runs.listRuns(name, { limit: 1 }).items[0];
    const entry: Watching = { branch, watchers: [], lastSeen: latest?.commitSha ?? null, timer: null };
    const onChange = () => {
      if (entry.timer) clearTimeout(entry.timer);
      entry.timer = setTimeout(() => {
        entry.timer = null;
        void check(service, entry);
      }, DEBOUNCE_MS);
    };
    const watchers: FSWatcher[] = [];
    for (const folder of await foldersToWatch(service.repoPath, branch)) {
      try {
        watchers.push(watch(folder, { persistent: false }, onChange));
      } catch (error) {
        onError(name, error);
      }
    }
    Object.assign(entry, { watchers });
    watching.set(name, entry);
    await check(service, entry);
  };

  return {
    refresh,
    close: () => [...watching.keys()].forEach(stop)
  };
}
