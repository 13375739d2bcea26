/**
 * An artifact's timeline: every environment its digest reached, when, by whom, with which strategy and
 * trigger, how the release ended, and how it left (replaced by a later release, or rolled back).
 */
import type { ArtifactTimeline, Release, TimelineEntry } from '../../../shared/domain/releases';
import { AppError } from '../../../shared/result';
import type { ReleaseViewsDeps, ReleaseViewsStore } from './release-views-deps';
import { artifactLabel, isRollback, succeededAt } from './release-facts';

const RELEASE_PAGE = 200;

interface Arrival {
  readonly release: Release;
  /** When it succeeded there. */
  readonly at: string;
}

/** When a release succeeded (a release undone later still did); null when it never did. */
function arrivalOf(store: ReleaseViewsStore, release: Release): Arrival | null {
  if (release.status !== 'succeeded' && release.status !== 'rolled-back') return null;
  const at = succeededAt(store.releases.getRelease(release.id)?.events ?? []);
  return at === null ? null : { release, at };
}

/** The releases that succeeded in the environment from `fromId` on, oldest first. */
function arrivalsSince(store: ReleaseViewsStore, service: string, environment: string, fromId: number): Arrival[] {
  const found: Arrival[] = [];
  let beforeId: number | undefined;
  for (;;) {
    const page = store.releases.listReleases(service, environment, { limit: RELEASE_PAGE, beforeId });
    for (const release of page.items) {
      const arrival = release.id >= fromId ? arrivalOf(store, release) : null;
      if (arrival) found.push(arrival);
    }
    const last = page.items.at(-1);
    if (page.nextBeforeId === null || last === undefined || last.id <= fromId) return found.reverse();
    beforeId = page.nextBeforeId;
  }
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

  const arrivalsByEnvironment = new Map<string, Arrival[]>();
  for (const release of releases) {
    if (!arrivalsByEnvironment.has(release.environment)) {
      arrivalsByEnvironment.set(release.environment, arrivalsSince(store, release.service, release.environment, release.id));
    }
  }

  const entries = releases.map((release): TimelineEntry => {
    const arrivals = arrivalsByEnvironment.get(release.environment) ?? [];
    const arrived = arrivals.find((arrival) => arrival.release.id === release.id);
    const next = arrived ? arrivals.find((arrival) => arrival.release.id > release.id) : undefined;
    return {
      service: release.service,
      environment: release.environment,
      deploymentId: release.id,
      // When it got there: the moment its release succeeded; for one that did not, when it started.
      arrivedAt: arrived?.at ?? release.createdAt,
      by: release.startedBy,
      strategy: release.strategy,
      trigger: release.trigger,
      status: release.status,
      left: next ? { at: next.at, how: howItLeft(release, next.release), byDeploymentId: next.release.id } : null
    };
  });
  return { digest, service: first.service, version: first.version, commitSha: first.commitSha, entries };
}
