/**
 * The asynchronous face of a group of synchronous writes: outside a transaction each write waits for
 * another process's lock on a timer, so the event loop is never blocked.
 */
export type Deferred<Writes> = {
  readonly [K in keyof Writes]: Writes[K] extends (...args: infer A) => infer R ? (...args: A) => Promise<R> : never;
};
