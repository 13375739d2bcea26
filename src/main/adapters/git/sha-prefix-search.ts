import type { Commit, CommitPage, CommitQuery } from '../../../shared/domain/history';
import { looksLikeShaPrefix } from '../../../shared/domain/ref-range';
import { AppError } from '../../../shared/result';
import { filterArgs } from './commit-filters';
import type { GitRun } from './git-runner';
import { COMMIT_FORMAT, parseCommits } from './parse-log';
import { resolveCommit } from './refs';

/** True when `sha` is reachable from `ref`: nothing in sha's history is missing from ref's. */
async function isReachable(run: GitRun, sha: string, ref: string): Promise<boolean> {
  // `merge-base --is-ancestor` answers with its exit code only, and simple-git waits 50 ms after any
  // process that prints nothing; `rev-list --count` always prints, and walks no further.
  const { stdout } = await run(['rev-list', '--count', '--end-of-options', sha, `^${ref}`, '--']);
  return stdout.trim() === '0';
}

/**
 * Commits whose SHA starts with the query's prefix and that are reachable from its ref, filtered by text
 * and author like any page. Asks the object database for the prefix (an index lookup) instead of walking
 * the history: `rev-parse --disambiguate` lists every object with the prefix, `log --no-walk
 * --ignore-missing` keeps the commits (X^{commit} of a tree or blob is skipped as missing) and applies
 * the filters, and a reachability check per remaining commit drops those on other branches.
 */
export async function commitsBySha(run: GitRun, query: CommitQuery): Promise<CommitPage> {
  const prefix = (query.shaPrefix ?? '').toLowerCase();
  if (!looksLikeShaPrefix(prefix)) {
    throw new AppError('INVALID_INPUT', `"${prefix}" is not a SHA prefix.`, 'Type 4 to 64 hexadecimal characters.');
  }
  // Resolving the ref first gives a BAD_REF that names it, even when no object has the prefix.
  const [tip, listed] = await Promise.all([
    query.ref === undefined ? 'HEAD' : resolveCommit(run, query.ref),
    run(['rev-parse', `--disambiguate=${prefix}`])
  ]);
  const objects = listed.stdout.split('\n').filter(Boolean);
  let commits: Commit[] = [];
  if (objects.length > 0) {
    const { stdout } = await run([
      'log', '-z', COMMIT_FORMAT, '--no-walk', '--ignore-missing', ...filterArgs(query),
      '--end-of-options', ...objects.map((sha) => `${sha}^{commit}`), '--'
    ]);
    // An annotated tag with the prefix peels to a commit that may not have it.
    const candidates = parseCommits(stdout).filter((commit) => commit.sha.startsWith(prefix));
    const reachable = await Promise.all(candidates.map((commit) => isReachable(run, commit.sha, tip)));
    commits = candidates.filter((_, index) => reachable[index]);
  }
  const page = commits.slice(query.offset, query.offset + query.limit);
  return { commits: page, offset: query.offset, hasMore: commits.length > query.offset + query.limit };
}
