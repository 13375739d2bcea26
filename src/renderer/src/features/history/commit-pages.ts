import type { Commit, CommitPage } from '../../../../shared/domain/history';

/**
 * Appends a page to the commits loaded so far. A page that does not start where the list ends (a
 * duplicate or out-of-order answer) is refused, so rows are never repeated or skipped.
 */
export function appendPage(loaded: readonly Commit[], page: CommitPage): readonly Commit[] | null {
  if (page.offset !== loaded.length) return null;
  return page.commits.length === 0 ? loaded : [...loaded, ...page.commits];
}

/** The row of a commit in the loaded list, by full SHA. */
export function indexOfSha(commits: readonly Commit[], sha: string): number {
  return commits.findIndex((c) => c.sha === sha);
}

/** Tags by the commit they point at, for the badges in the commit rows. */
export function tagsBySha<T extends { readonly sha: string }>(tags: readonly T[]): ReadonlyMap<string, readonly T[]> {
  const map = new Map<string, T[]>();
  for (const tag of tags) {
    const list = map.get(tag.sha);
    if (list) list.push(tag);
    else map.set(tag.sha, [tag]);
  }
  return map;
}
