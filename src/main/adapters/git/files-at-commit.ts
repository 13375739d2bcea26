import { AppError } from '../../../shared/result';
import type { GitRun } from './git-runner';
import { resolveCommit } from './refs';

/** A path inside the repository folder: relative, no `..` step out of it, no leading `-`. */
function assertRepositoryPath(file: string): string {
  const clean = file.replace(/\\/g, '/').replace(/^\.\/+/, '').replace(/\/+$/, '');
  if (clean === '' || clean.startsWith('/') || clean.split('/').includes('..') || clean.startsWith('-')) {
    throw new AppError('INVALID_INPUT', `"${file.slice(0, 120)}" is not a path inside the repository.`, 'Give a path relative to the repository folder, e.g. migrations.');
  }
  return clean;
}

interface TreeEntry {
  readonly type: string;
  readonly object: string;
  readonly path: string;
}

/** `git ls-tree -z` entries: `mode SP type SP object TAB path` NUL. Paths are relative to the repository folder. */
async function treeEntries(run: GitRun, commit: string, args: readonly string[], pathspec: string): Promise<TreeEntry[]> {
  const { stdout } = await run(['ls-tree', '-z', ...args, '--end-of-options', commit, '--', pathspec]);
  return stdout
    .split('\0')
    .filter(Boolean)
    .map((record) => {
      const tab = record.indexOf('\t');
      const [, type = '', object = ''] = record.slice(0, tab).split(' ');
      return { type, object, path: record.slice(tab + 1) };
    });
}

/** The files under `folder` at `ref`, sorted by path; [] when the folder is not there. */
export async function listFilesAt(run: GitRun, ref: string, folder: string): Promise<string[]> {
  const commit = await resolveCommit(run, ref);
  const entries = await treeEntries(run, commit, ['-r'], assertRepositoryPath(folder));
  return entries
    .filter((entry) => entry.type === 'blob')
    .map((entry) => entry.path)
    .sort();
}

/** The text of `file` at `ref` (UTF-8); null when there is no such file at that commit. */
export async function readFileAt(run: GitRun, ref: string, file: string): Promise<string | null> {
  const commit = await resolveCommit(run, ref);
  const wanted = assertRepositoryPath(file);
  const entry = (await treeEntries(run, commit, [], wanted)).find((candidate) => candidate.path === wanted);
  if (entry === undefined || entry.type !== 'blob') return null;
  const { stdout } = await run(['cat-file', 'blob', entry.object]);
  return stdout;
}
