/**
 * What a pre-flight computed that does not change between the pre-flight a person reads and the rollback
 * they confirm a moment later: the commits and migrations between two commit SHAs (immutable: cached
 * until evicted) and that the target artifact exists (cached for a minute, and only when it does). The
 * rollback recomputes its pre-flight at the call; without these it would read git and the registry again
 * and the 2 AM rollback would wait ~0.2 s for answers it already had.
 */
export interface Memo<T> {
  get(key: string, compute: () => Promise<T>): Promise<T>;
}

export function createMemo<T>(options: { readonly limit: number; readonly ttlMs?: number; readonly keep?: (value: T) => boolean; readonly now?: () => number }): Memo<T> {
  const entries = new Map<string, { readonly value: T; readonly at: number }>();
  const now = options.now ?? Date.now;
  return {
    async get(key, compute) {
      const hit = entries.get(key);
      if (hit && (options.ttlMs === undefined || now() - hit.at < options.ttlMs)) {
        // Most recently used last: the first entry is the one evicted.
        entries.delete(key);
        entries.set(key, hit);
        return hit.value;
      }
      const value = await compute();
      if (options.keep?.(value) ?? true) {
        entries.set(key, { value, at: now() });
        if (entries.size > options.limit) entries.delete(entries.keys().next().value as string);
      }
      return value;
    }
  };
}

/** The pre-flight's memos, one set per views instance. */
export interface PreflightMemos {
  readonly comparisons: Memo<unknown>;
  readonly migrations: Memo<unknown>;
  readonly presence: Memo<unknown>;
}

const PRESENCE_TTL_MS = 60_000;

export const createPreflightMemos = (): PreflightMemos => ({
  comparisons: createMemo({ limit: 200 }),
  migrations: createMemo({ limit: 200 }),
  presence: createMemo({ limit: 200, ttlMs: PRESENCE_TTL_MS, keep: (value) => (value as { exists?: unknown }).exists === true })
});

/** `memo.get` typed for one call site (the memos hold several kinds of answer). */
export const remembered = <T>(memo: Memo<unknown> | undefined, key: string, compute: () => Promise<T>): Promise<T> =>
  memo ? (memo.get(key, compute) as Promise<T>) : compute();
