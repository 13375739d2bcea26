/**
 * Where a rollback goes: the digest asked for (a good release of the environment, or at least an artifact
 * of the service), or the environment's previous good release; and the other good releases it could go
 * to instead.
 */
import type { ArtifactRow } from '../../../../shared/domain/artifact-catalog';
import type { Release, RollbackCandidate } from '../../../../shared/domain/releases';
import type { Environment, Service } from '../../../../shared/domain/workspace';
import { AppError } from '../../../../shared/result';
import type { ReleaseViewsStore } from '../release-views-deps';
import { shortDigest } from '../release-facts';

const CANDIDATE_LIMIT = 20;

export interface RollbackTarget {
  readonly candidate: RollbackCandidate;
  /** The release that put the target there (its settings, its artifact record); null for an artifact never deployed. */
  readonly release: Release | null;
  readonly artifact: ArtifactRow | null;
}

/** The service and environment, or NOT_FOUND naming what is missing. */
export function findEnvironment(store: ReleaseViewsStore, serviceName: string, environmentName: string): { readonly service: Service; readonly environment: Environment } {
  const service = store.workspace.findService(serviceName);
  if (service === null) throw new AppError('NOT_FOUND', `There is no service "${serviceName}".`, 'See `shipdeck status` for the services and their environments.');
  const environment = service.environments.find((candidate) => candidate.name === environmentName);
  if (environment === undefined) {
    const names = service.environments.map((candidate) => candidate.name).join(', ');
    throw new AppError('NOT_FOUND', `${service.name} has no environment "${environmentName}".`, `Its environments are: ${names || 'none yet'}.`);
  }
  return { service, environment };
}

/** The service's artifact with that digest, from the record; null when the service never built it. */
export function findServiceArtifact(store: ReleaseViewsStore, service: string, digest: string): ArtifactRow | null {
  const page = store.artifacts.searchArtifacts({ service, search: digest, status: 'all', sort: 'newest', limit: 20 });
  return page.items.find((row) => row.digest === digest) ?? null;
}

function candidateOf(store: ReleaseViewsStore, release: Release): RollbackCandidate {
  const artifact = store.artifacts.getArtifactRow(release.artifactId);
  return {
    digest: release.digest,
    version: release.version,
    commitSha: release.commitSha,
    deploymentId: release.id,
    deployedAt: release.createdAt,
    pruned: (artifact?.pruned ?? null) !== null
  };
}

/** The environment's good releases older than what runs now, newest first. */
export function rollbackCandidates(store: ReleaseViewsStore, service: string, environment: string, current: Release | null): { readonly release: Release; readonly candidate: RollbackCandidate }[] {
  return store.releases
    .goodReleases(service, environment, CANDIDATE_LIMIT + 1)
    .filter((release) => release.id !== current?.id && release.digest !== current?.digest)
    .slice(0, CANDIDATE_LIMIT)
    .map((release) => ({ release, candidate: candidateOf(store, release) }));
}

/** The latest release of a digest, in this environment when there is one. */
function latestReleaseOf(store: ReleaseViewsStore, service: string, environment: string, digest: string): Release | null {
  const releases = store.releases.releasesOfDigest(digest).filter((release) => release.service === service);
  const here = releases.filter((release) => release.environment === environment);
  return here.at(-1) ?? releases.at(-1) ?? null;
}

export function resolveRollbackTarget(
  store: ReleaseViewsStore,
  where: { readonly service: string; readonly environment: string },
  current: Release | null,
  candidates: readonly { readonly release: Release; readonly candidate: RollbackCandidate }[],
  toDigest: string | undefined
): RollbackTarget {
  const { service, environment } = where;
  if (toDigest === undefined) {
    const previous = candidates[0];
    if (previous === undefined) {
      throw new AppError(
        'NOT_FOUND',
        `${service} has no earlier good release in ${environment}: nothing to roll back to.`,
        `Deploy a chosen artifact instead: shipdeck deploy ${service} ${environment} --artifact DIGEST`
      );
    }
    return { ...previous, artifact: store.artifacts.getArtifactRow(previous.release.artifactId) };
  }
  if (current?.digest === toDigest) {
    throw new AppError('RELEASE_REFUSED', `${shortDigest(toDigest)} already runs in ${service} ${environment}: there is nothing to roll back.`, 'Pick an older artifact.');
  }
  const good = candidates.find((entry) => entry.candidate.digest === toDigest);
  if (good) return { ...good, artifact: store.artifacts.getArtifactRow(good.release.artifactId) };
  const artifact = findServiceArtifact(store, service, toDigest);
  if (artifact === null) {
    throw new AppError(
      'NOT_FOUND',
      `${toDigest} is not an artifact of ${service}.`,
      `Roll back to one of the environment's good releases, or pick a digest from \`shipdeck artifacts ${service}\`.`
    );
  }
  const release = latestReleaseOf(store, service, environment, toDigest);
  return {
    release,
    artifact,
    candidate: {
      digest: artifact.digest,
      version: artifact.version,
      commitSha: artifact.commitSha,
      deploymentId: release?.id ?? 0,
      deployedAt: release?.createdAt ?? artifact.createdAt,
      pruned: artifact.pruned !== null
    }
  };
}
