import { randomBytes } from 'node:crypto';
import { mkdir, readdir, readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import { AppError } from '../../../shared/result';
import type { Checkout, WorktreePort } from '../../ports/worktrees';
import { runGit } from './git-runner';
import { createRepositoryRunner } from './repository-runner';

const HEX = /^[0-9a-f]{4,64}$/i;

/** The folder under the data folder that holds every run's worktree; anything in it is Shipdeck's. */
export const worktreesFolder = (dataDir: string): string => path.join(dataDir, 'run-worktrees');

const folderLabel = (label: string): string => label.replace(/[^A-Za-z0-9_-]/g, '-').slice(0, 40) || 'run';

/** The repository's git folder a worktree points at (`gitdir: <repo>/.git/worktrees/<name>` in its .git file). */
async function commonGitDir(worktree: string): Promise<string | null> {
  const pointer = await readFile(path.join(worktree, '.git'), 'utf8').catch(() => null);
  const gitdir = /^gitdir: (.+)$/m.exec(pointer ?? '')?.[1]?.trim();
  return gitdir ? path.dirname(path.dirname(gitdir)) : null;
}

async function pruneQuietly(gitDir: string): Promise<void> {
  await runGit(gitDir, ['worktree', 'prune']).catch(() => undefined); // the repository may be gone
}

/**
 * Run checkouts as detached git worktrees under `<dataDir>/run-worktrees/`. The worktree shares the
 * repository's objects (no copy, no network) but has its own files and index, so the user's working
 * tree, index and branches are never touched. Git hooks are off while checking out: a run sees the
 * commit's files, nothing a local hook would add.
 */
export function createWorktreeAdapter(dataDir: string): WorktreePort {
  const root = worktreesFolder(dataDir);

  const resolveCommit: WorktreePort['resolveCommit'] = async (repoPath, ref) => {
    const repo = createRepositoryRunner(repoPath);
    if (ref.trim() === '' || ref.startsWith('-')) throw new AppError('BAD_REF', `"${ref}" is not a branch, tag or commit.`);
    const found = await repo.run(['rev-parse', '--verify', '--quiet', '--end-of-options', `${ref}^{commit}`], { okExitCodes: [1] });
    const sha = found.stdout.trim();
    if (found.exitCode === 0 && sha !== '') return sha;
    if (HEX.test(ref)) {
      throw new AppError(
        'BAD_REF',
        `The commit ${ref} does not exist in "${repo.path}": it may have been removed by a rebase or a garbage collection, or never fetched.`,
        'Pick another commit, branch or tag; fetch first if it exists only on a remote.'
      );
    }
    throw new AppError('BAD_REF', `"${ref}" is not a branch, tag or commit in "${repo.path}".`, 'Check the spelling; a branch or tag that exists only on a remote must be fetched first.');
  };

  return {
    resolveCommit,

    async readFileAt(repoPath, commit, file) {
      const repo = createRepositoryRunner(repoPath);
      const object = `${commit}:${file}`;
      const exists = await repo.run(['rev-parse', '--verify', '--quiet', '--end-of-options', object], { okExitCodes: [1, 128] });
      if (exists.exitCode !== 0) return null;
      return (await repo.run(['cat-file', 'blob', exists.stdout.trim()])).stdout;
    },

    async create(repoPath, commit, label) {
      const sha = await resolveCommit(repoPath, commit);
      const repo = createRepositoryRunner(repoPath);
      await mkdir(root, { recursive: true });
      const folder = path.join(root, `${folderLabel(label)}-${randomBytes(4).toString('hex')}`);
      try {
        // --no-checkout + reset: the files are the same, but git runs no post-checkout hook.
        await repo.run(['worktree', 'add', '--detach', '--no-checkout', '--quiet', folder, sha]);
        await runGit(folder, ['reset', '--hard', '--quiet', sha]);
      } catch (error) {
        await rm(folder, { recursive: true, force: true });
        await pruneQuietly(repo.path);
        throw error;
      }
      return { path: folder, commit: sha, repoPath: repo.path };
    },

    async remove(checkout: Checkout) {
      if (path.dirname(checkout.path) !== root) throw new Error(`refusing to remove "${checkout.path}": not a run worktree`);
      await runGit(checkout.repoPath, ['worktree', 'remove', '--force', checkout.path]).catch(() => undefined);
      await rm(checkout.path, { recursive: true, force: true });
      await pruneQuietly(checkout.repoPath);
    },

    async removeLeftovers() {
      const entries = await readdir(root, { withFileTypes: true }).catch(() => []);
      const removed: string[] = [];
      for (const entry of entries) {
        if (!entry.isDirectory()) continue;
        const folder = path.join(root, entry.name);
        const gitDir = await commonGitDir(folder);
        await rm(folder, { recursive: true, force: true });
        if (gitDir) await pruneQuietly(gitDir);
        removed.push(folder);
      }
      return removed;
    }
  };
}
