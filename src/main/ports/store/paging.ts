/** Newest-first paging by id: ask for `limit` records older than `beforeId` (all when absent). */
export interface PageRequest {
  readonly limit: number;
  readonly beforeId?: number | undefined;
}

export interface Page<T> {
  readonly items: readonly T[];
  /** Pass as `beforeId` for the next page; null when this was the last one. */
  readonly nextBeforeId: number | null;
}

/**
 * The asynchronous face of a group of synchronous writes: outside a transaction each write waits for
 * another process's lock on a timer, so the event loop is never blocked.
 */
export type Deferred<Writes> = {
  readonly [K in keyof Writes]: Writes[K] extends (...args: infer A) => infer R ? (...args: A) => Promise<R> : never;
};
