import type { CommitPage, CommitQuery } from '../../../shared/domain/history';
import { AppError } from '../../../shared/result';
import { filterArgs } from './commit-filters';
import type { GitRun } from './git-runner';
import { COMMIT_FORMAT, parseCommits } from './parse-log';
import { assertUsableRef } from './refs';
import { readShallow } from './shallow';
import { commitsBySha } from './sha-prefix-search';

function assertPaging(query: CommitQuery): void {
  if (!Number.isSafeInteger(query.offset) || query.offset < 0) {
    throw new AppError('INVALID_INPUT', `The offset must be a whole number ≥ 0 (got ${query.offset}).`);
  }
  if (!Number.isSafeInteger(query.limit) || query.limit < 1) {
    throw new AppError('INVALID_INPUT', `The limit must be a whole number ≥ 1 (got ${query.limit}).`);
  }
}

/**
 * A page of commits reachable from the query's ref (HEAD by default), newest first in git's default
 * order. Git stops after offset + limit + 1 commits and never sorts the whole history (no --topo-order),
 * so the first page costs the same on a 100-commit and a 100,000-commit repository. The extra commit
 * only tells whether there is a next page. A shallow clone's page says where its history stops.
 */
export async function listCommits(run: GitRun, query: CommitQuery, cwd: string): Promise<CommitPage> {
  assertPaging(query);
  if (query.ref !== undefined) assertUsableRef(query.ref);
  // Whether the clone is shallow is asked beside the log, so it costs no time.
  const shallow = readShallow(run, cwd);
  shallow.catch(() => undefined); // when the log fails first, its error is the one reported
  const page = await (query.shaPrefix !== undefined && query.shaPrefix !== '' ? commitsBySha(run, query) : commitsByRef(run, query));
  const boundary = await shallow;
  return boundary === null ? page : { ...page, shallow: boundary };
}

async function commitsByRef(run: GitRun, query: CommitQuery): Promise<CommitPage> {
  const args = ['log', '-z', COMMIT_FORMAT, `--max-count=${query.limit + 1}`];
  if (query.offset > 0) args.push(`--skip=${query.offset}`);
  args.push(...filterArgs(query));
  // Without a ref git reads HEAD itself, and says "no commits yet" on an empty repository.
  if (query.ref !== undefined) args.push('--end-of-options', query.ref);
  args.push('--'); // the ref is a revision, never a file path that happens to share its name

  const commits = parseCommits((await run(args)).stdout);
  return { commits: commits.slice(0, query.limit), offset: query.offset, hasMore: commits.length > query.limit };
}
