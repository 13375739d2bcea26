/**
 * What Shipdeck reads from a local git repository. Implemented by the simple-git adapter; the use cases
 * depend on this interface only. Every method throws AppError with a stable code (NOT_A_REPOSITORY,
 * EMPTY_REPOSITORY, BAD_REF, GIT_FAILED, …) so the user sees what was wrong.
 */
import type {
  Branch,
  CommitDetail,
  CommitPage,
  CommitQuery,
  RangeItem,
  RefComparison,
  Tag
} from '../../shared/domain/history';

export interface RepositoryCheck {
  /** Absolute, normalised path. */
  readonly path: string;
  readonly bare: boolean;
  readonly headSha: string;
}

/** Each method stops its git process and rejects with CANCELLED when `signal` aborts. */
export interface GitRepository {
  /** Confirms the path is a git repository with at least one commit. */
  check(signal?: AbortSignal): Promise<RepositoryCheck>;
  branches(signal?: AbortSignal): Promise<readonly Branch[]>;
  /** Sorted newest release first (see sortTagsNewestFirst). */
  tags(signal?: AbortSignal): Promise<readonly Tag[]>;
  commits(query: CommitQuery, signal?: AbortSignal): Promise<CommitPage>;
  commit(ref: string, signal?: AbortSignal): Promise<CommitDetail>;
  compare(from: string, to: string, limit: number, signal?: AbortSignal): Promise<RefComparison>;
  /**
   * The same facts as compare, handed to `push` while git prints them (ends, each commit, summary), for
   * ranges of any size; `limit` null means every commit. Resolves after the summary.
   */
  streamRange(from: string, to: string, limit: number | null, push: (item: RangeItem) => void, signal?: AbortSignal): Promise<void>;
  /** A file's text at a commit (path relative to the repository folder); null when it is not there. */
  readFile(ref: string, path: string, signal?: AbortSignal): Promise<string | null>;
  /** The files under a folder at a commit (paths relative to the repository folder, sorted); [] when the folder is not there. */
  listFiles(ref: string, folder: string, signal?: AbortSignal): Promise<readonly string[]>;
}

/** Opens repositories by path. Opening does no I/O; the first call does. */
export interface GitPort {
  open(repoPath: string): GitRepository;
}
