import type { Commit } from '../../../shared/domain/history';
import { NulFieldReader } from './nul-records';

/** `git log -z` format of a Commit: six fields; -z terminates the last one with NUL. */
export const COMMIT_FORMAT = '--format=%H%x00%P%x00%an%x00%ae%x00%aI%x00%s';
/** COMMIT_FORMAT after git's side mark: ">" for a commit of the range, "-" for a --boundary commit. */
export const MARKED_COMMIT_FORMAT = '--format=%m%x00%H%x00%P%x00%an%x00%ae%x00%aI%x00%s';

/** Reads the six COMMIT_FORMAT fields at the reader's position. */
export function readCommit(reader: NulFieldReader): Commit {
  const sha = reader.field();
  const parents = reader.field();
  return {
    sha,
    parents: parents === '' ? [] : parents.split(' '),
    authorName: reader.field(),
    authorEmail: reader.field(),
    authoredAt: reader.field(),
    subject: reader.field()
  };
}

/** Parses `git log -z` output written with COMMIT_FORMAT, stopping after `limit` commits. */
export function parseCommits(output: string, limit = Number.POSITIVE_INFINITY): Commit[] {
  const reader = new NulFieldReader(output);
  const commits: Commit[] = [];
  while (commits.length < limit && reader.nextRecord()) commits.push(readCommit(reader));
  return commits;
}

/** Parses `git log -z --boundary` output written with MARKED_COMMIT_FORMAT. */
export function parseMarkedCommits(output: string): { commits: Commit[]; boundary: Set<string> } {
  const reader = new NulFieldReader(output);
  const commits: Commit[] = [];
  const boundary = new Set<string>();
  while (reader.nextRecord()) {
    const mark = reader.field();
    const commit = readCommit(reader);
    if (mark === '-') boundary.add(commit.sha);
    else commits.push(commit);
  }
  return { commits, boundary };
}
