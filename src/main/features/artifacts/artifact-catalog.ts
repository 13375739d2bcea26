import type { ArtifactDetail, ArtifactPlacement, ArtifactQuery, CommitsSincePrevious } from '../../../shared/domain/artifact-catalog';
import type { ArtifactRow } from '../../../shared/domain/artifact-catalog';
import { AppError } from '../../../shared/result';
import type { ArtifactsStore, DeploymentsStore, RunsStore, WorkspaceStore } from '../../ports/store';
import type { createServiceHistory } from '../history/service-history';

/** At most this many commits are listed between two artifacts; the detail says when there were more. */
export const COMMITS_SINCE_LIMIT = 200;

export interface CatalogDeps {
  readonly artifacts: ArtifactsStore;
  readonly runs: RunsStore;
  readonly deployments: DeploymentsStore;
  readonly workspace: WorkspaceStore;
  /** The history feature's git access, by service name. */
  readonly history: Pick<ReturnType<typeof createServiceHistory>, 'compare'>;
}

/**
 * Browsing artifacts: the catalogue straight from the local record (works offline), and one artifact's
 * detail — its run, where it runs, and what changed since the service's previous artifact (git).
 */
export function createArtifactCatalog(deps: CatalogDeps) {
  const placementsOf = (artifact: ArtifactRow): ArtifactPlacement[] => {
    const service = deps.workspace.findService(artifact.service);
    if (!service) return [];
    const placements: ArtifactPlacement[] = [];
    for (const environment of service.environments) {
      const latest = deps.deployments.listDeployments(artifact.service, environment.name, { limit: 1 }).items[0];
      if (latest?.artifactId === artifact.id) {
        placements.push({ environment: environment.name, deploymentId: latest.id, status: latest.status, since: latest.createdAt });
      }
    }
    return placements;
  };

  const commitsSince = async (artifact: ArtifactRow, signal: AbortSignal): Promise<CommitsSincePrevious> => {
    const previous = deps.artifacts.previousArtifact(artifact.id);
    if (!previous) return { kind: 'first', note: `The first artifact recorded for ${artifact.service}.` };
    try {
      const comparison = await deps.history.compare(artifact.service, previous.commitSha, artifact.commitSha, COMMITS_SINCE_LIMIT, signal);
      return {
        kind: 'commits',
        previous: { id: previous.id, commitSha: previous.commitSha, version: previous.version },
        commits: comparison.commits,
        truncated: comparison.truncated
      };
    } catch (error) {
      if (error instanceof AppError && error.code === 'CANCELLED') throw error;
      // The record stays readable when git cannot answer (repository moved, commit gone after a force-push).
      const reason = error instanceof Error ? error.message : String(error);
      return { kind: 'unavailable', reason };
    }
  };

  return {
    list: (query: ArtifactQuery) => deps.artifacts.searchArtifacts(query),
    async detail(artifactId: number, signal: AbortSignal): Promise<ArtifactDetail> {
      const artifact = deps.artifacts.getArtifactRow(artifactId);
      if (!artifact) {
        throw new AppError('NOT_FOUND', `There is no artifact #${artifactId}.`, 'Pick an artifact from the list (it may be in another data folder).');
      }
      const run = artifact.pipelineRunId === null ? null : deps.runs.getRun(artifact.pipelineRunId);
      return { artifact, run, placements: placementsOf(artifact), commitsSincePrevious: await commitsSince(artifact, signal) };
    }
  };
}
