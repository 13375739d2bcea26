// Makes an image from a root filesystem tarball (`docker import`). Used to provide a base image where
// none can be pulled (tests, CI); `importImage` works on engine 20.10 where `createImage(fromSrc)` did not.
import { Readable } from 'node:stream';
import { AppError } from '../../../shared/result';
import { toAppError } from './docker-errors';
import { connectEngine } from './docker-engine';
import { resolveEngineEndpoint } from './engine-endpoint';
import { splitReference } from './image-tags';
import { asReadable, readEngineMessages } from './json-messages';

export interface ImportOptions {
  readonly dockerHost?: string;
  /** Dockerfile instructions applied to the image, e.g. `CMD ["sh"]`. */
  readonly changes?: readonly string[];
}

/** Imports `rootfsTar` (an uncompressed tar of a root filesystem) as `reference`; returns the image ID. */
export async function importRootfsImage(rootfsTar: Buffer, reference: string, options: ImportOptions = {}): Promise<string> {
  const engine = await connectEngine(resolveEngineEndpoint(options.dockerHost ?? process.env.DOCKER_HOST));
  const { repository, tag } = splitReference(reference);
  let failure: string | null = null;
  try {
    const stream = await engine.docker.importImage(Readable.from([rootfsTar]), { repo: repository, tag, changes: [...(options.changes ?? [])] });
    await readEngineMessages(asReadable(stream), (message) => {
      if (message.error !== undefined) failure = message.errorDetail?.message ?? message.error;
    });
  } catch (error) {
    throw toAppError(error, { endpoint: engine.info.endpoint, what: `Importing ${reference}` });
  }
  if (failure !== null) throw new AppError('DOCKER_FAILED', `Importing ${reference} failed: ${failure}`);
  const image = (await engine.docker.getImage(reference).inspect()) as { Id: string };
  return image.Id;
}
