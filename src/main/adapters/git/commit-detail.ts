import type { CommitDetail } from '../../../shared/domain/history';
import { AppError } from '../../../shared/result';
import type { GitRun } from './git-runner';
import { NulFieldReader } from './nul-records';
import { readCommit } from './parse-log';
import { parseChangedFiles } from './parse-changed-files';
import { assertUsableRef } from './refs';
import { readShallow, recordedParents } from './shallow';

// COMMIT_FORMAT's six fields, then body, committer name and committer date.
const DETAIL_FORMAT = '--format=%H%x00%P%x00%an%x00%ae%x00%aI%x00%s%x00%b%x00%cn%x00%cI';

/**
 * One commit with its message and changed files, in a single git process: the header in -z fields, then
 * --raw (change kind, both paths of a rename) and --numstat (line counts) for the same files in the same
 * order. Merges are diffed against their first parent; a root commit against the empty tree (git log's
 * default). No textconv or external diff: a repository's config must not run programs on our behalf.
 * A shallow clone's boundary commit is flagged (parentsMissing) instead of diffed against nothing.
 */
export async function readCommitDetail(run: GitRun, ref: string, cwd: string): Promise<CommitDetail> {
  assertUsableRef(ref);
  const shallow = readShallow(run, cwd);
  shallow.catch(() => undefined); // when the log fails first, its error is the one reported
  const { stdout } = await run([
    'log', '-1', '-z', DETAIL_FORMAT, '--raw', '--numstat', '-M', '--diff-merges=first-parent',
    '--no-textconv', '--no-ext-diff', '--end-of-options', ref, '--'
  ]);
  const reader = new NulFieldReader(stdout);
  if (!reader.nextRecord()) throw new AppError('BAD_REF', `"${ref}" does not name a commit.`);
  const commit = readCommit(reader);
  const body = reader.field().trimEnd();
  const committerName = reader.field();
  const committedAt = reader.field();
  if ((await shallow)?.boundary.includes(commit.sha)) {
    // A shallow clone's boundary: git shows it parentless and diffs it against the empty tree, which
    // would call every file "added". Its real parents are named in the commit object.
    return { ...commit, parents: await recordedParents(run, commit.sha), body, committerName, committedAt, files: [], parentsMissing: true };
  }
  return { ...commit, body, committerName, committedAt, files: parseChangedFiles(reader.rest()), parentsMissing: false };
}
