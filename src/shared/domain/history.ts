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
  /**
   * Files changed against the first parent (for a root commit: against the empty tree). Empty when
   * parentsMissing: what the commit changed cannot be known without its parent.
   */
  readonly files: readonly ChangedFile[];
  /**
   * True for a boundary commit of a shallow clone: it has parents (listed in `parents`), but they were
   * not fetched, so the history is truncated here. Not a root commit; its files were not all "added".
   */
  readonly parentsMissing: boolean;
}

export interface Branch {
  readonly name: string;
  /** What to hand to git for it (see refToUse): `refs/heads/-wip` for a branch named `-wip`. */
  readonly ref: string;
  readonly sha: string;
  readonly current: boolean;
  readonly committedAt: string;
  readonly subject: string;
}

export interface Tag {
  readonly name: string;
  /** What to hand to git for it (see refToUse): `refs/tags/-x` for a tag named `-x`. */
  readonly ref: string;
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

/** Where a shallow clone's history stops. */
export interface ShallowHistory {
  /** The clone's boundary commits: present, but their parents were not fetched. */
  readonly boundary: readonly string[];
}

export interface CommitPage {
  readonly commits: readonly Commit[];
  readonly offset: number;
  readonly hasMore: boolean;
  /**
   * Present when the repository is a shallow clone: the history is truncated at the boundary commits
   * (shown without parents), and older commits are not in the clone.
   */
  readonly shallow?: ShallowHistory;
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

/**
 * What the `history.range` stream delivers, in this order: both ends resolved, then the commits of
 * `from..to` newest first as git prints them, then a summary. The same facts as a RefComparison, for
 * ranges too large to build whole.
 */
export type RangeItem =
  | {
      readonly kind: 'ends';
      readonly from: string;
      readonly to: string;
      readonly fromSha: string;
      readonly toSha: string;
    }
  | { readonly kind: 'commit'; readonly commit: Commit }
  | {
      readonly kind: 'summary';
      /** True when there were more commits than the limit. */
      readonly truncated: boolean;
      /** Commits in `to..from`. */
      readonly behind: number;
    };
