import type { ArtifactRow } from '../../../shared/domain/artifact-catalog';
import type { PruneOutcome, PruneResult } from '../../../shared/domain/artifact-operations';
import { AppError } from '../../../shared/result';
import type { ContainersPort } from '../../ports/containers';
import type { RegistryClient, RegistryEndpoint } from '../../ports/registry';
import type { ReleaseStore } from '../../ports/store';
import { locateArtifact } from './artifact-location';
import type { createRetentionPlanner } from './retention-planner';

export interface PruneDeps {
  readonly store: Pick<ReleaseStore, 'transaction'>;
  readonly planner: ReturnType<typeof createRetentionPlanner>;
  readonly openRegistry: (endpoint: RegistryEndpoint) => RegistryClient;
  readonly containers: Pick<ContainersPort, 'listImages' | 'removeImage' | 'inspectImage'>;
  readonly actor: string;
}

const codeOf = (error: unknown): string | null => (error instanceof AppError ? error.code : null);
const messageOf = (error: unknown): string => (error instanceof Error ? error.message : String(error));

/**
 * Prunes what the service's retention plan lets go: deletes each manifest by digest from its registry
 * (and the image from the local engine), then records the prune and its audit entry together. An
 * artifact whose delete failed stays live (and is said to have failed); the others go on.
 */
export function createPruneArtifacts(deps: PruneDeps) {
  /** Removes the local copies: every image whose RepoDigests name this digest, or the image ID itself. */
  const removeLocal = async (artifact: ArtifactRow, signal: AbortSignal): Promise<string> => {
    const location = locateArtifact(artifact.imageRepository);
    if (location.kind === 'local') {
      // Untag the artifact's own tags (full SHA, short SHA, version): the engine deletes the image with its
      // last tag. Tags someone added under other names are left alone, and the image with them.
      const image = await deps.containers.inspectImage(artifact.digest, signal);
      if (image === null) return 'image already gone from the local engine';
      const own = image.repoTags.filter((tag) => tag.startsWith(`${artifact.imageRepository}:`));
      for (const tag of own) await deps.containers.removeImage(tag, {}, signal);
      if (own.length === 0) await deps.containers.removeImage(artifact.digest, {}, signal);
      return (await deps.containers.inspectImage(artifact.digest, signal)) === null
        ? 'image removed from the local engine'
        : 'untagged; the image stays in the local engine under other names';
    }
    try {
      const reference = `${artifact.imageRepository}@${artifact.digest}`;
      const images = await deps.containers.listImages(artifact.imageRepository, signal);
      const matching = images.filter((image) => image.repoDigests.includes(reference));
      for (const image of matching) {
        const own = image.repoTags.filter((tag) => tag.startsWith(`${artifact.imageRepository}:`));
        for (const tag of own) await deps.containers.removeImage(tag, {}, signal);
        if (own.length === 0) await deps.containers.removeImage(reference, {}, signal);
      }
      return matching.length > 0 ? 'local copy removed' : 'no local copy';
    } catch (error) {
      // The registry copy is what counts; the engine may be off (a laptop without Docker running).
      if (codeOf(error) === 'DOCKER_UNREACHABLE') return 'local engine not reachable: a local copy, if any, stays';
      throw error;
    }
  };

  const removeFromRegistry = async (artifact: ArtifactRow, clients: Map<string, RegistryClient>, signal: AbortSignal): Promise<string> => {
    const location = locateArtifact(artifact.imageRepository);
    if (location.kind === 'local') return 'local artifact';
    let client = clients.get(location.name.host);
    if (!client) {
      client = deps.openRegistry({ host: location.name.host });
      clients.set(location.name.host, client);
    }
    try {
      await client.deleteManifest(location.name.repository, artifact.digest, signal);
      return `manifest deleted from ${location.name.host}`;
    } catch (error) {
      if (codeOf(error) === 'NOT_FOUND') return `manifest already gone from ${location.name.host}`;
      throw error;
    }
  };

  return async (service: string, signal: AbortSignal): Promise<PruneResult> => {
    const plan = deps.planner.plan(service);
    const view = deps.planner.view(service, plan);
    const clients = new Map<string, RegistryClient>();
    const outcomes: PruneOutcome[] = [];
    for (const artifact of plan.prune) {
      if (signal.aborted) throw new AppError('CANCELLED', 'The prune was cancelled.', 'Artifacts pruned so far are recorded; run it again for the rest.');
      try {
        const registry = await removeFromRegistry(artifact, clients, signal);
        const local = await removeLocal(artifact, signal);
        const detail = `${registry}; ${local}`;
        await deps.store.transaction((tx) => {
          tx.artifacts.recordPrune(artifact.id, deps.actor);
          tx.audit.append({
            actor: deps.actor,
            action: 'artifact.prune',
            subject: `service:${artifact.service}`,
            details: { artifactId: artifact.id, digest: artifact.digest, imageRepository: artifact.imageRepository, detail }
          });
        });
        outcomes.push({ artifactId: artifact.id, digest: artifact.digest, outcome: 'pruned', detail });
      } catch (error) {
        if (codeOf(error) === 'CANCELLED') throw error;
        outcomes.push({ artifactId: artifact.id, digest: artifact.digest, outcome: 'failed', detail: messageOf(error) });
      }
    }
    return { kind: 'result', service, policy: view.policy, outcomes, keep: view.keep };
  };
}
