import { isMergeCommit, type RefComparison } from '../../../../shared/domain/history';

/** The sentences above a comparison, kept pure so their wording is tested. */
export interface CompareSummary {
  /** "12 commits between v1.2.0 and v1.3.0" */
  readonly headline: string;
  /** "3 merges", or null */
  readonly merges: string | null;
  /** "v1.3.0 does not contain 2 commits of v1.2.0 — did you mean to swap?", or null */
  readonly behindNote: string | null;
  /** "Showing the first 20,000 commits; the range has more.", or null */
  readonly truncatedNote: string | null;
}

const plural = (n: number, word: string) => `${n.toLocaleString('en')} ${word}${n === 1 ? '' : 's'}`;

export function summarizeComparison(result: RefComparison, fromLabel: string, toLabel: string): CompareSummary {
  const count = result.commits.length;
  const merges = result.commits.filter(isMergeCommit).length;
  return {
    headline:
      count === 0
        ? `No commits between ${fromLabel} and ${toLabel}`
        : `${result.truncated ? 'More than ' : ''}${plural(count, 'commit')} between ${fromLabel} and ${toLabel}`,
    merges: merges > 0 ? plural(merges, 'merge') : null,
    behindNote:
      result.behind > 0
        ? `${toLabel} does not contain ${plural(result.behind, 'commit')} of ${fromLabel} — did you mean to swap?`
        : null,
    truncatedNote: result.truncated
      ? `Showing the first ${plural(count, 'commit')}; the range has more.`
      : null
  };
}
