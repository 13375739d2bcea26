/**
 * An artifact's timeline: every environment its digest reached, when, by whom, with which strategy and
 * trigger, how the release ended, and how it left (replaced by a later release, or rolled back).
 */
import type { ArtifactTimeline, Release, TimelineEntry } from '../../../shared/domain/releases';
import { AppError } from '../../../shared/result';
import type { ReleaseViewsDeps, ReleaseViewsStore } from './release-views-deps';
import { artifactLabel, isRollback, reachedAt } from './release-facts';

const RELEASE_PAGE = 200;

/** The environment's succeeded releases from `fromId` on, oldest first. */
function succeededSince(store: ReleaseViewsStore, service: string, environment: string, fromId: number): Release[] {
  const found: Release[] = [];
  let beforeId: number | undefined;
  for (;;) {
    const page = store.releases.listReleases(service, environment, { limit: RELEASE_PAGE, beforeId });
    found.push(...page.items.filter((release) => release.id >= fromId && release.status === 'succeeded'));
    const last = page.items.at(-1);
    if (page.nextBeforeId === null || last === undefined || last.id <= fromId) return found.reverse();
    beforeId = page.nextBeforeId;
  }
}

function eventsOf(store: ReleaseViewsStore, release: Release) {
  return store.releases.getRelease(release.id)?.events ?? [];
}

function howItLeft(release: Release, next: Release): string {
  const reason = next.reason ? ` (${next.reason})` : '';
  if (next.digest === release.digest) return `redeployed by #${next.id}`;
  if (next.trigger === 'automatic-rollback') return `rolled back automatically by #${next.id}${reason}`;
  if (isRollback(next)) return `rolled back by #${next.id}${reason}`;
  return `replaced by ${artifactLabel(next)} (#${next.id})`;
}

export function artifactTimeline(deps: ReleaseViewsDeps, digest: string): ArtifactTimeline {
  const { store } = deps;
  const releases = store.releases.releasesOfDigest(digest);
  const first = releases[0];
  if (first === undefined) {
    const artifact = store.artifacts.searchArtifacts({ search: digest, status: 'all', sort: 'newest', limit: 20 }).items.find((row) => row.digest === digest);
    if (!artifact) throw new AppError('NOT_FOUND', `No artifact has the digest ${digest}.`, 'Copy a digest from the Artifacts screen or `shipdeck artifacts`.');
    return { digest, service: artifact.service, version: artifact.version, commitSha: artifact.commitSha, entries: [] };
  }

  const succeededByEnvironment = new Map<string, Release[]>();
  for (const release of releases) {
    if (!succeededByEnvironment.has(release.environment)) {
      succeededByEnvironment.set(release.environment, succeededSince(store, release.service, release.environment, release.id));
    }
  }

  const entries = releases.map((release): TimelineEntry => {
    const succeeded = release.status === 'succeeded';
    const next = succeeded ? (succeededByEnvironment.get(release.environment) ?? []).find((candidate) => candidate.id > release.id) : undefined;
    return {
      service: release.service,
      environment: release.environment,
      deploymentId: release.id,
      // When it got there: the moment its release succeeded; for one that did not, when it started.
      arrivedAt: succeeded ? reachedAt(release, eventsOf(store, release)) : release.createdAt,
      by: release.startedBy,
      strategy: release.strategy,
      trigger: release.trigger,
      status: release.status,
      left: next ? { at: reachedAt(next, eventsOf(store, next)), how: howItLeft(release, next), byDeploymentId: next.id } : null
    };
  });
  return { digest, service: first.service, version: first.version, commitSha: first.commitSha, entries };
}
