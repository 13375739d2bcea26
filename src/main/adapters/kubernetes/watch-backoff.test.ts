import { describe, expect, it } from 'vitest';
import { backoffDelayMs } from './watch-backoff';

describe('backoffDelayMs', () => {
  const settings = { initialMs: 1000, maxMs: 30_000 };

  it('doubles with each failure and stops at the cap', () => {
    const top = () => 1;
    expect([1, 2, 3, 4, 5, 6, 7].map((failures) => backoffDelayMs(failures, settings, top))).toEqual([1000, 2000, 4000, 8000, 16_000, 30_000, 30_000]);
  });

  it('spreads retries between half and all of the ceiling', () => {
    expect(backoffDelayMs(3, settings, () => 0)).toBe(2000);
    expect(backoffDelayMs(3, settings, () => 0.5)).toBe(3000);
    expect(backoffDelayMs(40, settings, () => 0)).toBe(15_000);
  });
});
