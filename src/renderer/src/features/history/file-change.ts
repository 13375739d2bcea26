import type { ChangedFile, FileChangeKind } from '../../../../shared/domain/history';
import { assertNever } from '../../../../shared/assert-never';

/** The one-letter code git uses (A/M/D/R/C/T) and a word for screen readers and tooltips. */
export function changeCode(kind: FileChangeKind): { readonly letter: string; readonly word: string } {
  switch (kind) {
    case 'added':
      return { letter: 'A', word: 'Added' };
    case 'modified':
      return { letter: 'M', word: 'Modified' };
    case 'deleted':
      return { letter: 'D', word: 'Deleted' };
    case 'renamed':
      return { letter: 'R', word: 'Renamed' };
    case 'copied':
      return { letter: 'C', word: 'Copied' };
    case 'type-changed':
      return { letter: 'T', word: 'Type changed' };
    default:
      return assertNever(kind, 'file change kind');
  }
}

export interface ChangeTotals {
  readonly files: number;
  readonly additions: number;
  readonly deletions: number;
  readonly binary: number;
}

export function changeTotals(files: readonly ChangedFile[]): ChangeTotals {
  let additions = 0;
  let deletions = 0;
  let binary = 0;
  for (const file of files) {
    if (file.additions === null || file.deletions === null) binary++;
    additions += file.additions ?? 0;
    deletions += file.deletions ?? 0;
  }
  return { files: files.length, additions, deletions, binary };
}

/** "3 files changed, +40 −12" */
export function describeTotals(totals: ChangeTotals): string {
  const files = `${totals.files} file${totals.files === 1 ? '' : 's'} changed`;
  const binary = totals.binary > 0 ? `, ${totals.binary} binary` : '';
  return `${files}, +${totals.additions.toLocaleString('en')} −${totals.deletions.toLocaleString('en')}${binary}`;
}

/**
 * GitHub-style diffstat: `blocks` squares split between additions and deletions in proportion, with
 * at least one square for a side that has any lines.
 */
export function diffBlocks(additions: number, deletions: number, blocks = 5): { readonly added: number; readonly deleted: number } {
  const total = additions + deletions;
  if (total <= 0) return { added: 0, deleted: 0 };
  let added = Math.round((blocks * additions) / total);
  if (additions > 0 && added === 0) added = 1;
  if (deletions > 0 && added === blocks) added = blocks - 1;
  return { added, deleted: blocks - added };
}
