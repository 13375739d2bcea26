/**
 * Refs as users type them (branch, tag, SHA, `HEAD~3`) and ranges (`v1.2.0..v1.3.0`). A ref is handed
 * to git as an argument, so anything that git could read as an option, or that git forbids in ref
 * names, is refused here, before any process starts.
 */

export interface RefRange {
  readonly from: string;
  readonly to: string;
}

// Forbidden anywhere: ASCII control characters, space, and ':' '?' '*' '[' '\' (git check-ref-format).
// '~' and '^' are allowed after the first character so that `HEAD~3` and `v1.2^{}` work.
// eslint-disable-next-line no-control-regex
const FORBIDDEN = /[\x00-\x20\x7f:?*[\\]/;

/**
 * The name to hand to git for a branch or tag: its short name, or its full name (`refs/tags/-x`) when
 * the short name starts with "-" and would otherwise be read as an option.
 */
export function refToUse(fullName: string, shortName: string): string {
  return shortName.startsWith('-') ? fullName : shortName;
}

/**
 * Why a ref cannot be used, or null when it is acceptable. A branch or tag whose name starts with "-"
 * is accepted by its full name (`refs/heads/-wip`), never bare.
 */
export function refProblem(ref: string): string | null {
  if (ref.length === 0) return 'is empty';
  if (ref.length > 256) return 'is longer than 256 characters';
  if (ref.startsWith('-')) return 'starts with "-" (git would read it as an option; give such a branch or tag by its full name, e.g. refs/tags/-x)';
  if (ref.startsWith('~') || ref.startsWith('^')) return 'starts with "~" or "^"';
  if (FORBIDDEN.test(ref)) return 'contains a space, a control character or one of : ? * [ \\';
  if (ref.includes('..')) return 'contains ".." (give a range as two refs)';
  if (ref.includes('@{')) return 'contains "@{" (reflog expressions are not supported)';
  if (ref.endsWith('.') || ref.endsWith('/') || ref.endsWith('.lock')) return 'ends with ".", "/" or ".lock"';
  return null;
}

/**
 * Parses `A..B` into its two refs. `A...B` (symmetric difference) is refused with a reason, because
 * "what changed between two releases" is always the two-dot form.
 */
export function parseRefRange(text: string): RefRange | { readonly error: string } {
  const trimmed = text.trim();
  if (trimmed.includes('...')) return { error: `"${trimmed}" uses "..."; write the range as FROM..TO` };
  const parts = trimmed.split('..');
  if (parts.length !== 2) return { error: `"${trimmed}" is not a range; write it as FROM..TO, e.g. v1.2.0..v1.3.0` };
  const [from, to] = parts as [string, string];
  for (const [label, ref] of [
    ['FROM', from],
    ['TO', to]
  ] as const) {
    const problem = refProblem(ref);
    if (problem) return { error: `${label} ref "${ref}" ${problem}` };
  }
  return { from, to };
}

const SHA_PREFIX = /^[0-9a-f]{4,64}$/i;
/** True when the text can only be meant as (part of) a commit SHA. */
export const looksLikeShaPrefix = (text: string): boolean => SHA_PREFIX.test(text);
