/**
 * Clean checkouts of one commit for pipeline runs: a detached git worktree in Shipdeck's data folder,
 * never the user's working tree (uncommitted changes there are not seen by a run).
 */

export interface Checkout {
  /** Absolute folder holding the commit's files. */
  readonly path: string;
  readonly commit: string;
  /** The repository the worktree belongs to. */
  readonly repoPath: string;
}

export interface WorktreePort {
  /**
   * The full SHA of the commit a branch, tag or (short) SHA names. Throws AppError BAD_REF when it names
   * nothing, or names a commit that no longer exists.
   */
  resolveCommit(repoPath: string, ref: string, signal?: AbortSignal): Promise<string>;
  /** A file's text at a commit, or null when the commit has no such file. */
  readFileAt(repoPath: string, commit: string, file: string, signal?: AbortSignal): Promise<string | null>;
  /** A fresh detached worktree of `commit`; `label` (a run id) goes into its folder name. */
  create(repoPath: string, commit: string, label: string, signal?: AbortSignal): Promise<Checkout>;
  /** Removes the worktree's folder and git's record of it. Idempotent. */
  remove(checkout: Checkout): Promise<void>;
  /** Removes worktrees a crashed run left in the data folder; returns their folders. */
  removeLeftovers(): Promise<readonly string[]>;
}
