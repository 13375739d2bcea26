import type { CommitQuery } from '../../../shared/domain/history';

/**
 * `git log` options for the message-text and author filters. `-F` makes both patterns fixed strings
 * (git applies it to --grep and --author alike, so nothing needs regex-escaping and a user's "a+b" or
 * "[bot]" means exactly that); `-i` ignores case. A commit must match both: git ANDs --author with
 * --grep, and --all-match would only matter with several --grep patterns.
 */
export function filterArgs(query: Pick<CommitQuery, 'text' | 'author'>): string[] {
  const text = query.text?.trim();
  const author = query.author?.trim();
  const args: string[] = [];
  if (text) args.push(`--grep=${text}`);
  if (author) args.push(`--author=${author}`);
  if (args.length > 0) args.push('--fixed-strings', '--regexp-ignore-case');
  return args;
}
