/** Branches and tags as the ref pickers offer them, and the default pair to compare. */
import type { Branch, Tag } from '../../../../shared/domain/history';
import { compareSemVer, isPrerelease, type SemVer } from '../../../../shared/domain/semver';

export type RefKind = 'branch' | 'release' | 'prerelease' | 'tag';

export interface RefOption {
  /** What is passed to git. */
  readonly ref: string;
  /** What the user reads. */
  readonly label: string;
  readonly kind: RefKind;
}

export interface RefGroups {
  readonly branches: readonly RefOption[];
  /** Semantic-version tags, newest first (prereleases among them, marked). */
  readonly releases: readonly RefOption[];
  readonly otherTags: readonly RefOption[];
}

/**
 * A branch named like a tag would be read as the tag by git, so such a branch is passed by its full
 * name. Everything else is passed as the user knows it.
 */
export function branchRef(name: string, tagNames: ReadonlySet<string>): string {
  return tagNames.has(name) ? `refs/heads/${name}` : name;
}

export function refGroups(branches: readonly Branch[], tags: readonly Tag[]): RefGroups {
  const tagNames = new Set(tags.map((t) => t.name));
  const sortedBranches = [...branches].sort((a, b) =>
    a.current !== b.current ? (a.current ? -1 : 1) : a.name.localeCompare(b.name)
  );
  return {
    branches: sortedBranches.map((b) => ({
      ref: b.ref === b.name ? branchRef(b.name, tagNames) : b.ref,
      label: b.current ? `${b.name} (current)` : b.name,
      kind: 'branch' as const
    })),
    releases: semverTagsNewestFirst(tags).map((t) => ({
      ref: t.ref,
      label: t.semver && isPrerelease(t.semver) ? `${t.name} — prerelease` : t.name,
      kind: t.semver && isPrerelease(t.semver) ? ('prerelease' as const) : ('release' as const)
    })),
    otherTags: tags.filter((t) => !t.semver).map((t) => ({ ref: t.ref, label: t.name, kind: 'tag' as const }))
  };
}

type SemverTag = Tag & { readonly semver: SemVer };

export function semverTagsNewestFirst(tags: readonly Tag[]): SemverTag[] {
  return tags
    .filter((t): t is SemverTag => t.semver !== null)
    .sort((a, b) => compareSemVer(b.semver, a.semver) || a.name.localeCompare(b.name));
}

/** What kind of ref a value is, for the badge beside the picker. */
export function kindOfRef(ref: string, groups: RefGroups): RefKind | null {
  for (const option of [...groups.branches, ...groups.releases, ...groups.otherTags]) {
    if (option.ref === ref) return option.kind;
  }
  return null;
}

export function labelOfRef(ref: string, groups: RefGroups): string {
  const branch = groups.branches.find((b) => b.ref === ref);
  if (branch) return ref.startsWith('refs/heads/') ? ref.slice('refs/heads/'.length) : ref;
  return ref;
}

/**
 * The pair a release manager most likely wants: the two newest releases, older → newer. Final
 * releases are preferred (v1.3.0 vs v1.2.0, not v1.3.0 vs v1.3.0-rc.2); with fewer than two, any
 * semantic versions; with one tag, that tag against the current branch ("what is not released yet").
 */
export function defaultComparePair(
  branches: readonly Branch[],
  tags: readonly Tag[]
): { readonly from: string; readonly to: string } | null {
  const semver = semverTagsNewestFirst(tags);
  const finals = semver.filter((t) => !isPrerelease(t.semver));
  const pool = finals.length >= 2 ? finals : semver;
  if (pool.length >= 2) return { from: (pool[1] as Tag).ref, to: (pool[0] as Tag).ref };
  const tagNames = new Set(tags.map((t) => t.name));
  const current = branches.find((b) => b.current) ?? branches[0];
  const newestTag = semver[0] ?? tags[0];
  if (newestTag && current) return { from: newestTag.ref, to: current.ref === current.name ? branchRef(current.name, tagNames) : current.ref };
  return null;
}
