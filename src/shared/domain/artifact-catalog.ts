/**
 * The artifact catalogue: every artifact of every service as the Artifacts screen and `shipdeck artifacts`
 * browse it — searched, filtered, sorted and paged from the local record alone (no network).
 */
import type { Artifact } from './artifacts';
import type { Commit } from './history';
import type { PipelineRun } from './pipeline-runs';
import { parseSemVer } from './semver';

export const ARTIFACT_SORTS = ['newest', 'oldest', 'version'] as const;
export type ArtifactSort = (typeof ARTIFACT_SORTS)[number];

export const ARTIFACT_STATUS_FILTERS = ['all', 'live', 'pruned'] as const;
export type ArtifactStatusFilter = (typeof ARTIFACT_STATUS_FILTERS)[number];

/** What the table asks for. `search` matches a digest or commit SHA prefix, a version prefix, or words of the commit message. */
export interface ArtifactQuery {
  readonly service?: string | undefined;
  readonly search?: string | undefined;
  readonly status: ArtifactStatusFilter;
  /** ISO 8601 instants, inclusive from, exclusive to. */
  readonly createdFrom?: string | undefined;
  readonly createdTo?: string | undefined;
  readonly sort: ArtifactSort;
  /** The `nextCursor` of the previous page; absent for the first page. */
  readonly cursor?: string | undefined;
  readonly limit: number;
}

/** One row of the catalogue: the artifact, its commit subject and its tags. */
export interface ArtifactRow extends Artifact {
  /** First line of the commit message, as recorded with the artifact ('' when it was not). */
  readonly commitSubject: string;
  /** The tags the artifact was pushed with: full SHA, short SHA, and the version when there is one. */
  readonly tags: readonly string[];
}

export interface ArtifactPage {
  readonly items: readonly ArtifactRow[];
  /** Pass as `cursor` for the next page; null when this was the last one. */
  readonly nextCursor: string | null;
}

/** Where an artifact runs now: the environments whose latest deployment is this artifact. */
export interface ArtifactPlacement {
  readonly environment: string;
  readonly deploymentId: number;
  readonly status: string;
  readonly since: string;
}

/** The commits between the previous artifact of the service and this one, from git. */
export type CommitsSincePrevious =
  | { readonly kind: 'first'; readonly note: string }
  | {
      readonly kind: 'commits';
      readonly previous: { readonly id: number; readonly commitSha: string; readonly version: string | null };
      readonly commits: readonly Commit[];
      readonly truncated: boolean;
    }
  | { readonly kind: 'unavailable'; readonly reason: string };

export interface ArtifactDetail {
  readonly artifact: ArtifactRow;
  /** The run that built it, with its stage results; null when the run is not recorded. */
  readonly run: PipelineRun | null;
  /** Environments where it runs now ([] until deployments exist). */
  readonly placements: readonly ArtifactPlacement[];
  readonly commitsSincePrevious: CommitsSincePrevious;
}

/** Git's default abbreviation. */
export const SHORT_SHA = 7;

/** The tags an artifact was pushed with (mirrors the build: full SHA, short SHA, version without `v`). */
export function artifactTags(commitSha: string, version: string | null): string[] {
  const tags = [commitSha, commitSha.slice(0, SHORT_SHA)];
  if (version) tags.push(version.trim().replace(/^v(?=\d)/, '').replace(/\+/g, '_'));
  return tags;
}

const pad = (n: number): string => n.toString().padStart(10, '0');

/**
 * A string whose byte order is semver precedence, for sorting by version in SQL: `1.2.3` → `v0000000001.0000000002.0000000003~`.
 * A prerelease sorts below its release (`-` < `~`); '' (no version) sorts below every version.
 */
export function versionSortKey(version: string | null): string {
  if (!version) return '';
  const parsed = parseSemVer(version);
  if (!parsed) return `0${version}`;
  const core = `v${pad(parsed.major)}.${pad(parsed.minor)}.${pad(parsed.patch)}`;
  if (parsed.prerelease.length === 0) return `${core}~`;
  const parts = parsed.prerelease.map((part) => (typeof part === 'number' ? `0${pad(part)}` : `1${part}`));
  return `${core}-${parts.join('.')}`;
}

/** What a search text can be: a hex prefix (digest or commit), a version prefix, and message words. */
export interface SearchTerms {
  readonly hexPrefix: string | null;
  readonly versionPrefix: string | null;
  readonly words: readonly string[];
}

export function searchTerms(search: string): SearchTerms {
  const text = search.trim();
  const bare = text.replace(/^sha256:/i, '');
  const hexPrefix = /^[0-9a-fA-F]{4,64}$/.test(bare) ? bare.toLowerCase() : null;
  const versionPrefix = /^v?\d+(?:\.[0-9A-Za-z.+-]*)?$/.test(text) ? text.replace(/^v/, '') : null;
  // "1.2" is a version, not the words "1" and "2" (which would match every message with a number).
  const words =
    versionPrefix !== null
      ? []
      : text
          .split(/[^\p{L}\p{N}_]+/u)
          .filter((word) => word.length > 0)
          .slice(0, 8);
  return { hexPrefix, versionPrefix, words };
}
