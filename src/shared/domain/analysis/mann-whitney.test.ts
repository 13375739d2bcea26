// Hand-checkable values; the SciPy comparison (src/main/testing/analysis-against-scipy.integration.test.ts) covers the rest.
import { describe, expect, it } from 'vitest';
import { exactUDistribution, intervalRank, mannWhitneyU, rankSums } from './mann-whitney';
import { normalQuantile } from './normal';

describe('mannWhitneyU', () => {
  it('uses the exact distribution for small samples without ties: 3 vs 3 fully separated is 1/20 one-sided', () => {
    const result = mannWhitneyU([4, 5, 6], [1, 2, 3], 'greater');
    expect(result).toMatchObject({ u: 9, method: 'exact' });
    expect(result.p).toBeCloseTo(1 / 20, 12);
    expect(mannWhitneyU([4, 5, 6], [1, 2, 3], 'two-sided').p).toBeCloseTo(2 / 20, 12);
    expect(mannWhitneyU([4, 5, 6], [1, 2, 3], 'less').p).toBeCloseTo(1, 12);
  });

  it('switches to the tie-corrected normal approximation when values tie', () => {
    const result = mannWhitneyU([1, 2, 2, 3], [2, 3, 4, 5], 'two-sided');
    expect(result.method).toBe('asymptotic');
    expect(result.u).toBe(2.5); // 3 > 2, and three tied pairs count half
  });

  it('is p = 1 when every value is the same (no variance, nothing to see)', () => {
    expect(mannWhitneyU([0, 0, 0], [0, 0, 0, 0], 'greater').p).toBe(1);
  });

  it('averages the ranks of ties', () => {
    expect(rankSums([1, 2], [2, 3])).toEqual({ rankSumX: 1 + 2.5, tieTerm: 6, hasTies: true });
  });
});

describe('exactUDistribution', () => {
  it('is the Gaussian binomial: sums to 1, symmetric, and matches counted arrangements for 2 vs 3', () => {
    const distribution = Array.from(exactUDistribution(2, 3));
    // C(5, 2) = 10 arrangements; U = 0..6 occurs 1, 1, 2, 2, 2, 1, 1 times.
    expect(distribution.map((p) => Math.round(p * 10))).toEqual([1, 1, 2, 2, 2, 1, 1]);
    const large = Array.from(exactUDistribution(8, 300));
    expect(large.reduce((sum, p) => sum + p, 0)).toBeCloseTo(1, 12);
    expect(large[5]).toBeCloseTo(large.at(-6) as number, 15);
  });
});

describe('intervalRank', () => {
  it('picks the largest k with P(U ≤ k − 1) ≤ α/2 (exact), and 0 when no interval reaches the confidence', () => {
    // 5 vs 5: P(U ≤ 2) = 4/252 = 0.0159 ≤ 0.025 < P(U ≤ 3) = 7/252.
    expect(intervalRank(5, 5, 0, false, 0.95, normalQuantile)).toBe(3);
    expect(intervalRank(2, 2, 0, false, 0.95, normalQuantile)).toBe(0);
  });
});
