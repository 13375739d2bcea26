// The artifact's image as an environment needs it: present (pulled when it can be), and its container
// configuration for a rollback's pre-flight.
import type { ImageConfigSummary } from '../../ports/environment-runtime';
import { AppError } from '../../../shared/result';
import { cancelled, statusCodeOf, toAppError } from './docker-errors';
import type { Engine } from './docker-engine';
import { ensureImage } from './ensure-image';
import { imageNotFound, isAborted, isLocalImageId } from './environment-runtime-errors';

/** How long asking a registry whether it has an image may take before the answer is "no". */
const REGISTRY_CHECK_TIMEOUT_MS = 10_000;

async function isLocal(engine: Engine, reference: string, signal?: AbortSignal): Promise<boolean> {
  try {
    await engine.docker.getImage(reference).inspect();
    return true;
  } catch (error) {
    if (statusCodeOf(error) === 404) return false;
    throw toAppError(error, { endpoint: engine.info.endpoint, what: `Looking for the image ${reference}`, signal });
  }
}

export async function imageExists(engine: Engine, reference: string, signal?: AbortSignal): Promise<boolean> {
  if (isAborted(signal)) throw cancelled(`Looking for the image ${reference}`);
  if (await isLocal(engine, reference, signal)) return true;
  if (isLocalImageId(reference)) return false;
  // The engine asks the image's registry for its manifest, with the engine's credentials, without pulling.
  // dockerode cannot cancel this call, so the wait for it is bounded instead.
  const stop = signal === undefined ? AbortSignal.timeout(REGISTRY_CHECK_TIMEOUT_MS) : AbortSignal.any([signal, AbortSignal.timeout(REGISTRY_CHECK_TIMEOUT_MS)]);
  let onStop: (() => void) | undefined;
  const answered = await Promise.race([
    engine.docker
      .getImage(reference)
      .distribution()
      .then(
        () => true,
        () => false
      ),
    new Promise<boolean>((resolve) => {
      onStop = () => resolve(false);
      stop.addEventListener('abort', onStop, { once: true });
    })
  ]).finally(() => {
    if (onStop !== undefined) stop.removeEventListener('abort', onStop);
  });
  if (isAborted(signal)) throw cancelled(`Looking for the image ${reference}`);
  return answered;
}

/** Local, or pulled now; otherwise IMAGE_NOT_FOUND naming the reference. */
export async function ensureInstanceImage(engine: Engine, reference: string, signal?: AbortSignal): Promise<void> {
  if (isLocalImageId(reference)) {
    if (!(await isLocal(engine, reference, signal))) throw imageNotFound(reference);
    return;
  }
  try {
    await ensureImage(engine, reference, () => undefined, signal);
  } catch (error) {
    if (error instanceof AppError && error.code === 'IMAGE_NOT_FOUND') throw imageNotFound(reference, error.message);
    throw error;
  }
}

interface InspectedImageConfig {
  readonly Env?: readonly string[] | null;
  readonly Cmd?: readonly string[] | string | null;
  readonly Entrypoint?: readonly string[] | string | null;
  readonly ExposedPorts?: Record<string, unknown> | null;
  readonly User?: string | null;
  readonly WorkingDir?: string | null;
}

const asList = (value: readonly string[] | string | null | undefined): string[] => (value === null || value === undefined ? [] : typeof value === 'string' ? [value] : [...value]);

export async function imageConfig(engine: Engine, reference: string): Promise<ImageConfigSummary | null> {
  let config: InspectedImageConfig;
  try {
    const image = (await engine.docker.getImage(reference).inspect()) as { Config?: InspectedImageConfig | null };
    config = image.Config ?? {};
  } catch (error) {
    if (statusCodeOf(error) === 404) return null;
    throw toAppError(error, { endpoint: engine.info.endpoint, what: `Inspecting the image ${reference}` });
  }
  return {
    env: asList(config.Env),
    cmd: asList(config.Cmd),
    entrypoint: asList(config.Entrypoint),
    exposedPorts: Object.keys(config.ExposedPorts ?? {}).sort(),
    user: config.User ?? '',
    workingDir: config.WorkingDir ?? ''
  };
}
