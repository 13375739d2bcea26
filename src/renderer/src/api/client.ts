import type { CallInput, CallName, CallOutput, EventName, EventPayloads } from '../../../shared/contract';
import type { AppErrorData, Result } from '../../../shared/result';
import type { ShipdeckBridge } from '../../../shared/transport';
import { createBrowserBridge } from './browser-bridge';

declare global {
  interface Window {
    /** Present in Electron (preload); absent in browser mode. */
    readonly shipdeck?: ShipdeckBridge;
  }
}

const bridge: ShipdeckBridge =
  window.shipdeck ?? createBrowserBridge(window.location, window.sessionStorage, window.history);

/** The renderer's typed view of the contract: names, inputs and results all checked at compile time. */
export async function call<N extends CallName>(name: N, input: CallInput<N>): Promise<Result<CallOutput<N>>> {
  try {
    return (await bridge.call(name, input)) as Result<CallOutput<N>>;
  } catch (error) {
    return {
      ok: false,
      error: {
        code: 'INTERNAL',
        message: `Shipdeck's backend did not answer: ${error instanceof Error ? error.message : String(error)}`,
        hint: 'If Shipdeck was closed or restarted, reload this page.'
      }
    };
  }
}

/** Like call, but throws the error data; for code paths that show errors through a boundary. */
export async function callOrThrow<N extends CallName>(name: N, input: CallInput<N>): Promise<CallOutput<N>> {
  const result = await call(name, input);
  if (!result.ok) throw new CallError(result.error);
  return result.value;
}

export class CallError extends Error {
  readonly data: AppErrorData;
  constructor(data: AppErrorData) {
    super(data.message);
    this.data = data;
  }
}

type Listener<N extends EventName> = (payload: EventPayloads[N]) => void;
const listeners = new Map<EventName, Set<Listener<EventName>>>();
let unsubscribeBridge: (() => void) | null = null;

/** Subscribes to one stream event; returns the unsubscribe function. */
export function onEvent<N extends EventName>(name: N, listener: Listener<N>): () => void {
  if (!unsubscribeBridge) {
    unsubscribeBridge = bridge.onEvent((eventName, payload) => {
      listeners.get(eventName as EventName)?.forEach((l) => l(payload as EventPayloads[EventName]));
    });
  }
  const set = listeners.get(name) ?? new Set();
  set.add(listener as Listener<EventName>);
  listeners.set(name, set);
  return () => set.delete(listener as Listener<EventName>);
}
