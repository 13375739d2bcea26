import { describe, expect, it } from 'vitest';
import { createLatestGuard, runLatest } from './latest-guard';

function deferred<T>() {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
}

describe('latest guard', () => {
  it('only the newest ticket is current', () => {
    const guard = createLatestGuard();
    const a = guard.next();
    const b = guard.next();
    expect(guard.isCurrent(a)).toBe(false);
    expect(guard.isCurrent(b)).toBe(true);
    guard.invalidate();
    expect(guard.isCurrent(b)).toBe(false);
  });

  it('a slow old response never overwrites a newer one', async () => {
    const guard = createLatestGuard();
    const applied: string[] = [];
    const slow = deferred<string>();
    const fast = deferred<string>();
    const first = runLatest(guard, () => slow.promise, (v) => applied.push(v));
    const second = runLatest(guard, () => fast.promise, (v) => applied.push(v));
    fast.resolve('new');
    slow.resolve('old');
    expect(await second).toBe(true);
    expect(await first).toBe(false);
    expect(applied).toEqual(['new']);
  });

  it('in-order responses apply the last one only once it is newest', async () => {
    const guard = createLatestGuard();
    const applied: string[] = [];
    await runLatest(guard, async () => 'a', (v) => applied.push(v));
    await runLatest(guard, async () => 'b', (v) => applied.push(v));
    expect(applied).toEqual(['a', 'b']);
  });

  it('invalidate drops a request in flight', async () => {
    const guard = createLatestGuard();
    const applied: string[] = [];
    const pending = deferred<string>();
    const run = runLatest(guard, () => pending.promise, (v) => applied.push(v));
    guard.invalidate();
    pending.resolve('late');
    expect(await run).toBe(false);
    expect(applied).toEqual([]);
  });
});
