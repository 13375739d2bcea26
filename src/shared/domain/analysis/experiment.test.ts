// Hand-checkable behaviour; the SciPy comparison checks the numbers.
import { describe, expect, it } from 'vitest';
import { describeExperiment, experimentStatistics, fixedHorizonSampleSize } from './experiment';

const options = { confidence: 0.95, minimumEffect: 0.02, power: 0.8 };

describe('experimentStatistics', () => {
  it('fixed horizon: no decision before the planned sample, however small the p-value', () => {
    const early = experimentStatistics({ a: { visitors: 1000, conversions: 100 }, b: { visitors: 1000, conversions: 160 } }, { ...options, design: 'fixed-horizon' });
    expect(early.zTestP as number).toBeLessThan(0.001);
    expect(early.verdict).toBe('no difference yet');
    expect(early.visitorsStillNeeded).toBe(early.plannedVisitorsPerVariant - 1000);
    expect(early.peekingGuard).toMatch(/^Fixed horizon: no decision before each variant has 3,\d{3} visitors/);
  });

  it('fixed horizon: decides once the planned sample is reached', () => {
    const planned = fixedHorizonSampleSize(0.1, 0.02, 0.95, 0.8);
    const win = experimentStatistics({ a: { visitors: planned, conversions: Math.round(planned * 0.1) }, b: { visitors: planned, conversions: Math.round(planned * 0.125) } }, { ...options, design: 'fixed-horizon' });
    expect(win).toMatchObject({ verdict: 'B wins', visitorsStillNeeded: null });
    expect(win.difference.low).toBeGreaterThan(0);
    const none = experimentStatistics({ a: { visitors: planned, conversions: Math.round(planned * 0.1) }, b: { visitors: planned, conversions: Math.round(planned * 0.101) } }, { ...options, design: 'fixed-horizon' });
    expect(none.verdict).toBe('no difference');
  });

  it('sequential: may stop early on a clear winner, with a wider (always-valid) interval than the fixed one', () => {
    const counts = { a: { visitors: 1000, conversions: 160 }, b: { visitors: 1000, conversions: 100 } };
    const sequential = experimentStatistics(counts, { ...options, design: 'sequential' });
    const fixed = experimentStatistics(counts, { ...options, design: 'fixed-horizon' });
    expect(sequential.verdict).toBe('A wins');
    expect(sequential.alwaysValidP as number).toBeGreaterThan(sequential.zTestP as number);
    expect(sequential.difference.high - sequential.difference.low).toBeGreaterThan(fixed.difference.high - fixed.difference.low);
    expect(sequential.peekingGuard).toMatch(/^Sequential: an always-valid p-value/);
    expect(describeExperiment(sequential)).toMatch(/^A wins: A 16 % of 1,000, B 10 % of 1,000; B − A -6 points/);
  });

  it('has no verdict and no p-value before both variants have visitors', () => {
    const empty = experimentStatistics({ a: { visitors: 0, conversions: 0 }, b: { visitors: 10, conversions: 1 } }, { ...options, design: 'sequential' });
    expect(empty).toMatchObject({ verdict: 'no difference yet', pValue: null });
  });

  it('is p = 1 when nobody converted in either variant', () => {
    expect(experimentStatistics({ a: { visitors: 50, conversions: 0 }, b: { visitors: 50, conversions: 0 } }, { ...options, design: 'fixed-horizon' }).pValue).toBe(1);
  });

  it('refuses impossible counts and options', () => {
    expect(() => experimentStatistics({ a: { visitors: 5, conversions: 6 }, b: { visitors: 5, conversions: 1 } }, { ...options, design: 'sequential' })).toThrow(/conversions ≤ visitors/);
    expect(() => experimentStatistics({ a: { visitors: 5, conversions: 1 }, b: { visitors: 5, conversions: 1 } }, { ...options, minimumEffect: 2, design: 'sequential' })).toThrow(/minimum effect/);
  });
});
