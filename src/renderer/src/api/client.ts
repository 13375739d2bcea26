import type {
  CallInput,
  CallName,
  CallOutput,
  StreamInput,
  StreamItem,
  StreamName
} from '../../../shared/contract';
import { isAppErrorData, type AppErrorData, type Result } from '../../../shared/result';
import type { ShipdeckBridge } from '../../../shared/transport';
import { createBrowserBridge } from './browser-bridge';
import { CallError } from './call-error';

export { CallError };

declare global {
  interface Window {
    /** Present in Electron (preload); absent in browser mode. */
    readonly shipdeck?: ShipdeckBridge;
  }
}

const bridge: ShipdeckBridge =
  window.shipdeck ?? createBrowserBridge(window.location, window.sessionStorage, window.history);

let nextCallId = 1;

/** The renderer's typed view of the contract: names, inputs and results all checked at compile time. */
export async function call<N extends CallName>(
  name: N,
  input: CallInput<N>,
  options: { readonly signal?: AbortSignal } = {}
): Promise<Result<CallOutput<N>>> {
  const callId = String(nextCallId++);
  const onAbort = () => bridge.cancel(callId);
  options.signal?.addEventListener('abort', onAbort, { once: true });
  try {
    return (await bridge.call(name, input, callId)) as Result<CallOutput<N>>;
  } catch (error) {
    if (options.signal?.aborted) return { ok: false, error: { code: 'CANCELLED', message: `${name} was cancelled.` } };
    return {
      ok: false,
      error: {
        code: 'INTERNAL',
        message: `Shipdeck's backend did not answer: ${error instanceof Error ? error.message : String(error)}`,
        hint: 'If Shipdeck was closed or restarted, reload this page.'
      }
    };
  } finally {
    options.signal?.removeEventListener('abort', onAbort);
  }
}

/** Like call, but throws the error data (as CallError); what the query layer uses. */
export async function callOrThrow<N extends CallName>(
  name: N,
  input: CallInput<N>,
  options: { readonly signal?: AbortSignal } = {}
): Promise<CallOutput<N>> {
  const result = await call(name, input, options);
  if (!result.ok) throw new CallError(result.error);
  return result.value;
}


export interface StreamHandlers<Item> {
  /** Items in order, each batch numbered by its first item. */
  onItems(items: readonly Item[], seq: number): void;
  /** The link was lost for too long: the stream starts over; drop what was derived from it. */
  onReset?(): void;
  /** The stream is over (with the reason when it failed). */
  onEnd?(error: AppErrorData | null): void;
}

/** Subscribes to a contract stream; returns the function that unsubscribes. */
export function subscribe<N extends StreamName>(
  name: N,
  input: StreamInput<N>,
  handlers: StreamHandlers<StreamItem<N>>
): () => void {
  return bridge.subscribe(name, input, (message) => {
    switch (message.type) {
      case 'batch':
        return handlers.onItems(message.items as readonly StreamItem<N>[], message.seq);
      case 'reset':
        return handlers.onReset?.();
      case 'end':
        return handlers.onEnd?.(
          message.error === undefined
            ? null
            : isAppErrorData(message.error)
              ? message.error
              : { code: 'INTERNAL', message: 'The stream failed.' }
        );
    }
  });
}
