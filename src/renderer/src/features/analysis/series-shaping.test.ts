import { describe, expect, it } from 'vitest';
import type { AnalysisStep, MetricSeries } from '../../../../shared/domain/analysis';
import { absoluteLimit, breachRegions, chartRows, clipRegions, relativeLimits, shapeMetricChart, stepIndexAt, stepMarkers, timeDomain, timeTicks, typicalSpacing, valueDomain, valueTicks } from './series-shaping';

const series = (points: readonly (readonly [number, number])[], failure: string | null = null): MetricSeries => ({ points, failure });

describe('chartRows', () => {
  it('puts baseline and canary on one time axis, oldest first', () => {
    const rows = chartRows(series([[20, 0.01], [10, 0.02]]), series([[10, 0.03], [30, 0.04]]), 'increase', {});
    expect(rows.map((row) => [row.t, row.baseline, row.canary])).toEqual([
      [10, 0.02, 0.03],
      [20, 0.01, null],
      [30, null, 0.04]
    ]);
  });

  it('flags NaN values as failed measurements and never gives them a value', () => {
    const rows = chartRows(series([[10, Number.NaN]]), series([[10, Number.NaN], [20, 0.5]]), 'increase', {});
    expect(rows[0]).toMatchObject({ baseline: null, canary: null, baselineFailed: true, canaryFailed: true, breach: false });
    expect(rows[1]).toMatchObject({ canary: 0.5, canaryFailed: false });
  });

  it('draws the relative threshold as the judge reads it: the step’s baseline mean × factor', () => {
    const steps: AnalysisStep[] = [
      { step: 1, weight: 5, startedAt: 0, endedAt: 20, verdict: null },
      { step: 2, weight: 25, startedAt: 20, endedAt: null, verdict: null }
    ];
    const rows = chartRows(
      series([[10, 0.1], [20, 0.3], [30, 0.4]]),
      series([[10, 0.1], [20, 0.35], [30, 0.7]]),
      'increase',
      { relative: 1.5 },
      steps
    );
    expect(rows.map((row) => row.relativeUpper)).toEqual([0.2 * 1.5, 0.2 * 1.5, 0.4 * 1.5]);
    expect(rows.map((row) => row.relativeLower)).toEqual([null, null, null]);
    expect(rows.map((row) => row.breach)).toEqual([false, true, true]);
  });

  it('outside any step, measures the relative threshold against the whole baseline', () => {
    const steps: AnalysisStep[] = [{ step: 1, weight: 5, startedAt: 15, endedAt: 30, verdict: null }];
    const rows = chartRows(series([[10, 1], [20, 5]]), series([[10, 5]]), 'increase', { relative: 2 }, steps);
    // Before the first step: the mean of all the baseline, (1 + 5) / 2 = 3.
    expect(rows[0]?.relativeUpper).toBe(6);
    expect(rows[1]?.relativeUpper).toBe(10);
    expect(rows[0]?.breach).toBe(false);
  });

  it('marks a canary above the absolute threshold whatever the baseline', () => {
    const rows = chartRows(series([[10, 0.5]]), series([[10, 0.06], [20, 0.04]]), 'increase', { absolute: 0.05 });
    expect(rows.map((row) => row.breach)).toEqual([true, false]);
  });

  it('for a metric where lower is worse, a canary below the floor breaches', () => {
    const rows = chartRows(series([[10, 100]]), series([[10, 60], [20, 90]]), 'decrease', { relative: 1.25, absolute: 50 });
    expect(rows[0]?.relativeLower).toBeCloseTo(80);
    expect(rows.map((row) => row.breach)).toEqual([true, false]);
  });
});

describe('stepIndexAt', () => {
  it('gives a point to the step it measures: after the start, up to the end', () => {
    const steps: AnalysisStep[] = [
      { step: 1, weight: 5, startedAt: 0, endedAt: 20, verdict: null },
      { step: 2, weight: 25, startedAt: 20, endedAt: null, verdict: null }
    ];
    expect([0, 5, 20, 21, 500].map((t) => stepIndexAt(steps, t))).toEqual([null, 0, 0, 1, 1]);
  });
});

