import { describe, expect, it } from 'vitest';
import type { ExperimentStatus } from '../../../../shared/domain/analysis';
import { experimentSentence, formatCount, formatPValue, intervalGeometry, stillNeededText } from './experiment-format';

const status: ExperimentStatus = {
  service: 'web',
  environment: 'prod',
  design: 'fixed-horizon',
  confidence: 0.95,
  minimumEffect: 0.01,
  variants: [
    { variant: 'A', visitors: 1000, conversions: 100, rate: 0.1 },
    { variant: 'B', visitors: 1000, conversions: 120, rate: 0.12 }
  ],
  difference: { estimate: 0.02, low: -0.007, high: 0.047 },
  pValue: 0.16,
  verdict: 'no difference yet',
  visitorsStillNeeded: 13420,
  peekingGuard: 'Fixed horizon.',
  series: []
};

describe('the experiment in words', () => {
  it('states both rates, the difference with its interval, and the p-value', () => {
    expect(experimentSentence(status)).toBe('B converts 12.00 % against A’s 10.00 %: +2 pp (95 % interval −0.7 pp to +4.7 pp), p = 0.16.');
  });

  it('says how many visitors are still needed, or that there are enough', () => {
    expect(stillNeededText(status)).toBe('13\u202f420 more visitors per variant to detect ±1 pp.');
    expect(stillNeededText({ ...status, visitorsStillNeeded: null })).toBe('Enough visitors for the minimum effect.');
  });

  it('writes p-values and counts', () => {
    expect(formatPValue(0.0002)).toBe('p < 0.001');
    expect(formatPValue(0.0412)).toBe('p = 0.041');
    expect(formatPValue(null)).toBe('no p-value yet');
    expect(formatCount(1234567)).toBe('1\u202f234\u202f567');
    expect(formatCount(999)).toBe('999');
  });
});

describe('intervalGeometry', () => {
  it('centres zero and keeps the interval and the minimum effect on the strip', () => {
    const geometry = intervalGeometry(status.difference, 0.01);
    expect(geometry.zero).toBe(50);
    expect(geometry.extent).toBeCloseTo(0.047 * 1.2);
    expect(geometry.low).toBeLessThan(50);
    expect(geometry.high).toBeGreaterThan(geometry.estimate);
    expect(geometry.estimate).toBeGreaterThan(50);
    expect(geometry.minimumEffect?.below).toBeCloseTo(100 - (geometry.minimumEffect?.above ?? 0));
    for (const position of [geometry.low, geometry.high, geometry.estimate]) {
      expect(position).toBeGreaterThanOrEqual(0);
      expect(position).toBeLessThanOrEqual(100);
    }
  });

  it('is as wide as the minimum effect when the interval is narrower', () => {
    const geometry = intervalGeometry({ estimate: 0, low: -0.001, high: 0.001 }, 0.02);
    expect(geometry.extent).toBeCloseTo(0.024);
    expect(geometry.minimumEffect?.above).toBeCloseTo(((0.02 + 0.024) / 0.048) * 100);
  });

  it('does not collapse when everything is zero', () => {
    expect(intervalGeometry({ estimate: 0, low: 0, high: 0 }, 0).extent).toBeGreaterThan(0);
  });
});
