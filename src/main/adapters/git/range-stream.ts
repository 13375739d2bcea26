import type { Commit, RangeItem } from '../../../shared/domain/history';
import { AppError } from '../../../shared/result';
import type { GitRun } from './git-runner';
import { NulRecordStream } from './nul-record-stream';
import { MARKED_COMMIT_FORMAT } from './parse-log';
import { assertUsableRef, resolveCommits } from './refs';

/** A MARKED_COMMIT_FORMAT record: the side mark, then COMMIT_FORMAT's six fields. */
function toCommit(fields: readonly string[]): Commit {
  const parents = fields[2] ?? '';
  return {
    sha: fields[1] ?? '',
    parents: parents === '' ? [] : parents.split(' '),
    authorName: fields[3] ?? '',
    authorEmail: fields[4] ?? '',
    authoredAt: fields[5] ?? '',
    subject: fields[6] ?? ''
  };
}

/**
 * What `to` has that `from` has not (`git log from..to`, merges included, newest first), handed to `push`
 * as git prints it: the resolved ends first, then each commit, then the summary (truncated when there
 * were more than `limit`; `behind` = commits in `to..from`). Nothing of the range is held in memory.
 *
 * The log runs with --boundary: when `from` is an ancestor of `to` — comparing two releases of one
 * branch, the usual case — `from` is a boundary commit of the range, so `to..from` is empty and git need
 * not walk the range a second time for `rev-list --count`. Only refs that really diverged pay for it.
 * Resolving the ends runs beside the log; commits that arrive before the ends are known wait for them.
 */
export async function streamRange(
  run: GitRun,
  from: string,
  to: string,
  limit: number | null,
  push: (item: RangeItem) => void
): Promise<void> {
  assertUsableRef(from);
  assertUsableRef(to);
  if (limit !== null && (!Number.isSafeInteger(limit) || limit < 1)) {
    throw new AppError('INVALID_INPUT', `The limit must be a whole number ≥ 1 (got ${limit}).`);
  }
  let waiting: Commit[] | null = []; // commits parsed before the ends were pushed
  let count = 0;
  let truncated = false;
  const boundary = new Set<string>();
  const records = new NulRecordStream(7, (fields) => {
    const commit = toCommit(fields);
    if (fields[0] === '-') return void boundary.add(commit.sha);
    if (limit !== null && count >= limit) return void (truncated = true);
    count++;
    if (waiting) waiting.push(commit);
    else push({ kind: 'commit', commit });
  });

  const maxCount = limit === null ? [] : [`--max-count=${limit + 1}`];
  const [resolved, log] = await Promise.allSettled([
    resolveCommits(run, [from, to]).then((shas) => {
      const [fromSha = '', toSha = ''] = shas;
      push({ kind: 'ends', from, to, fromSha, toSha });
      for (const commit of waiting ?? []) push({ kind: 'commit', commit });
      waiting = null;
      return { fromSha, toSha };
    }),
    run(['log', '-z', MARKED_COMMIT_FORMAT, '--boundary', ...maxCount, '--end-of-options', `${from}..${to}`, '--'], {
      onStdout: (chunk) => records.write(chunk)
    })
  ]);
  // The resolve's error names the bad ref; the range's error would name "from..to".
  if (resolved.status === 'rejected') throw resolved.reason;
  if (log.status === 'rejected') throw log.reason;
  if (!records.end()) throw new AppError('GIT_FAILED', 'Git printed output Shipdeck could not read (a record was cut short).');
  const { fromSha, toSha } = resolved.value;
  const fromIsAncestor = fromSha === toSha || boundary.has(fromSha);
  const behind = fromIsAncestor ? 0 : Number((await run(['rev-list', '--count', '--end-of-options', `${to}..${from}`, '--'])).stdout.trim());
  push({ kind: 'summary', truncated, behind });
}