describe('limits', () => {
  it('reads the factor by direction', () => {
    expect(relativeLimits('increase', 2, 10)).toEqual({ upper: 20, lower: null });
    expect(relativeLimits('decrease', 2, 10)).toEqual({ upper: null, lower: 5 });
    expect(relativeLimits('decrease', 0.8, 10)).toEqual({ upper: null, lower: 8 });
    expect(relativeLimits('either', 2, 10)).toEqual({ upper: 20, lower: 5 });
    expect(relativeLimits('increase', undefined, 10)).toEqual({ upper: null, lower: null });
    expect(relativeLimits('increase', 2, null)).toEqual({ upper: null, lower: null });
  });

  it('makes the absolute threshold a floor only when lower is worse', () => {
    expect(absoluteLimit('increase', 0.05)).toEqual({ upper: 0.05, lower: null });
    expect(absoluteLimit('either', 0.05)).toEqual({ upper: 0.05, lower: null });
    expect(absoluteLimit('decrease', 10)).toEqual({ upper: null, lower: 10 });
    expect(absoluteLimit('increase', undefined)).toEqual({ upper: null, lower: null });
  });
});

describe('breachRegions', () => {
  it('joins consecutive breaching points and widens them by half a sample', () => {
    const rows = chartRows(series([]), series([[0, 1], [10, 9], [20, 9], [30, 1], [40, 9], [50, 1]]), 'increase', { absolute: 5 });
    expect(breachRegions(rows, [0, 50])).toEqual([
      { x1: 5, x2: 25 },
      { x1: 35, x2: 45 }
    ]);
  });

  it('keeps a stretch open across moments where only the baseline was sampled, and clamps to the domain', () => {
    const rows = chartRows(series([[15, 1]]), series([[10, 9], [20, 9]]), 'increase', { absolute: 5 });
    expect(breachRegions(rows, [10, 20])).toEqual([{ x1: 10, x2: 20 }]);
  });

  it('finds nothing when no threshold is set', () => {
    expect(breachRegions(chartRows(series([]), series([[0, 99]]), 'increase', {}), [0, 0])).toEqual([]);
  });
});

describe('clipRegions', () => {
  it('keeps only the parts of breaches inside the spans where the metric failed', () => {
    expect(clipRegions([{ x1: 0, x2: 50 }, { x1: 60, x2: 70 }], [{ x1: 40, x2: 65 }])).toEqual([
      { x1: 40, x2: 50 },
      { x1: 60, x2: 65 }
    ]);
    expect(clipRegions([{ x1: 0, x2: 10 }], [])).toEqual([]);
  });
});

describe('steps and domains', () => {
  const steps: AnalysisStep[] = [
    { step: 2, weight: 25, startedAt: 200, endedAt: null, verdict: null },
    {
      step: 1,
      weight: 5,
      startedAt: 100,
      endedAt: 200,
      verdict: { verdict: 'pass', reason: 'ok', metrics: [], warnings: [] }
    }
  ];

  it('puts a boundary at each step start, labelled with its weight; a running step ends now', () => {
    expect(stepMarkers(steps, 260)).toEqual([
      { step: 1, weight: 5, x: 100, end: 200, running: false, verdict: 'pass', metricVerdict: null, label: '5 %' },
      { step: 2, weight: 25, x: 200, end: 260, running: true, verdict: null, metricVerdict: null, label: '25 %' }
    ]);
  });

  it('carries the verdict of the metric drawn at each step', () => {
    const judged: AnalysisStep[] = [
      {
        step: 1,
        weight: 5,
        startedAt: 0,
        endedAt: 10,
        verdict: { verdict: 'fail', reason: '', warnings: [], metrics: [{ metric: 'errors', verdict: 'fail', reason: '', numbers: {}, warnings: [] }] }
      }
    ];
    expect(stepMarkers(judged, 10, 'errors')[0]?.metricVerdict).toBe('fail');
    expect(stepMarkers(judged, 10, 'latency')[0]?.metricVerdict).toBeNull();
  });

  it('spans every point and every step on the time axis', () => {
    const rows = chartRows(series([[150, 1]]), series([[250, 2]]), 'increase', {});
    expect(timeDomain(rows, steps)).toEqual([100, 250]);
    expect(timeDomain([], [])).toBeNull();
  });

  it('keeps a threshold above all the data in view, from zero', () => {
    const rows = chartRows(series([[0, 0.01]]), series([[0, 0.02]]), 'increase', {});
    const [low, high] = valueDomain(rows, absoluteLimit('increase', 0.05));
    expect(low).toBe(0);
    expect(high).toBeGreaterThan(0.05);
    expect(valueDomain([], { upper: null, lower: null })).toEqual([0, 1]);
  });

  it('measures the usual spacing of the points', () => {
    expect(typicalSpacing([{ t: 0 }, { t: 15 }, { t: 30 }, { t: 90 }])).toBe(15);
    expect(typicalSpacing([{ t: 0 }])).toBe(0);
  });
});

