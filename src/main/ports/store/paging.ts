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
