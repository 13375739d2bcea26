/** The search bar's three inputs turned into a commit query, or a reason the SHA box cannot be used. */
import { looksLikeShaPrefix } from '../../../../shared/domain/ref-range';

export interface FilterInputs {
  readonly text: string;
  readonly author: string;
  readonly sha: string;
}

export interface CommitFilter {
  readonly text?: string;
  readonly author?: string;
  readonly shaPrefix?: string;
}

export type FilterResult =
  | { readonly ok: true; readonly filter: CommitFilter }
  | { readonly ok: false; readonly field: 'sha'; readonly message: string };

export const EMPTY_INPUTS: FilterInputs = { text: '', author: '', sha: '' };

const MAX_LENGTH = 200;

export function buildCommitFilter(inputs: FilterInputs): FilterResult {
  const text = inputs.text.trim().slice(0, MAX_LENGTH);
  const author = inputs.author.trim().slice(0, MAX_LENGTH);
  const sha = inputs.sha.trim().toLowerCase();
  if (sha !== '' && !looksLikeShaPrefix(sha)) {
    return {
      ok: false,
      field: 'sha',
      message: /[^0-9a-f]/.test(sha)
        ? 'A SHA prefix has only the characters 0–9 and a–f.'
        : 'Type at least 4 characters of the SHA.'
    };
  }
  return {
    ok: true,
    filter: {
      ...(text ? { text } : {}),
      ...(author ? { author } : {}),
      ...(sha ? { shaPrefix: sha } : {})
    }
  };
}

export const isFiltering = (filter: CommitFilter): boolean =>
  filter.text !== undefined || filter.author !== undefined || filter.shaPrefix !== undefined;

export const sameFilter = (a: CommitFilter, b: CommitFilter): boolean =>
  a.text === b.text && a.author === b.author && a.shaPrefix === b.shaPrefix;

/** "matching “fix” by alice" — what the empty state and the count say the list is filtered by. */
export function describeFilter(filter: CommitFilter): string {
  const parts: string[] = [];
  if (filter.text) parts.push(`matching “${filter.text}”`);
  if (filter.author) parts.push(`by “${filter.author}”`);
  if (filter.shaPrefix) parts.push(`with SHA ${filter.shaPrefix}…`);
  return parts.join(' ');
}
