// A stage's image: used when local, pulled when not; a pull that fails says both.
import type { OutputLine } from '../../ports/containers';
import { AppError } from '../../../shared/result';
import { abortable, engineMessage, statusCodeOf, toAppError } from './docker-errors';
import type { Engine } from './docker-engine';
import { asReadable, readEngineMessages } from './json-messages';

export async function ensureImage(engine: Engine, image: string, onLine: (line: OutputLine) => void, signal?: AbortSignal): Promise<void> {
  const what = `Preparing image ${image}`;
  try {
    await engine.docker.getImage(image).inspect();
    return;
  } catch (error) {
    if (statusCodeOf(error) !== 404) throw toAppError(error, { endpoint: engine.info.endpoint, what, signal });
  }
  onLine({ stream: 'stderr', text: `Pulling ${image} (not available locally)…` });
  let failure: string | null = null;
  try {
    const stream = asReadable(await engine.docker.pull(image, abortable(signal)));
    await readEngineMessages(
      stream,
      (message) => {
        if (message.error !== undefined || message.errorDetail?.message !== undefined) failure = message.errorDetail?.message ?? message.error ?? 'unknown error';
      },
      signal
    );
  } catch (error) {
    if (signal?.aborted === true) throw toAppError(error, { endpoint: engine.info.endpoint, what, signal });
    failure = engineMessage(error);
  }
  if (failure !== null) {
    throw new AppError(
      'IMAGE_NOT_FOUND',
      `The image ${image} is not available locally and could not be pulled: ${failure}`,
      'Check the image name, build or load it locally, or log in to its registry.'
    );
  }
}
