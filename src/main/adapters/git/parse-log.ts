import type { Commit } from '../../../shared/domain/history';
import { field, readNulRecords } from './nul-records';

/** `git log -z --format=…` fields of a Commit; -z terminates the last field with NUL. */
export const COMMIT_FORMAT = '--format=%H%x00%P%x00%an%x00%ae%x00%aI%x00%s';
export const COMMIT_FIELDS = 6;

/** Builds a Commit from the first COMMIT_FIELDS fields of a record. */
export function commitFromRecord(record: readonly string[]): Commit {
  const parents = field(record, 1);
  return {
    sha: field(record, 0),
    parents: parents === '' ? [] : parents.split(' '),
    authorName: field(record, 2),
    authorEmail: field(record, 3),
    authoredAt: field(record, 4),
    subject: field(record, 5)
  };
}

/** Parses `git log -z` output written with COMMIT_FORMAT, stopping after `limit` commits. */
export function parseCommits(output: string, limit?: number): Commit[] {
  return readNulRecords(output, COMMIT_FIELDS, limit).map(commitFromRecord);
}
