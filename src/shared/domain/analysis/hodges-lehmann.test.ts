import { describe, expect, it } from 'vitest';
import { sortedCopy } from './descriptive';
import { hodgesLehmann, kthDifference } from './hodges-lehmann';
import { seededRandom } from './random';

const allDifferences = (x: Float64Array, y: Float64Array) => sortedCopy(Array.from(x).flatMap((xi) => Array.from(y, (yj) => xi - yj)));

describe('kthDifference', () => {
  it('selects the same order statistic as listing and sorting every difference, with and without ties', () => {
    const random = seededRandom(11);
    for (const [m, n, discrete] of [
      [7, 5, false],
      [40, 33, false],
      [60, 80, true],
      [1, 9, true]
    ] as const) {
      const draw = () => (discrete ? Math.floor(random.next() * 5) : random.normal());
      const x = sortedCopy(Array.from({ length: m }, draw));
      const y = sortedCopy(Array.from({ length: n }, draw));
      const reference = allDifferences(x, y);
      for (const k of [1, 2, Math.ceil((m * n) / 3), Math.floor((m * n) / 2), m * n - 1, m * n]) {
        if (k >= 1) expect(kthDifference(x, y, k), `${m}×${n} k=${k}`).toBe(reference[k - 1]);
      }
    }
  });

  it('stays fast on a 3-hour step of 15-second points (720 × 720 differences never listed)', () => {
    const random = seededRandom(3);
    const x = sortedCopy(Array.from({ length: 720 }, () => random.normal()));
    const y = sortedCopy(Array.from({ length: 720 }, () => random.normal()));
    const estimate = hodgesLehmann(x, y, 0.95);
    expect(estimate.low as number).toBeLessThan(estimate.estimate);
    expect(estimate.high as number).toBeGreaterThan(estimate.estimate);
  });
});

describe('hodgesLehmann', () => {
  it('is the median of the pairwise differences, with an interval of order statistics', () => {
    // Differences of [1, 2, 3.5] − [4, 5, 6, 7]: at 90 % the exact k is 1, so the interval is min … max.
    expect(hodgesLehmann([1, 2, 3.5], [4, 5, 6, 7], 0.9)).toEqual({ estimate: -3.25, low: -6, high: -0.5 });
  });

  it('is the median of every difference, also with many ties and an even count', () => {
    const random = seededRandom(5);
    for (const [m, n] of [
      [20, 30],
      [64, 50],
      [9, 9]
    ] as const) {
      const x = sortedCopy(Array.from({ length: m }, () => Math.floor(random.next() * 4)));
      const y = sortedCopy(Array.from({ length: n }, () => Math.floor(random.next() * 4)));
      const all = allDifferences(x, y);
      const half = all.length / 2;
      const median = all.length % 2 === 1 ? all[Math.floor(half)] : ((all[half - 1] as number) + (all[half] as number)) / 2;
      expect(hodgesLehmann(x, y, 0.95).estimate, `${m}×${n}`).toBe(median);
    }
  });

  it('has no interval when the samples are too small for the confidence', () => {
    expect(hodgesLehmann([1, 2], [3, 4], 0.95)).toEqual({ estimate: -2, low: null, high: null });
  });
});
