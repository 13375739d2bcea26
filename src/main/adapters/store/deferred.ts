import type Database from 'better-sqlite3';
import type { Deferred } from '../../ports/store';

/** Runs a synchronous write under the non-blocking writer (retry on a timer, STORE_BUSY, read-only refusal). */
export type RunWrite = <T>(work: () => T, signal?: AbortSignal) => Promise<T>;

type Methods = Record<string, (...args: never[]) => unknown>;

/**
 * An aggregate's public face: reads answered at once (errors explained), each write an IMMEDIATE
 * transaction of its own, run by `runWrite` so it never blocks the event loop. `writes` lists every
 * write method, so a new one cannot be left synchronous by mistake.
 */
export function exposeAggregate<Reads extends object, Writes extends object>(
  db: Database.Database,
  aggregate: Reads & Writes,
  writes: { readonly [K in keyof Writes]: true },
  runWrite: RunWrite,
  explain: (error: unknown) => unknown
): Reads & Deferred<Writes> {
  const methods = aggregate as unknown as Methods;
  const exposed: Record<string, unknown> = {};
  for (const [name, method] of Object.entries(methods)) {
    exposed[name] =
      name in writes
        ? // IMMEDIATE: take the write lock up front, so two processes never both pass a check and then both write.
          (...args: never[]) => {
            // A trailing AbortSignal is the caller's, not the method's (see Deferred).
            const last: unknown = args.at(-1);
            const signal = last instanceof AbortSignal ? last : undefined;
            const own = (signal ? args.slice(0, -1) : args) as never[];
            return runWrite(() => db.transaction(() => method(...own)).immediate(), signal);
          }
        : (...args: never[]) => {
            try {
              return method(...args);
            } catch (error) {
              throw explain(error);
            }
          };
  }
  return exposed as Reads & Deferred<Writes>;
}
