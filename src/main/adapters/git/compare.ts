import type { Commit, RangeItem, RefComparison } from '../../../shared/domain/history';
import { AppError } from '../../../shared/result';
import type { GitRun } from './git-runner';
import { streamRange } from './range-stream';

/** streamRange's items gathered into one RefComparison (for ranges that fit in one answer). */
export async function compareRefs(run: GitRun, from: string, to: string, limit: number): Promise<RefComparison> {
  let ends: Extract<RangeItem, { kind: 'ends' }> | undefined;
  let summary: Extract<RangeItem, { kind: 'summary' }> | undefined;
  const commits: Commit[] = [];
  await streamRange(run, from, to, limit, (item) => {
    if (item.kind === 'commit') commits.push(item.commit);
    else if (item.kind === 'ends') ends = item;
    else summary = item;
  });
  if (!ends || !summary) throw new AppError('GIT_FAILED', `Git gave no answer about ${from}..${to}.`);
  return { from, to, fromSha: ends.fromSha, toSha: ends.toSha, commits, truncated: summary.truncated, behind: summary.behind };
}
