/** What git tells about a service: branches, tags, commits and what changed between two refs. */
import type { SemVer } from './semver';

export interface Commit {
  readonly sha: string;
  readonly parents: readonly string[];
  readonly authorName: string;
  readonly authorEmail: string;
  /** ISO 8601 with the author's offset. */
  readonly authoredAt: string;
  readonly subject: string;
}

export const isMergeCommit = (commit: Pick<Commit, 'parents'>): boolean => commit.parents.length > 1;
export const shortSha = (sha: string): string => sha.slice(0, 8);

export const FILE_CHANGE_KINDS = ['added', 'modified', 'deleted', 'renamed', 'copied', 'type-changed'] as const;
export type FileChangeKind = (typeof FILE_CHANGE_KINDS)[number];

export interface ChangedFile {
  readonly path: string;
  /** Set for renames and copies. */
  readonly previousPath: string | null;
  readonly change: FileChangeKind;
  /** null for binary files, where git counts no lines. */
  readonly additions: number | null;
  readonly deletions: number | null;
}

export interface CommitDetail extends Commit {
  readonly body: string;
  readonly committerName: string;
  readonly committedAt: string;
  /** Files changed against the first parent (for a root commit: against the empty tree). */
  readonly files: readonly ChangedFile[];
}

export interface Branch {
  readonly name: string;
  readonly sha: string;
  readonly current: boolean;
  readonly committedAt: string;
  readonly subject: string;
}

export interface Tag {
  readonly name: string;
  /** The commit the tag points at (annotated tags are peeled). */
  readonly sha: string;
  readonly annotated: boolean;
  /** Tag date for annotated tags, commit date otherwise. */
  readonly date: string;
  readonly semver: SemVer | null;
}

export interface CommitQuery {
  /** Branch, tag or SHA to start from; HEAD when absent. */
  readonly ref?: string | undefined;
  /** Case-insensitive text in the commit message. */
  readonly text?: string | undefined;
  /** Case-insensitive part of the author's name or email. */
  readonly author?: string | undefined;
  /** Hex prefix of the commit SHA. */
  readonly shaPrefix?: string | undefined;
  readonly offset: number;
  readonly limit: number;
}

export interface CommitPage {
  readonly commits: readonly Commit[];
  readonly offset: number;
  readonly hasMore: boolean;
}

/** The commits reachable from `to` and not from `from` (git's `from..to`), merges included. */
export interface RefComparison {
  readonly from: string;
  readonly to: string;
  readonly fromSha: string;
  readonly toSha: string;
  readonly commits: readonly Commit[];
  /** True when there were more commits than the call's limit. */
  readonly truncated: boolean;
  /** Commits in `to..from`: non-zero means `from` is not an ancestor of `to`. */
  readonly behind: number;
}
