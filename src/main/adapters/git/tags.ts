import type { Tag } from '../../../shared/domain/history';
import { parseSemVer, sortTagsNewestFirst } from '../../../shared/domain/semver';
import { refToUse } from '../../../shared/domain/ref-range';
import type { GitRun } from './git-runner';
import { field, readNulRecords } from './nul-records';

// Fields starting with "*" describe the object an annotated tag points at.
const FORMAT =
  '--format=%(refname)%00%(refname:strip=2)%00%(objecttype)%00%(objectname)%00%(*objecttype)%00%(*objectname)%00' +
  '%(taggerdate:iso-strict)%00%(committerdate:iso-strict)%00%(*committerdate:iso-strict)%00';

/** One tag, or null when it does not lead to a commit (a tag of a tree or a blob). */
function toTag(record: readonly string[]): Tag | null {
  const name = field(record, 1);
  const ref = refToUse(field(record, 0), name);
  const rest = record.slice(1);
  const type = field(rest, 1);
  if (type === 'commit') {
    return { name, ref, sha: field(rest, 2), annotated: false, date: field(rest, 6), semver: parseSemVer(name) };
  }
  if (type !== 'tag' || field(rest, 3) !== 'commit') return null;
  // Very old tags may have no tagger line; the commit's date is the next best answer.
  const date = field(rest, 5) || field(rest, 7);
  return { name, ref, sha: field(rest, 4), annotated: true, date, semver: parseSemVer(name) };
}

/** Every tag that leads to a commit, newest release first (see sortTagsNewestFirst). */
export async function listTags(run: GitRun): Promise<Tag[]> {
  const { stdout } = await run(['for-each-ref', FORMAT, 'refs/tags/']);
  const tags = readNulRecords(stdout, 9)
    .map(toTag)
    .filter((tag): tag is Tag => tag !== null);
  return sortTagsNewestFirst(tags);
}
