import type { Branch } from '../../../shared/domain/history';
import { refToUse } from '../../../shared/domain/ref-range';
import type { GitRun } from './git-runner';
import { field, readNulRecords } from './nul-records';

const FORMAT = '--format=%(refname)%00%(refname:strip=2)%00%(objectname)%00%(HEAD)%00%(committerdate:iso-strict)%00%(contents:subject)%00';

/** Local branches, the current one first, then the most recently committed. */
export async function listBranches(run: GitRun): Promise<Branch[]> {
  const { stdout } = await run(['for-each-ref', FORMAT, 'refs/heads/']);
  const branches = readNulRecords(stdout, 6).map(
    (record): Branch => ({
      name: field(record, 1),
      ref: refToUse(field(record, 0), field(record, 1)),
      sha: field(record, 2),
      current: field(record, 3) === '*',
      committedAt: field(record, 4),
      subject: field(record, 5)
    })
  );
  return branches.sort(
    (a, b) => Number(b.current) - Number(a.current) || b.committedAt.localeCompare(a.committedAt) || a.name.localeCompare(b.name)
  );
}
