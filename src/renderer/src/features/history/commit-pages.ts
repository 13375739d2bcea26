import type { Commit, CommitPage } from '../../../../shared/domain/history';

/**
 * The commits of the pages loaded so far, in order. A page that does not start where the list ends (a
 * duplicate or out-of-order answer) is left out, so rows are never repeated or skipped.
 */
export function flattenPages(pages: readonly CommitPage[]): readonly Commit[] {
  const commits: Commit[] = [];
  for (const page of pages) {
    if (page.offset !== commits.length) break;
    commits.push(...page.commits);
  }
  return commits;
}

/** Where the page after `page` starts, or undefined when it was the last. */
export const nextPageOffset = (page: CommitPage): number | undefined =>
  page.hasMore ? page.offset + page.commits.length : undefined;

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
