import type { RefComparison } from '../../../shared/domain/history';
import { AppError } from '../../../shared/result';
import type { GitRun } from './git-runner';
import { MARKED_COMMIT_FORMAT, parseMarkedCommits } from './parse-log';
import { assertUsableRef, resolveCommits } from './refs';

/**
 * What `to` has that `from` has not (`git log from..to`, merges included, newest first), with both
 * ends resolved and the number of commits the other way (`to..from`).
 *
 * The log runs with --boundary: when `from` is an ancestor of `to` — comparing two releases of one
 * branch, the usual case — `from` is a boundary commit of the range, so `to..from` is empty and git need
 * not walk the range a second time for `rev-list --count`. Only refs that really diverged pay for it.
 */
export async function compareRefs(run: GitRun, from: string, to: string, limit: number): Promise<RefComparison> {
  assertUsableRef(from);
  assertUsableRef(to);
  if (!Number.isSafeInteger(limit) || limit < 1) {
    throw new AppError('INVALID_INPUT', `The limit must be a whole number ≥ 1 (got ${limit}).`);
  }
  const [resolved, log] = await Promise.allSettled([
    resolveCommits(run, [from, to]),
    run(['log', '-z', MARKED_COMMIT_FORMAT, '--boundary', `--max-count=${limit + 1}`, '--end-of-options', `${from}..${to}`, '--'])
  ]);
  // The resolve's error names the bad ref; the range's error would name "from..to".
  if (resolved.status === 'rejected') throw resolved.reason;
  if (log.status === 'rejected') throw log.reason;
  const [fromSha = '', toSha = ''] = resolved.value;
  const { commits, boundary } = parseMarkedCommits(log.value.stdout);
  const fromIsAncestor = fromSha === toSha || boundary.has(fromSha);
  const behind = fromIsAncestor ? 0 : Number((await run(['rev-list', '--count', '--end-of-options', `${to}..${from}`, '--'])).stdout.trim());
  return {
    from,
    to,
    fromSha,
    toSha,
    commits: commits.slice(0, limit),
    truncated: commits.length > limit,
    behind
  };
}
