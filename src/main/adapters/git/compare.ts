import type { RefComparison } from '../../../shared/domain/history';
import { AppError } from '../../../shared/result';
import type { GitRun } from './git-runner';
import { COMMIT_FORMAT, parseCommits } from './parse-log';
import { assertUsableRef, resolveCommit } from './refs';

/** The value of a settled promise, or its error thrown. */
function valueOf<T>(result: PromiseSettledResult<T>): T {
  if (result.status === 'rejected') throw result.reason;
  return result.value;
}

/**
 * What `to` has that `from` has not (`git log from..to`, merges included, newest first), with both
 * ends resolved and the count of commits the other way (`rev-list --count to..from`). The four git
 * processes run at once; a bad ref is reported by the resolve of that end, so the error names it.
 */
export async function compareRefs(run: GitRun, from: string, to: string, limit: number): Promise<RefComparison> {
  assertUsableRef(from);
  assertUsableRef(to);
  if (!Number.isSafeInteger(limit) || limit < 1) {
    throw new AppError('INVALID_INPUT', `The limit must be a whole number ≥ 1 (got ${limit}).`);
  }
  const [fromSha, toSha, log, behind] = await Promise.allSettled([
    resolveCommit(run, from),
    resolveCommit(run, to),
    run(['log', '-z', COMMIT_FORMAT, `--max-count=${limit + 1}`, '--end-of-options', `${from}..${to}`, '--']),
    run(['rev-list', '--count', '--end-of-options', `${to}..${from}`, '--'])
  ]);
  const resolvedFrom = valueOf(fromSha);
  const resolvedTo = valueOf(toSha);
  const commits = parseCommits(valueOf(log).stdout, limit + 1);
  return {
    from,
    to,
    fromSha: resolvedFrom,
    toSha: resolvedTo,
    commits: commits.slice(0, limit),
    truncated: commits.length > limit,
    behind: Number(valueOf(behind).stdout.trim())
  };
}
