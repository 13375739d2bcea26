/** Small facts about releases that several views phrase the same way. */
import type { DeploymentEvent } from '../../../shared/domain/deployments';
import type { ArtifactRef, Release } from '../../../shared/domain/releases';
import { shortDigest } from '../../../shared/domain/artifacts';

export { shortDigest };

/** `1.4.0` or, for an artifact without a version, its short digest. */
export const artifactLabel = (artifact: Pick<ArtifactRef, 'digest' | 'version'>): string => artifact.version ?? shortDigest(artifact.digest);

export const artifactOf = (release: Release): ArtifactRef => ({ digest: release.digest, version: release.version, commitSha: release.commitSha });

/** When the release reached its status (its latest event with that status); its start when the events do not say. */
export function reachedAt(release: Release, events: readonly DeploymentEvent[]): string {
  const event = [...events].reverse().find((candidate) => candidate.status === release.status);
  return event?.at ?? release.createdAt;
}

/** When the release succeeded (a release later undone keeps that moment); null when it never did. */
export function succeededAt(events: readonly DeploymentEvent[]): string | null {
  return events.find((event) => event.status === 'succeeded')?.at ?? null;
}

export const isRollback = (release: Pick<Release, 'trigger'>): boolean => release.trigger === 'rollback' || release.trigger === 'automatic-rollback';
