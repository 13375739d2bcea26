/**
 * The asynchronous face of a group of synchronous writes: outside a transaction each write waits for
 * another process's lock on a timer, so the event loop is never blocked. A signal passed last stops
 * the wait (the write then fails with CANCELLED and nothing is written).
 */
export type Deferred<Writes> = {
  readonly [K in keyof Writes]: Writes[K] extends (...args: infer A) => infer R
    ? (...args: [...A, signal?: AbortSignal]) => Promise<R>
    : never;
};
