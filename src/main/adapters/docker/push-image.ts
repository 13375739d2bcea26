// Pushes one tag through the engine and returns the manifest digest the registry confirmed (the push
// stream's final `aux.Digest`). No digest, no success: an artifact is only recorded once it is known.
import type { Progress, PushedImage, PushRequest, RegistryAuth } from '../../ports/containers';
import { AppError } from '../../../shared/result';
import { abortable, toAppError } from './docker-errors';
import type { Engine } from './docker-engine';
import { splitReference } from './image-tags';
import { asReadable, readEngineMessages, StreamCutOff } from './json-messages';

/** The registry host of a reference (`127.0.0.1:5000/shop/api` → `127.0.0.1:5000`), Docker Hub otherwise. */
export function registryHost(repository: string): string {
  const first = repository.split('/')[0] ?? '';
  const isHost = repository.includes('/') && (first.includes('.') || first.includes(':') || first === 'localhost');
  return isHost ? first : 'docker.io';
}

/** The engine's X-Registry-Auth object. The engine wants the header even without credentials. */
function authConfig(auth: RegistryAuth | undefined, serveraddress: string): Record<string, string> {
  if (auth === undefined) return {};
  return auth.kind === 'password'
    ? { username: auth.username, password: auth.password, serveraddress }
    : { identitytoken: auth.identityToken, serveraddress };
}

class LayerProgress {
  private readonly layers = new Map<string, { current: number; total: number; done: boolean }>();

  update(id: string, status: string, current?: number, total?: number): Progress {
    const layer = this.layers.get(id) ?? { current: 0, total: 0, done: false };
    if (total !== undefined && total > 0) layer.total = total;
    if (current !== undefined) layer.current = current;
    if (/^(Pushed|Layer already exists|Mounted from)/.test(status)) layer.done = true;
    this.layers.set(id, layer);
    const all = [...this.layers.values()];
    const total_ = all.reduce((sum, entry) => sum + entry.total, 0);
    const sent = all.reduce((sum, entry) => sum + (entry.done ? entry.total : Math.min(entry.current, entry.total)), 0);
    const doneCount = all.filter((entry) => entry.done).length;
    // Until every layer still to send has announced its size, count layers rather than bytes.
    const sizesKnown = total_ > 0 && all.every((entry) => entry.done || entry.total > 0);
    return {
      fraction: sizesKnown ? sent / total_ : all.length > 0 ? doneCount / all.length : null,
      // The engine retries a failed layer upload a few times (about 50 s in all): say so.
      detail: /^Retrying/.test(status) ? `${doneCount}/${all.length} layers — ${status}` : `${doneCount}/${all.length} layers`
    };
  }
}

export async function pushImage(engine: Engine, request: PushRequest, onProgress: (progress: Progress) => void, signal?: AbortSignal): Promise<PushedImage> {
  const { repository, tag } = splitReference(request.reference);
  const host = registryHost(repository);
  const what = `Pushing ${request.reference}`;
  const layers = new LayerProgress();
  let digest: string | null = null;
  let failure: string | null = null;
  try {
    const stream = await engine.docker
      .getImage(repository)
      .push({ tag, authconfig: authConfig(request.auth, host), ...abortable(signal) });
    await readEngineMessages(
      asReadable(stream),
      (message) => {
        if (message.aux?.Digest !== undefined) digest = message.aux.Digest;
        if (message.error !== undefined || message.errorDetail?.message !== undefined) {
          failure = (message.errorDetail?.message ?? message.error ?? 'unknown error').trim();
        } else if (message.id !== undefined && message.status !== undefined) {
          onProgress(layers.update(message.id, message.status, message.progressDetail?.current, message.progressDetail?.total));
        }
      },
      signal
    );
  } catch (error) {
    if (error instanceof StreamCutOff && signal?.aborted !== true) {
      throw new AppError('PUSH_FAILED', `${what} was cut off: ${error.message}.`, 'Check that the Docker engine and the registry are running, then push again.');
    }
    throw toAppError(error, { endpoint: engine.info.endpoint, what, signal, fallback: 'PUSH_FAILED' });
  }
  if (failure !== null) throw pushFailure(what, host, failure);
  if (digest === null) {
    throw new AppError('PUSH_FAILED', `${what}: the registry did not confirm the push (no manifest digest).`, 'Push again; nothing was recorded.');
  }
  onProgress({ fraction: 1, detail: 'Pushed' });
  return { reference: request.reference, digest };
}

function pushFailure(what: string, host: string, reason: string): AppError {
  if (/unauthorized|authentication required|denied|forbidden/i.test(reason)) {
    return new AppError('PUSH_FAILED', `${what} was refused by ${host}: ${reason}`, `Check the credentials for ${host} (shipdeck registry login ${host}).`);
  }
  if (/connection refused|EOF|broken pipe|connection reset|no such host|i\/o timeout/i.test(reason)) {
    return new AppError('PUSH_FAILED', `${what} failed: the registry ${host} stopped answering (${reason}).`, `Check that ${host} is running, then push again; nothing was recorded.`);
  }
  return new AppError('PUSH_FAILED', `${what} failed: ${reason}`);
}
