// Inspect, list and remove local images, as domain ImageDetails.
import type { ImageDetails } from '../../ports/containers';
import { AppError } from '../../../shared/result';
import { abortable, engineMessage, statusCodeOf, toAppError } from './docker-errors';
import type { Engine } from './docker-engine';
import { assertRepository, splitReference } from './image-tags';

/** `<none>:<none>` is how the engine shows an untagged image; it is no tag. */
const realTags = (tags: readonly string[] | null | undefined): string[] => (tags ?? []).filter((tag) => !tag.startsWith('<none>'));

export async function inspectImage(engine: Engine, reference: string, signal?: AbortSignal): Promise<ImageDetails | null> {
  try {
    const image = await engine.docker.getImage(reference).inspect();
    return {
      id: image.Id,
      repoTags: realTags(image.RepoTags),
      repoDigests: realTags(image.RepoDigests),
      created: new Date(image.Created).toISOString(),
      sizeBytes: image.Size
    };
  } catch (error) {
    if (statusCodeOf(error) === 404) return null;
    throw toAppError(error, { endpoint: engine.info.endpoint, what: `Inspecting ${reference}`, signal });
  }
}

export async function listImages(engine: Engine, repository: string, signal?: AbortSignal): Promise<ImageDetails[]> {
  assertRepository(repository);
  try {
    const images = await engine.docker.listImages({ filters: { reference: [repository] }, ...abortable(signal) });
    return images
      .filter((image) => realTags(image.RepoTags).some((tag) => splitReference(tag).repository === repository))
      .map((image) => ({
        id: image.Id,
        repoTags: realTags(image.RepoTags),
        repoDigests: realTags(image.RepoDigests),
        created: new Date(image.Created * 1000).toISOString(),
        sizeBytes: image.Size
      }));
  } catch (error) {
    throw toAppError(error, { endpoint: engine.info.endpoint, what: `Listing images of ${repository}`, signal });
  }
}

export async function removeImage(engine: Engine, reference: string, force: boolean, signal?: AbortSignal): Promise<void> {
  try {
    await engine.docker.getImage(reference).remove({ force, ...abortable(signal) });
  } catch (error) {
    const status = statusCodeOf(error);
    if (status === 404) throw new AppError('IMAGE_NOT_FOUND', `No local image ${reference}.`);
    if (status === 409) {
      throw new AppError('DOCKER_FAILED', `${reference} is in use: ${engineMessage(error)}`, 'Stop the containers that use it, or remove it with force.');
    }
    throw toAppError(error, { endpoint: engine.info.endpoint, what: `Removing ${reference}`, signal });
  }
}
