/**
 * From a metric's two series (baseline, canary), its thresholds and the canary's steps to what a chart
 * draws: rows on one time axis, the threshold limits at each moment, where the canary crossed them,
 * failed measurements, and the step boundaries with their weights and verdicts. Pure and tested.
 */
import type { AnalysisStep, MetricDirection, MetricSeries, MetricThresholds, Verdict } from '../../../../shared/domain/analysis';

/** One moment on the chart's time axis (unix seconds); null where that role has no usable value. */
export interface ChartRow {
  readonly t: number;
  readonly baseline: number | null;
  readonly canary: number | null;
  /** The measurement at this moment errored or came back NaN: never a pass, drawn as a mark. */
  readonly baselineFailed: boolean;
  readonly canaryFailed: boolean;
  /** The relative threshold here (the step's baseline mean × factor), on the side where the canary would fail. */
  readonly relativeUpper: number | null;
  readonly relativeLower: number | null;
  /** The canary is beyond a threshold (absolute or relative) here. */
  readonly breach: boolean;
}

export interface Limits {
  /** The canary fails above this. */
  readonly upper: number | null;
  /** The canary fails below this. */
  readonly lower: number | null;
}

const finite = (value: number | null | undefined): value is number => value !== null && value !== undefined && Number.isFinite(value);

const smallest = (values: readonly (number | null)[]): number | null => {
  const present = values.filter(finite);
  return present.length ? Math.min(...present) : null;
};

const largest = (values: readonly (number | null)[]): number | null => {
  const present = values.filter(finite);
  return present.length ? Math.max(...present) : null;
};

/**
 * The relative threshold at one baseline value. `increase` (higher is worse): the canary fails above
 * baseline × factor. `decrease` (lower is worse): it fails below baseline ÷ factor (a factor under 1 is
 * read as the floor itself, baseline × factor). `either`: both.
 */
export function relativeLimits(direction: MetricDirection, factor: number | undefined, baseline: number | null): Limits {
  if (!finite(factor) || factor <= 0 || !finite(baseline)) return { upper: null, lower: null };
  const worseUp = baseline * Math.max(factor, 1 / factor);
  const worseDown = baseline * Math.min(factor, 1 / factor);
  switch (direction) {
    case 'increase':
      return { upper: worseUp, lower: null };
    case 'decrease':
      return { upper: null, lower: worseDown };
    case 'either':
      return { upper: worseUp, lower: worseDown };
  }
}

/** The absolute threshold as a limit: a ceiling when higher is worse (or either way), a floor when lower is worse. */
export function absoluteLimit(direction: MetricDirection, absolute: number | undefined): Limits {
  if (!finite(absolute)) return { upper: null, lower: null };
  return direction === 'decrease' ? { upper: null, lower: absolute } : { upper: absolute, lower: null };
}

/** Whether a canary value crosses any of the limits given. */
export function breaches(value: number | null, limits: readonly Limits[]): boolean {
  if (!finite(value)) return false;
  const upper = smallest(limits.map((limit) => limit.upper));
  const lower = largest(limits.map((limit) => limit.lower));
  return (upper !== null && value > upper) || (lower !== null && value < lower);
}

interface Slot {
  baseline: number | null;
  canary: number | null;
  baselineFailed: boolean;
  canaryFailed: boolean;
}

/**
 * The step a point belongs to: a point at `t` measures the moments just before it, so a step holds the
 * points after its start up to its end. Points before the first step belong to no step (null).
 */
export function stepIndexAt(steps: readonly AnalysisStep[], t: number): number | null {
  let found: number | null = null;
  steps.forEach((step, index) => {
    if (t > step.startedAt && (step.endedAt === null || t <= step.endedAt)) found = index;
  });
  return found;
}

/**
 * The two series on one time axis, oldest first. A NaN value is a failed measurement (flagged, no
 * value); a series whose query failed outright contributes nothing but its failure (shown elsewhere).
 * The relative threshold is the judge's: the baseline's mean over the step × the factor (a flat line per
 * step, which a running step moves as its points come); outside any step, the mean of all the baseline.
 */
