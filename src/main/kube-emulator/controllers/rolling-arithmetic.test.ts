import { describe, expect, it } from 'vitest';
import { resolveFenceposts, scaledValue } from './rolling-arithmetic';

describe('rolling-update arithmetic', () => {
  it('rounds maxSurge percentages up and maxUnavailable percentages down, as the Deployment controller does', () => {
    expect(resolveFenceposts('25%', '25%', 3)).toEqual({ surge: 1, unavailable: 0 });
    expect(resolveFenceposts('25%', '25%', 10)).toEqual({ surge: 3, unavailable: 2 });
    expect(resolveFenceposts('30%', '30%', 5)).toEqual({ surge: 2, unavailable: 1 });
    expect(resolveFenceposts(2, 1, 10)).toEqual({ surge: 2, unavailable: 1 });
  });

  it('makes maxUnavailable 1 when both come to zero, so a rollout can always move', () => {
    expect(resolveFenceposts('0%', '1%', 2)).toEqual({ surge: 0, unavailable: 1 });
    expect(resolveFenceposts(0, '25%', 1)).toEqual({ surge: 0, unavailable: 1 });
  });

  it('refuses strings that are not percentages', () => {
    expect(() => scaledValue('abc', 10, true)).toThrow('string is not a percentage');
  });
});
