/**
 * A kubernetes environment's history: the workload's ReplicaSets as revisions (what `kubectl rollout
 * history` shows), each joined with the Shipdeck release that made it, then the releases Shipdeck recorded
 * whose ReplicaSets are gone (revisionHistoryLimit) — so history goes back as far as the records do.
 */
import { digestOfImage, type WorkloadRevision } from '../../../shared/domain/kubernetes';
import type { Release } from '../../../shared/domain/releases';
import type { ReplicaSetRevision } from '../../ports/kubernetes';

const RECORDED_STATUSES = new Set(['succeeded', 'rolled-back']);

/** The release that made a revision: the change-cause names it (`… as release #42 …`), else the newest one of that digest. */
function releaseOf(revision: ReplicaSetRevision, digest: string | null, releases: readonly Release[]): Release | null {
  const named = /release #(\d+)/.exec(revision.changeCause ?? '');
  if (named) {
    // The Deployment keeps its change-cause through a later `kubectl set image`, which copies it onto the
    // new ReplicaSet: the named release made this revision only if it ran the same digest.
    const found = releases.find((release) => release.id === Number(named[1]));
    if (found && (digest === null || found.digest === digest)) return found;
  }
  return digest === null ? null : (releases.find((release) => release.digest === digest) ?? null);
}

/**
 * Newest first. `releases` are the environment's releases, newest first; `currentRevision` is the
 * workload's revision annotation.
 */
export function joinRevisions(replicaSets: readonly ReplicaSetRevision[], releases: readonly Release[], currentRevision: number | null): WorkloadRevision[] {
  const fromCluster = [...replicaSets]
    .sort((a, b) => b.revision - a.revision)
    .map((revision): WorkloadRevision => {
      const digest = digestOfImage(revision.containers[0]?.image ?? '');
      const release = releaseOf(revision, digest, releases);
      return {
        revision: revision.revision,
        changeCause: revision.changeCause,
        images: revision.containers.map((container) => ({ container: container.name, image: container.image })),
        digest,
        replicaSet: revision.name,
        createdAt: revision.createdAt,
        current: revision.revision === currentRevision,
        deploymentId: release?.id ?? null,
        version: release?.version ?? null
      };
    });
  const shown = new Set(fromCluster.map((revision) => revision.deploymentId).filter((id): id is number => id !== null));
  const shownDigests = new Set(fromCluster.map((revision) => revision.digest));
  const oldestShown = fromCluster.at(-1)?.createdAt ?? null;
  // Older than every ReplicaSet still there, and not one of them: only the record remembers it.
  const fromRecords = releases
    .filter((release) => RECORDED_STATUSES.has(release.status) && !shown.has(release.id) && !shownDigests.has(release.digest))
    .filter((release) => oldestShown === null || release.createdAt < oldestShown)
    .filter((release, index, all) => all.findIndex((other) => other.digest === release.digest) === index)
    .map(
      (release): WorkloadRevision => ({
        revision: null,
        changeCause: `shipdeck: release #${release.id} (${release.strategy}) by ${release.startedBy}`,
        images: [],
        digest: release.digest,
        replicaSet: null,
        createdAt: release.createdAt,
        current: false,
        deploymentId: release.id,
        version: release.version
      })
    );
  return [...fromCluster, ...fromRecords];
}