describe('timeTicks', () => {
  it('puts ticks at round times, never more than asked', () => {
    expect(timeTicks([1000, 1600])).toEqual([1080, 1200, 1320, 1440, 1560]);
    expect(timeTicks([0, 3 * 3600], 7)).toEqual([0, 1800, 3600, 5400, 7200, 9000, 10800]);
    expect(timeTicks([0, 40]).length).toBeLessThanOrEqual(7);
    expect(timeTicks([50, 50])).toEqual([50]);
  });
});

describe('valueTicks', () => {
  it('chooses round steps and widens the domain to the last tick', () => {
    expect(valueTicks([0, 0.0216])).toEqual({ domain: [0, 0.025], ticks: [0, 0.005, 0.01, 0.015, 0.02, 0.025] });
    expect(valueTicks([0, 0.207])).toEqual({ domain: [0, 0.25], ticks: [0, 0.05, 0.1, 0.15, 0.2, 0.25] });
    expect(valueTicks([0, 57])).toEqual({ domain: [0, 60], ticks: [0, 20, 40, 60] });
    expect(valueTicks([-3, 7]).ticks).toEqual([-4, -2, 0, 2, 4, 6, 8]);
  });

  it('leaves an empty span alone', () => {
    expect(valueTicks([1, 1])).toEqual({ domain: [1, 1], ticks: [1, 1] });
  });
});

describe('shapeMetricChart', () => {
  const metric = {
    name: 'errors',
    direction: 'increase' as const,
    thresholds: { absolute: 0.02 },
    baseline: series([[0, 0.005], [10, 0.005], [20, 0.005], [30, 0.005]]),
    canary: series([[0, 0.03], [10, 0.005], [20, 0.05], [30, Number.NaN]])
  };
  const step = (n: number, startedAt: number, endedAt: number, verdict: 'pass' | 'fail'): AnalysisStep => ({
    step: n,
    weight: n * 10,
    startedAt,
    endedAt,
    verdict: { verdict, reason: '', warnings: [], metrics: [{ metric: 'errors', verdict, reason: '', numbers: {}, warnings: [] }] }
  });

  it('shades a point beyond the line only in a step where the metric failed (the judge weighs the whole window)', () => {
    const shaped = shapeMetricChart(metric, [step(1, 0, 10, 'pass'), step(2, 10, 30, 'fail')], 30);
    expect(shaped.breaches).toEqual([{ x1: 15, x2: 25 }]);
    expect(shaped.failedMeasurements).toBe(true);
    expect(shaped.markers.map((marker) => marker.metricVerdict)).toEqual(['pass', 'fail']);
    expect(shaped.failedHere).toEqual([{ x1: 10, x2: 30 }]);
    expect(shaped.failedElsewhere).toEqual([]);
  });

  it('shades nothing for a canary that passed', () => {
    const shaped = shapeMetricChart(metric, [step(1, 0, 30, 'pass')], 30);
    expect([shaped.breaches, shaped.failedHere, shaped.failedElsewhere]).toEqual([[], [], []]);
  });

  it('tells a step that failed on another metric from one that failed on this one', () => {
    const other: AnalysisStep = {
      step: 1,
      weight: 5,
      startedAt: 0,
      endedAt: 30,
      verdict: { verdict: 'fail', reason: '', warnings: [], metrics: [{ metric: 'latency', verdict: 'fail', reason: '', numbers: {}, warnings: [] }] }
    };
    const shaped = shapeMetricChart(metric, [other], 30);
    expect(shaped.failedHere).toEqual([]);
    expect(shaped.failedElsewhere).toEqual([{ x1: 0, x2: 30 }]);
    expect(shaped.breaches).toEqual([]);
  });
});
