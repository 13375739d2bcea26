// Builds an image from a checkout with the engine's builder, tagged by commit (and version).
import type { BuildEvent, BuildRequest, BuiltImage } from '../../ports/containers';
import { AppError } from '../../../shared/result';
import { prepareBuildContext } from './build-context';
import { BuildOutput } from './build-output';
import { abortable, toAppError } from './docker-errors';
import type { Engine } from './docker-engine';
import { artifactReferences, SHORT_SHA_LENGTH, splitReference } from './image-tags';
import { asReadable, readEngineMessages, StreamCutOff } from './json-messages';

export async function buildImage(engine: Engine, request: BuildRequest, onEvent: (event: BuildEvent) => void, signal?: AbortSignal): Promise<BuiltImage> {
  const references = artifactReferences(request.repository, request.commitSha, request.version);
  const context = await prepareBuildContext(request.checkoutDir, request.context, request.dockerfile);
  const labels: Record<string, string> = {
    ...request.labels,
    'org.opencontainers.image.revision': request.commitSha.toLowerCase()
  };
  if (request.version !== undefined) labels['org.opencontainers.image.version'] = request.version;

  const endpoint = engine.info.endpoint;
  const what = `Building ${request.repository} at ${request.commitSha.slice(0, SHORT_SHA_LENGTH)}`;
  const output = new BuildOutput(onEvent);
  try {
    onEvent({ kind: 'progress', progress: { fraction: 0, detail: 'Sending the build context' } });
    // dockerode packs `src` from `context` and drops what .dockerignore excludes (Docker's own rules).
    const stream = await engine.docker.buildImage(
      { context: context.contextDir, src: [...context.entries] },
      { t: references[0] ?? request.repository, dockerfile: context.dockerfile, labels, rm: true, forcerm: true, ...abortable(signal) }
    );
    await readEngineMessages(asReadable(stream), (message) => output.accept(message), signal);
    output.flush();
  } catch (error) {
    if (error instanceof StreamCutOff && signal?.aborted !== true) {
      throw new AppError('BUILD_FAILED', `${what} failed: the Docker engine closed the connection (${error.message}).`, 'Check that the engine is still running, then re-run.');
    }
    throw toAppError(error, { endpoint, what, signal, fallback: 'BUILD_FAILED' });
  }
  if (output.failure !== null) {
    throw new AppError('BUILD_FAILED', output.failure, 'Fix the Dockerfile step (its output is in the log above), then re-run.');
  }
  try {
    // The builder applied the first tag; the others point at the same image.
    const image = engine.docker.getImage(references[0] ?? request.repository);
    for (const reference of references.slice(1)) {
      const { repository, tag } = splitReference(reference);
      await image.tag({ repo: repository, tag });
    }
    const imageId = output.imageId ?? (await image.inspect()).Id;
    onEvent({ kind: 'progress', progress: { fraction: 1, detail: 'Built' } });
    return { imageId, tags: references };
  } catch (error) {
    throw toAppError(error, { endpoint, what: `Tagging the image of ${request.commitSha.slice(0, SHORT_SHA_LENGTH)}`, signal });
  }
}
