import { mkdir, readdir, rename, rm, rmdir } from 'node:fs/promises';
import path from 'node:path';
import { AppError } from '../../shared/result';
import { fastImport } from '../adapters/git/fast-import';
import { runGit } from '../adapters/git/git-runner';
import { createGitPort } from '../adapters/git/simple-git-adapter';
import { newBuildFolder, removeStaleBuilds } from './build-folders';
import { demoFastImportCommands } from './demo-fast-import';
import type { DemoEvent } from './demo-history-writer';
import { generateDemoHistory } from './demo-history';

export interface CreateDemoOptions {
  /** The history ends shortly before this moment. */
  readonly now: Date;
  /** `completed` of `total` counts the whole job: init, each commit written, checkout, move. */
  readonly onProgress?: (step: string, completed: number, total: number) => void;
}

type Readiness = 'ready' | 'absent' | 'empty-folder';

/** Whether a usable repository is already at `target`; refuses to touch a folder that has anything else. */
async function readiness(target: string, again = true): Promise<Readiness> {
  try {
    await createGitPort().open(target).check();
    return 'ready';
  } catch (error) {
    if (error instanceof AppError && error.code === 'PATH_NOT_FOUND') return 'absent';
    const entries = await readdir(target).catch(() => null);
    if (entries !== null && entries.length === 0) return 'empty-folder';
    // A concurrent run may have renamed its repository onto the folder while git was starting in it.
    if (again) return readiness(target, false);
    throw new AppError(
      'ALREADY_EXISTS',
      `"${target}" already exists and is not a git repository with commits; Shipdeck will not overwrite it.`,
      'Move or delete that folder, then open the demo again.'
    );
  }
}

/** Passes the commands through, reporting each commit as it goes by. */
function* reportingCommits(events: readonly DemoEvent[], onCommit: (count: number) => void): Generator<string | Buffer> {
  let commits = 0;
  for (const event of events) {
    yield* demoFastImportCommands([event]);
    if (event.kind === 'commit' && ++commits % 20 === 0) onCommit(commits);
  }
  onCommit(commits);
}

/**
 * Creates the demo repository (shop-api, see generateDemoHistory) at `targetDir`, with main checked out.
 * Atomic: the repository is built in a hidden sibling folder and renamed into place, so a crash never
 * leaves a half-made demo at `targetDir`. Does nothing when a repository is already there, and when
 * another process wins the race to create it, keeps that one.
 */
export async function createDemoRepository(targetDir: string, options: CreateDemoOptions): Promise<void> {
  const target = path.resolve(targetDir);
  // On every open, not only when building: a killed build's folder would otherwise stay forever.
  await removeStaleBuilds(target);
  if ((await readiness(target)) === 'ready') return;

  const history = generateDemoHistory({ now: options.now });
  const total = history.commitCount + 3;
  const report = (step: string, completed: number): void => options.onProgress?.(step, completed, total);

  await mkdir(path.dirname(target), { recursive: true });
  // Not mkdtemp: its 0700 mode would stay on the repository after the rename.
  const building = newBuildFolder(target);
  await mkdir(building);
  try {
    report('Creating the repository', 0);
    await runGit(building, ['init', '--quiet', '--initial-branch=main']);
    report('Writing the history', 1);
    await fastImport(building, reportingCommits(history.events, (count) => report('Writing the history', 1 + count)));
    report('Checking out main', 1 + history.commitCount);
    await runGit(building, ['checkout', '--quiet', '--force', 'main']);
    report('Moving the repository into place', 2 + history.commitCount);
    await moveIntoPlace(building, target);
    report('Done', total);
  } catch (error) {
    await rm(building, { recursive: true, force: true });
    throw error;
  }
}

/**
 * Renames the finished build to `target`. POSIX rename replaces an empty folder atomically; Windows
 * refuses, so there the empty folder is removed first and the rename tried once more.
 */
async function moveIntoPlace(building: string, target: string): Promise<void> {
  for (let attempt = 0; ; attempt++) {
    try {
      await rename(building, target);
      return;
    } catch (error) {
      const entries = await readdir(target).catch(() => null);
      if (attempt === 0 && entries !== null && entries.length === 0) {
        await rmdir(target).catch(() => undefined);
        continue;
      }
      // Another process may have finished first; its repository is as good as ours.
      if ((await readiness(target).catch(() => 'absent')) !== 'ready') throw error;
      await rm(building, { recursive: true, force: true });
      return;
    }
  }
}
