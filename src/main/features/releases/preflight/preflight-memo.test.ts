import { describe, expect, it } from 'vitest';
import { createMemo } from './preflight-memo';

describe('createMemo', () => {
  it('computes once per key, evicts the least recently used, and forgets after its time', async () => {
    let clock = 0;
    let computed = 0;
    const memo = createMemo<number>({ limit: 2, ttlMs: 1000, now: () => clock });
    const get = (key: string) => memo.get(key, async () => ++computed);
    expect(await get('a')).toBe(1);
    expect(await get('a')).toBe(1);
    await get('b');
    await get('a');
    await get('c'); // evicts b, the least recently used
    expect(await get('a')).toBe(1);
    expect(await get('b')).toBe(4);
    clock = 1000;
    expect(await get('b')).toBe(5);
  });

  it('keeps only what `keep` accepts, and never a failure', async () => {
    const memo = createMemo<boolean>({ limit: 5, keep: (exists) => exists });
    let calls = 0;
    await memo.get('x', async () => (++calls, false));
    await memo.get('x', async () => (++calls, false));
    expect(calls).toBe(2);
    await expect(memo.get('y', () => Promise.reject(new Error('down')))).rejects.toThrow('down');
    expect(await memo.get('y', async () => true)).toBe(true);
  });
});
