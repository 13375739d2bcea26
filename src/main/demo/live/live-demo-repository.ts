/**
 * What the live demo reads and writes in the demo's repository: the tip of main, files at a commit, the
 * newer image's commit on its own ref, and clean checkouts to build from (detached worktrees in the data
 * folder — the demo's working tree, index and branches are never touched).
 */
import { runGit } from '../../adapters/git/git-runner';
import type { WorktreePort } from '../../ports/worktrees';
import { ensureLiveCommit } from './live-demo-commit';

export interface BuildCheckout {
  readonly path: string;
  dispose(): Promise<void>;
}

export interface LiveDemoRepository {
  /** Full SHA of the tip of main. */
  tipOfMain(signal?: AbortSignal): Promise<string>;
  /** A file's text at a commit; null when the commit has no such file. */
  readFile(commit: string, file: string, signal?: AbortSignal): Promise<string | null>;
  /** The first line of the commit's message. */
  subject(commit: string): Promise<string>;
  /** The commit on the live demo's own ref: `base` with these files changed. Resolves with its SHA. */
  liveCommit(base: string, files: ReadonlyMap<string, string>, message: string): Promise<string>;
  /** A clean checkout of the commit, to build from; dispose it afterwards. */
  checkout(commit: string, signal?: AbortSignal): Promise<BuildCheckout>;
}

export function createLiveDemoRepository(repoPath: string, worktrees: WorktreePort): LiveDemoRepository {
  return {
    tipOfMain: (signal) => worktrees.resolveCommit(repoPath, 'refs/heads/main', signal),
    readFile: (commit, file, signal) => worktrees.readFileAt(repoPath, commit, file, signal),
    subject: async (commit) => (await runGit(repoPath, ['show', '-s', '--format=%s', commit])).stdout.trim(),
    liveCommit: (base, files, message) => ensureLiveCommit({ repoPath, base, files, message }),
    async checkout(commit, signal) {
      const checkout = await worktrees.create(repoPath, commit, 'demo-live', signal);
      return { path: checkout.path, dispose: () => worktrees.remove(checkout) };
    }
  };
}