export function chartRows(
  baseline: MetricSeries,
  canary: MetricSeries,
  direction: MetricDirection,
  thresholds: MetricThresholds,
  steps: readonly AnalysisStep[] = []
): ChartRow[] {
  const slots = new Map<number, Slot>();
  const slotAt = (t: number): Slot => {
    let slot = slots.get(t);
    if (!slot) {
      slot = { baseline: null, canary: null, baselineFailed: false, canaryFailed: false };
      slots.set(t, slot);
    }
    return slot;
  };
  for (const [t, value] of baseline.points) {
    const slot = slotAt(t);
    if (finite(value)) slot.baseline = value;
    else slot.baselineFailed = true;
  }
  for (const [t, value] of canary.points) {
    const slot = slotAt(t);
    if (finite(value)) slot.canary = value;
    else slot.canaryFailed = true;
  }
  // Per step (by index), and over everything (-1).
  const sums = new Map<number, { total: number; count: number }>();
  for (const [t, value] of baseline.points) {
    if (!finite(value)) continue;
    const index = stepIndexAt(steps, t);
    for (const key of index === null ? [-1] : [index, -1]) {
      const sum = sums.get(key) ?? { total: 0, count: 0 };
      sum.total += value;
      sum.count += 1;
      sums.set(key, sum);
    }
  }
  const meanOf = (key: number | null): number | null => {
    const sum = sums.get(key ?? -1) ?? sums.get(-1);
    return sum && sum.count > 0 ? sum.total / sum.count : null;
  };
  const absolute = absoluteLimit(direction, thresholds.absolute);
  return [...slots.entries()]
    .sort(([a], [b]) => a - b)
    .map(([t, slot]) => {
      const relative = relativeLimits(direction, thresholds.relative, meanOf(stepIndexAt(steps, t)));
      return {
        t,
        ...slot,
        relativeUpper: relative.upper,
        relativeLower: relative.lower,
        breach: breaches(slot.canary, [absolute, relative])
      };
    });
}

/** The usual spacing of the points (the median gap), or 0 with fewer than two. */
export function typicalSpacing(rows: readonly { readonly t: number }[]): number {
  const gaps = rows
    .slice(1)
    .map((row, index) => row.t - (rows[index]?.t ?? row.t))
    .filter((gap) => gap > 0)
    .sort((a, b) => a - b);
  if (!gaps.length) return 0;
  return gaps[Math.floor(gaps.length / 2)] ?? 0;
}

export interface TimeRange {
  readonly x1: number;
  readonly x2: number;
}

/**
 * The stretches where the canary is beyond a threshold, each widened by half a sample on both sides so
 * a single bad point shows as a band, clamped to the chart's time domain.
 */
export function breachRegions(rows: readonly ChartRow[], domain: readonly [number, number]): TimeRange[] {
  const half = typicalSpacing(rows) / 2;
  const regions: TimeRange[] = [];
  let start: number | null = null;
  let last = 0;
  const close = () => {
    if (start === null) return;
    regions.push({ x1: Math.max(domain[0], start - half), x2: Math.min(domain[1], last + half) });
    start = null;
  };
  for (const row of rows) {
    if (row.breach) {
      if (start === null) start = row.t;
      last = row.t;
    } else if (row.canary !== null) {
      close();
    }
  }
  close();
  return regions;
}

/**
 * The parts of `regions` inside `spans`. A canary point beyond a line in a step the judge passed is noise
 * it weighed (it judges the whole window, not each point): only where the metric failed is it shaded.
 */
export function clipRegions(regions: readonly TimeRange[], spans: readonly TimeRange[]): TimeRange[] {
  return regions.flatMap((region) =>
    spans.flatMap((span) => {
      const x1 = Math.max(region.x1, span.x1);
      const x2 = Math.min(region.x2, span.x2);
      return x2 > x1 ? [{ x1, x2 }] : [];
    })
  );
}

export interface StepMarker {
  readonly step: number;
  readonly weight: number;
  readonly x: number;
  /** Where the step ended, or the end of the data while it runs. */
  readonly end: number;
  readonly running: boolean;
  readonly verdict: Verdict | null;
  /** The verdict of the metric being drawn at this step (null: none recorded for it). */
  readonly metricVerdict: Verdict | null;
  /** The label at the boundary: the weight the canary took at that moment. */
  readonly label: string;
}

/** A boundary per step, at its start, labelled with its weight; a running step ends at `now`. */
export function stepMarkers(steps: readonly AnalysisStep[], now: number, metric?: string): StepMarker[] {
  return [...steps]
    .sort((a, b) => a.startedAt - b.startedAt)
    .map((step) => ({
      step: step.step,
      weight: step.weight,
      x: step.startedAt,
      end: step.endedAt ?? Math.max(now, step.startedAt),
      running: step.endedAt === null,
      verdict: step.verdict?.verdict ?? null,
      metricVerdict: step.verdict?.metrics.find((entry) => entry.metric === metric)?.verdict ?? null,
      label: `${step.weight} %`
    }));
}

/** The chart's time axis: every point and every step, start to end. */
export function timeDomain(rows: readonly ChartRow[], steps: readonly AnalysisStep[]): [number, number] | null {
  const times = [
    ...rows.map((row) => row.t),
    ...steps.map((step) => step.startedAt),
    ...steps.flatMap((step) => (step.endedAt === null ? [] : [step.endedAt]))
  ];
  if (!times.length) return null;
  return [Math.min(...times), Math.max(...times)];
}

