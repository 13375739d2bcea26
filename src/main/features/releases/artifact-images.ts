/**
 * Where an artifact's image is, for running it and for a rollback's pre-flight: the local engine (by
 * image ID, or `repo@digest` when it was pulled or pushed here) or its registry.
 */
import type { Artifact } from '../../../shared/domain/artifacts';
import type { EnvironmentRuntimePort } from '../../ports/environment-runtime';
import type { RegistryEndpoint, RegistryPort } from '../../ports/registry';
import { locateArtifact } from '../artifacts/artifact-location';

export interface ArtifactPresence {
  readonly exists: boolean;
  /** Where it was found, or where it was looked for. */
  readonly where: string;
  readonly pruned: boolean;
  /** Why the registry could not be asked; absent when it answered. */
  readonly problem?: string;
}

export interface ArtifactImages {
  /** What the engine is asked to run: `repo@digest` for a registry artifact (pulled when missing), the image ID for a local one. */
  imageReference(artifact: Pick<Artifact, 'imageRepository' | 'digest'>): string;
  presence(artifact: Artifact, signal?: AbortSignal): Promise<ArtifactPresence>;
}

export function createArtifactImages(deps: {
  readonly runtime: EnvironmentRuntimePort;
  readonly openRegistry: (endpoint: RegistryEndpoint) => ReturnType<RegistryPort['open']>;
}): ArtifactImages {
  const byDigest = (artifact: Pick<Artifact, 'imageRepository' | 'digest'>) => `${artifact.imageRepository}@${artifact.digest}`;
  return {
    // A local artifact's digest is its image ID; a registry artifact's is its manifest digest.
    imageReference: (artifact) => (locateArtifact(artifact.imageRepository).kind === 'registry' ? byDigest(artifact) : artifact.digest),
    async presence(artifact, signal) {
      const pruned = artifact.pruned !== null;
      if (await deps.runtime.imageExists(artifact.digest, signal).catch(() => false)) return { exists: true, where: 'the local Docker engine', pruned };
      if (await deps.runtime.imageExists(byDigest(artifact), signal).catch(() => false)) return { exists: true, where: 'the local Docker engine', pruned };
      const location = locateArtifact(artifact.imageRepository);
      if (location.kind === 'local') return { exists: false, where: 'the local Docker engine', pruned };
      try {
        const exists = await deps.openRegistry({ host: location.name.host }).hasManifest(location.name.repository, artifact.digest, signal);
        return { exists, where: `the registry ${location.name.host}`, pruned };
      } catch (error) {
        const problem = error instanceof Error ? error.message : String(error);
        return { exists: false, where: `the registry ${location.name.host} (${problem})`, pruned, problem };
      }
    }
  };
}
