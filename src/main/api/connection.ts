import type { Result } from '../../shared/result';
import { dispatch } from './dispatch';
import type { Handlers } from './handlers';
import { StreamServer, type StreamListener, type StreamServerOptions } from './stream-server';

/**
 * How a transport (Electron relay, browser host, CLI) reaches the core: calls with cancellation, and
 * streams with subscribe / resume / detach / unsubscribe. The core may run in this process
 * (createLocalConnection) or in another one (core-client.ts); transports cannot tell.
 */
export interface CoreConnection {
  call(name: unknown, input: unknown, signal?: AbortSignal): Promise<Result<unknown>>;
  subscribe(name: unknown, input: unknown, listener: StreamListener): Promise<Result<{ subscription: string }>>;
  resume(subscription: string, afterSeq: number, listener: StreamListener): Promise<Result<void>>;
  /** The client's link dropped; the stream waits a while for resume. */
  detach(subscription: string): void;
  unsubscribe(subscription: string): void;
  /** Ends every stream and releases the core (store, clients). */
  close(): Promise<void>;
}

/** The core in this process. */
export function createLocalConnection(
  handlers: Handlers,
  onClose: () => void | Promise<void>,
  options?: StreamServerOptions
): CoreConnection {
  const streams = new StreamServer(handlers, options);
  return {
    call: (name, input, signal) => dispatch(handlers, name, input, signal),
    subscribe: async (name, input, listener) => streams.subscribe(name, input, listener),
    resume: async (subscription, afterSeq, listener) => streams.resume(subscription, afterSeq, listener),
    detach: (subscription) => streams.detach(subscription),
    unsubscribe: (subscription) => streams.unsubscribe(subscription),
    close: async () => {
      streams.close();
      await onClose();
    }
  };
}
