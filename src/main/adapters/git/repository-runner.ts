import { stat } from 'node:fs/promises';
import path from 'node:path';
import { AppError } from '../../../shared/result';
import { createGitRunner, type GitRun } from './git-runner';

export interface RepositoryRunner {
  /** Absolute, normalised path of the repository as the user gave it. */
  readonly path: string;
  readonly run: GitRun;
}

async function assertFolder(folder: string): Promise<void> {
  const stats = await stat(folder).catch(() => null);
  if (stats === null) {
    throw new AppError('PATH_NOT_FOUND', `The folder "${folder}" does not exist.`, 'Check the path, or choose another folder.');
  }
  if (!stats.isDirectory()) {
    throw new AppError('NOT_A_REPOSITORY', `"${folder}" is a file, not a git repository.`, 'Choose the repository folder.');
  }
}

interface Enclosing {
  readonly topLevel: string;
  /** True when the folder is part of the enclosing repository's checked-out tree. */
  readonly tracked: boolean;
}

/** The repository a folder sits inside of, found the way git normally finds it (searching upwards). */
async function findEnclosingRepository(folder: string): Promise<Enclosing | null> {
  const run = createGitRunner(folder);
  try {
    const [topLevel = '', prefix = ''] = (await run(['rev-parse', '--show-toplevel', '--show-prefix'])).stdout.split('\n');
    if (topLevel === '' || prefix === '') return null;
    const tree = await run(['rev-parse', '--verify', '--quiet', '--end-of-options', `HEAD:${prefix}`], { okExitCodes: [1] });
    return { topLevel, tracked: tree.exitCode === 0 };
  } catch {
    return null;
  }
}

/**
 * Runs git for one repository path. Git looks for the repository in the folder itself only
 * (GIT_CEILING_DIRECTORIES is its parent), so a stray folder that happens to sit inside another
 * repository — a temp folder, an ignored build folder — is reported as not a repository instead of
 * silently showing the outer repository's history. A folder that is part of an enclosing repository's
 * tree (a service folder in a monorepo) is accepted, as git itself accepts it.
 */
export function createRepositoryRunner(repoPath: string): RepositoryRunner {
  const absolute = path.resolve(repoPath);
  let current = createGitRunner(absolute, { ceiling: path.dirname(absolute) });
  let folderChecked = false;
  let widened = false;

  const run: GitRun = async (args, options) => {
    if (!folderChecked) {
      await assertFolder(absolute);
      folderChecked = true;
    }
    try {
      return await current(args, options);
    } catch (error) {
      if (!(error instanceof AppError)) throw error;
      await assertFolder(absolute); // it may have been deleted since; say so rather than "git failed"
      if (error.code !== 'NOT_A_REPOSITORY' || widened) throw error;
      const enclosing = await findEnclosingRepository(absolute);
      if (enclosing === null) throw error;
      if (!enclosing.tracked) {
        throw new AppError(
          'NOT_A_REPOSITORY',
          `"${absolute}" is not a git repository; it is an untracked folder inside the repository "${enclosing.topLevel}".`,
          `Choose "${enclosing.topLevel}" instead.`
        );
      }
      widened = true;
      current = createGitRunner(absolute, { ceiling: path.dirname(enclosing.topLevel) });
      return current(args, options);
    }
  };
  return { path: absolute, run };
}
