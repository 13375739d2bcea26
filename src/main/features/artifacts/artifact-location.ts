import { splitImageRepository, type ImageRepositoryName } from '../../ports/registry';

/**
 * Where an artifact's image lives: in a registry (the repository names a host: `127.0.0.1:5000/shop/api`,
 * `ghcr.io/org/api`), or only in the local engine (a service without an image repository keeps local
 * artifacts, identified by image ID). Docker Hub repositories are named with their host (`docker.io/org/api`).
 */
export type ArtifactLocation = { readonly kind: 'registry'; readonly name: ImageRepositoryName } | { readonly kind: 'local' };

export function locateArtifact(imageRepository: string): ArtifactLocation {
  const first = imageRepository.split('/')[0] ?? '';
  const namesHost = imageRepository.includes('/') && (first.includes('.') || first.includes(':') || first === 'localhost');
  const name = namesHost ? splitImageRepository(imageRepository) : null;
  return name ? { kind: 'registry', name } : { kind: 'local' };
}
