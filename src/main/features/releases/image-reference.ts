import { locateArtifact } from '../artifacts/artifact-location';

/**
 * What the engine runs for an artifact: `repository@sha256:…` for an artifact in a registry, or the image
 * ID itself for a local artifact (a service without an image repository records its image ID as digest).
 */
export function imageReferenceOf(artifact: { readonly imageRepository: string; readonly digest: string }): string {
  return locateArtifact(artifact.imageRepository).kind === 'registry' ? `${artifact.imageRepository}@${artifact.digest}` : artifact.digest;
}
