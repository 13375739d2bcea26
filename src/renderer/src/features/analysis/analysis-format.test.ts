import { describe, expect, it } from 'vitest';
import {
  formatAxisValue,
  formatDuration,
  formatJudgeNumber,
  formatMetricValue,
  formatPoints,
  formatRate,
  formatRelativeThreshold,
  formatTimeTick,
  numberLabel,
  significant,
  splitNumbers
} from './analysis-format';

describe('metric values', () => {
  it('writes each unit as a person reads it', () => {
    expect(formatMetricValue(0.005, 'ratio')).toBe('0.5 %');
    expect(formatMetricValue(0.0512, 'ratio')).toBe('5.12 %');
    expect(formatMetricValue(0.1234, 'seconds')).toBe('123 ms');
    expect(formatMetricValue(1.5, 'seconds')).toBe('1.5 s');
    expect(formatMetricValue(48.33, 'requests/s')).toBe('48.3 req/s');
    expect(formatMetricValue(12, 'bytes')).toBe('12 bytes');
    expect(formatMetricValue(Number.NaN, 'ratio')).toBe('no data');
    expect(formatMetricValue(null, 'ratio')).toBe('no data');
  });

  it('keeps axis ticks short', () => {
    expect(formatAxisValue(0.0125, 'ratio')).toBe('1.3 %');
    expect(formatAxisValue(0.25, 'seconds')).toBe('250 ms');
    expect(formatAxisValue(0, 'seconds')).toBe('0 s');
  });

  it('rounds to significant digits without trailing zeros', () => {
    expect(significant(0.05)).toBe('0.05');
    expect(significant(1234.5)).toBe('1235');
    expect(significant(0)).toBe('0');
  });

  it('says a relative threshold in words', () => {
    expect(formatRelativeThreshold(1.5)).toBe('baseline mean × 1.5 (50 % above)');
    expect(formatRelativeThreshold(0.8)).toBe('baseline mean × 0.8 (20 % below)');
  });
});

describe('the judge’s numbers', () => {
  it('names keys in words', () => {
    expect(numberLabel('canaryMedian')).toBe('canary median');
    expect(numberLabel('p_value')).toBe('p-value');
    expect(numberLabel('hodges-lehmann')).toBe('hodges lehmann');
    expect(numberLabel('hodgesLehmann')).toBe('shift (Hodges-Lehmann)');
    expect(numberLabel('relativeToBaseline')).toBe('canary ÷ baseline');
  });

  it('writes p-values, counts and missing numbers', () => {
    expect(formatJudgeNumber('pValue', 0.0000123)).toBe('< 0.001');
    expect(formatJudgeNumber('pValue', 0.0421)).toBe('0.0421');
    expect(formatJudgeNumber('points', 40)).toBe('40');
    expect(formatJudgeNumber('effect', null)).toBe('—');
    expect(formatJudgeNumber('tailRatio', Number.POSITIVE_INFINITY)).toBe('∞');
  });

  it('writes measurements in the metric’s unit, and counts and ratios without one', () => {
    expect(formatJudgeNumber('canaryMedian', 0.051, 'ratio')).toBe('5.1 %');
    expect(formatJudgeNumber('hodgesLehmann', 0.012, 'seconds')).toBe('12 ms');
    expect(formatJudgeNumber('hodgesLehmannLow', -0.00198, 'seconds')).toBe('−1.98 ms');
    expect(formatJudgeNumber('hodgesLehmann', 0.0446, 'ratio')).toBe('+4.5 pp');
    expect(formatJudgeNumber('absoluteLimit', 0.02, 'ratio')).toBe('2 %');
    expect(formatJudgeNumber('canaryPoints', 12, 'ratio')).toBe('12');
    expect(formatJudgeNumber('relativeToBaseline', 10.2, 'ratio')).toBe('×10.2');
    expect(formatJudgeNumber('confidence', 0.95)).toBe('95 %');
    expect(formatJudgeNumber('pValue', 0.31, 'ratio')).toBe('0.31');
  });
});

describe('splitNumbers', () => {
  it('puts counts, centres, the shift and the p-value first, the test details after, and drops zero failures', () => {
    const { first, more } = splitNumbers({ baselinePoints: 12, canaryFailed: 0, baselineFailed: 2, canaryMedian: 0.1, pValue: 0.2, spreadP: 0.5, mannWhitneyU: 40 });
    expect(first.map(([key]) => key)).toEqual(['baselinePoints', 'baselineFailed', 'canaryMedian', 'pValue']);
    expect(more.map(([key]) => key)).toEqual(['spreadP', 'mannWhitneyU']);
  });

  it('shows every number of a judge it does not know', () => {
    expect(splitNumbers({ score: 1, weight: 2 })).toEqual({ first: [['score', 1], ['weight', 2]], more: [] });
  });
});

describe('durations and rates', () => {
  it('writes durations', () => {
    expect(formatDuration(45)).toBe('45 s');
    expect(formatDuration(125)).toBe('2 min 05 s');
    expect(formatDuration(4800)).toBe('1 h 20 min');
  });

  it('writes rates and differences in percentage points', () => {
    expect(formatRate(0.1234)).toBe('12.34 %');
    expect(formatPoints(0.0081)).toBe('+0.81 pp');
    expect(formatPoints(-0.012)).toBe('−1.2 pp');
    expect(formatPoints(0)).toBe('0 pp');
  });
});

describe('time ticks', () => {
  it('are as precise as the axis needs', () => {
    const at = Date.UTC(2026, 10, 24, 13, 5, 30) / 1000;
    expect(formatTimeTick(at, 300)).toMatch(/^\d\d:\d\d:\d\d$/);
    expect(formatTimeTick(at, 3600)).toMatch(/^\d\d:\d\d$/);
    expect(formatTimeTick(at, 3 * 86_400)).toMatch(/\d\d:\d\d$/);
    expect(formatTimeTick(at, 3 * 86_400).length).toBeGreaterThan(5);
  });
});
