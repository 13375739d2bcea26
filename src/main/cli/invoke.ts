import type { CallInput, CallName, CallOutput, StreamInput, StreamItem, StreamName } from '../../shared/contract';
import { AppError } from '../../shared/result';
import type { CoreConnection } from '../api/connection';

/** One call, through the same validation and error envelope as the app's calls; AppError on failure. */
export async function invoke<N extends CallName>(
  core: CoreConnection,
  name: N,
  input: CallInput<N>,
  signal?: AbortSignal
): Promise<CallOutput<N>> {
  const result = await core.call(name, input, signal);
  if (!result.ok) throw new AppError(result.error.code, result.error.message, result.error.hint);
  return result.value as CallOutput<N>;
}

/**
 * Subscribes to a stream and hands each batch to `onItems` as it arrives; resolves when the stream
 * ends, rejects with its error. Aborting `signal` unsubscribes (the core stops the work) and rejects.
 */
export async function consume<N extends StreamName>(
  core: CoreConnection,
  name: N,
  input: StreamInput<N>,
  onItems: (items: readonly StreamItem<N>[]) => void,
  signal: AbortSignal
): Promise<void> {
  let subscription: string | undefined;
  const ended = new Promise<void>((resolve, reject) => {
    const stop = () => {
      if (subscription !== undefined) core.unsubscribe(subscription);
      reject(new AppError('CANCELLED', `${name} was stopped.`));
    };
    signal.addEventListener('abort', stop, { once: true });
    void core
      .subscribe(name, input, (message) => {
        if (message.type === 'batch') return onItems(message.items as readonly StreamItem<N>[]);
        signal.removeEventListener('abort', stop);
        if (message.error) reject(new AppError(message.error.code, message.error.message, message.error.hint));
        else resolve();
      })
      .then((result) => {
        if (!result.ok) {
          signal.removeEventListener('abort', stop);
          reject(new AppError(result.error.code, result.error.message, result.error.hint));
        } else {
          subscription = result.value.subscription;
          if (signal.aborted) core.unsubscribe(subscription);
        }
      }, reject);
  });
  return ended;
}
