import type { ChangedFile, FileChangeKind } from '../../../shared/domain/history';

const KINDS: Readonly<Record<string, FileChangeKind>> = {
  A: 'added',
  M: 'modified',
  D: 'deleted',
  R: 'renamed',
  C: 'copied',
  T: 'type-changed'
};

interface RawEntry {
  readonly change: FileChangeKind;
  readonly path: string;
  readonly previousPath: string | null;
}

const NUMSTAT = /^(\d+|-)\t(\d+|-)\t(.*)$/s;
const count = (text: string | undefined): number | null => (text === undefined || text === '-' ? null : Number(text));

/**
 * Reads the diff part of `git log -z --raw --numstat`: first one raw entry per file
 * (`:mode mode sha sha STATUS` NUL path NUL, with a second path for renames and copies), then one numstat
 * entry per file in the same order (`added TAB deleted TAB path` NUL, or for renames `added TAB deleted
 * TAB` NUL old NUL new NUL; "-" for binary files). Paths are consumed by position, so a path may
 * contain anything but NUL.
 */
export function parseChangedFiles(diff: string): ChangedFile[] {
  const tokens = diff.split('\0');
  const raw: RawEntry[] = [];
  const stats: { added: number | null; deleted: number | null }[] = [];
  let i = 0;
  while (i < tokens.length) {
    const token = (tokens[i++] ?? '').replace(/^\n/, '');
    if (token.startsWith(':')) {
      const status = token.slice(token.lastIndexOf(' ') + 1);
      const change = KINDS[status.charAt(0)] ?? 'modified';
      if (change === 'renamed' || change === 'copied') {
        const previousPath = tokens[i++] ?? '';
        raw.push({ change, previousPath, path: tokens[i++] ?? '' });
      } else {
        raw.push({ change, previousPath: null, path: tokens[i++] ?? '' });
      }
      continue;
    }
    const numstat = NUMSTAT.exec(token);
    if (numstat === null) continue; // the empty string after the final NUL
    if (numstat[3] === '') i += 2; // a rename's two paths follow; the raw entry already has them
    stats.push({ added: count(numstat[1]), deleted: count(numstat[2]) });
  }
  return raw.map((entry, index) => ({
    path: entry.path,
    previousPath: entry.previousPath,
    change: entry.change,
    additions: stats[index]?.added ?? null,
    deletions: stats[index]?.deleted ?? null
  }));
}
