import { describe, expect, it } from 'vitest';
import { lazyPort } from './lazy-port';

interface Counter {
  add(n: number): Promise<number>;
}

describe('lazyPort', () => {
  it('loads the adapter on the first call only, and retries a failed load', async () => {
    let loads = 0;
    let fail = true;
    const port = lazyPort<Counter>(() => {
      loads++;
      if (fail) return Promise.reject(new Error('not installed'));
      let total = 0;
      return Promise.resolve({ add: (n: number) => Promise.resolve((total += n)) });
    }, { add: true });
    expect(loads).toBe(0);
    await expect(port.add(1)).rejects.toThrow('not installed');
    fail = false;
    expect(await port.add(2)).toBe(2);
    expect(await port.add(3)).toBe(5);
    expect(loads).toBe(2);
  });
});