/**
 * The value axis: every value and every threshold in view (a threshold above all the data still shows),
 * from 0 when nothing is negative, with a little headroom.
 */
export function valueDomain(rows: readonly ChartRow[], absolute: Limits): [number, number] {
  const values = rows.flatMap((row) => [row.baseline, row.canary, row.relativeUpper, row.relativeLower]);
  values.push(absolute.upper, absolute.lower);
  const present = values.filter(finite);
  if (!present.length) return [0, 1];
  const low = Math.min(...present);
  const high = Math.max(...present);
  const floor = low >= 0 ? 0 : low - (high - low) * 0.08;
  const ceiling = high === floor ? floor + (Math.abs(high) || 1) : high + (high - floor) * 0.08;
  return [floor, ceiling];
}

const TICK_STEPS = [5, 10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600, 7200, 10800, 21600, 43200, 86400];

/** Time ticks at round intervals (15 s, 1 min, 5 min, 1 h…), at most `most` of them across the domain. */
export function timeTicks(domain: readonly [number, number], most = 7): number[] {
  const [start, end] = domain;
  if (!(end > start)) return [start];
  const span = end - start;
  const interval = TICK_STEPS.find((step) => span / step <= most) ?? Math.ceil(span / most / 86400) * 86400;
  const ticks: number[] = [];
  for (let tick = Math.ceil(start / interval) * interval; tick <= end; tick += interval) ticks.push(tick);
  return ticks;
}

/** Round ticks (1, 2, 2.5 or 5 × a power of ten apart) covering `domain`, and the domain widened to them. */
export function valueTicks(domain: readonly [number, number], most = 5): { domain: [number, number]; ticks: number[] } {
  const [low, high] = domain;
  const span = high - low;
  if (!(span > 0) || !Number.isFinite(span)) return { domain: [low, high], ticks: [low, high] };
  const rough = span / most;
  const power = 10 ** Math.floor(Math.log10(rough));
  const interval = ([1, 2, 2.5, 5, 10].find((factor) => factor * power >= rough) ?? 10) * power;
  const first = Math.floor(low / interval + 1e-9) * interval;
  const last = Math.ceil(high / interval - 1e-9) * interval;
  const ticks: number[] = [];
  // Rounded so 0.1 + 0.2 shows as 0.3 in the tick labels.
  for (let index = 0; first + index * interval <= last + interval / 1e6; index++) ticks.push(Number((first + index * interval).toPrecision(12)));
  return { domain: [ticks[0] ?? first, ticks.at(-1) ?? last], ticks };
}

/** Everything one metric chart draws, shaped once for the chart and its legend. */
export interface ShapedMetricChart {
  readonly rows: readonly ChartRow[];
  readonly domain: [number, number];
  readonly ticks: readonly number[];
  readonly values: { readonly domain: [number, number]; readonly ticks: readonly number[] };
  /** The absolute threshold as a line (a ceiling, or a floor when lower is worse). */
  readonly absolute: Limits;
  /** Where the canary is beyond a threshold, within the steps where this metric failed. */
  readonly breaches: readonly TimeRange[];
  /** The steps where this metric failed. */
  readonly failedHere: readonly TimeRange[];
  /** The steps that failed on another metric (this one passed or could not be judged there). */
  readonly failedElsewhere: readonly TimeRange[];
  readonly markers: readonly StepMarker[];
  readonly failedMeasurements: boolean;
}

export function shapeMetricChart(
  metric: { readonly name: string; readonly direction: MetricDirection; readonly thresholds: MetricThresholds; readonly baseline: MetricSeries; readonly canary: MetricSeries },
  steps: readonly AnalysisStep[],
  now: number
): ShapedMetricChart {
  const rows = chartRows(metric.baseline, metric.canary, metric.direction, metric.thresholds, steps);
  const domain = timeDomain(rows, steps) ?? [now - 60, now];
  const absolute = absoluteLimit(metric.direction, metric.thresholds.absolute);
  const markers = stepMarkers(steps, Math.max(now, domain[1]), metric.name);
  const span = (marker: StepMarker): TimeRange => ({ x1: marker.x, x2: marker.end });
  const failedHere = markers.filter((marker) => marker.metricVerdict === 'fail').map(span);
  const failedElsewhere = markers.filter((marker) => marker.verdict === 'fail' && marker.metricVerdict !== 'fail').map(span);
  return {
    rows,
    domain,
    ticks: timeTicks(domain),
    values: valueTicks(valueDomain(rows, absolute)),
    absolute,
    breaches: clipRegions(breachRegions(rows, domain), failedHere),
    failedHere,
    failedElsewhere,
    markers,
    failedMeasurements: rows.some((row) => row.canaryFailed || row.baselineFailed)
  };
}
