/**
 * How the charts and verdicts write numbers: a metric's value in its unit, times and durations, and the
 * judge's numbers. Pure, so the sentences on screen are tested without a browser.
 */
import type { Verdict } from '../../../../shared/domain/analysis';

export const VERDICT_LABEL: Readonly<Record<Verdict, string>> = {
  pass: 'Passed',
  fail: 'Failed',
  inconclusive: 'Inconclusive'
};

/** Up to `digits` significant digits, without trailing zeros (0.0500 → "0.05", 1200 → "1200"). */
export function significant(value: number, digits = 3): string {
  if (value === 0) return '0';
  if (Math.abs(value) >= 10 ** digits) return Math.round(value).toString();
  return Number(value.toPrecision(digits)).toString();
}

/** A metric's value in its unit: `ratio` as a percentage, `seconds` as ms below one second; NaN or null: no data. */
export function formatMetricValue(value: number | null | undefined, unit: string): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return 'no data';
  switch (unit) {
    case 'ratio':
      return `${significant(value * 100)} %`;
    case 'seconds':
      return Math.abs(value) < 1 && value !== 0 ? `${significant(value * 1000)} ms` : `${significant(value)} s`;
    case 'requests/s':
      return `${significant(value)} req/s`;
    case '':
      return significant(value);
    default:
      return `${significant(value)} ${unit}`;
  }
}

/** A shorter value for axis ticks: same units, two significant digits. */
export function formatAxisValue(value: number, unit: string): string {
  if (!Number.isFinite(value)) return '';
  switch (unit) {
    case 'ratio':
      return `${significant(value * 100, 2)} %`;
    case 'seconds':
      return Math.abs(value) < 1 && value !== 0 ? `${significant(value * 1000, 2)} ms` : `${significant(value, 2)} s`;
    default:
      return significant(value, 2);
  }
}

/** A relative threshold as a person says it (the judge compares the step's means): 1.5 → "baseline mean × 1.5 (50 % above)". */
export function formatRelativeThreshold(factor: number): string {
  const change = Math.round(Math.abs(factor - 1) * 100);
  return `baseline mean × ${significant(factor)}${change === 0 ? '' : ` (${change} % ${factor > 1 ? 'above' : 'below'})`}`;
}

/** Seconds as "45 s", "2 min 05 s", "1 h 20 min". */
export function formatDuration(seconds: number): string {
  const total = Math.max(0, Math.round(seconds));
  if (total < 60) return `${total} s`;
  const minutes = Math.floor(total / 60);
  if (minutes < 60) return `${minutes} min ${String(total % 60).padStart(2, '0')} s`;
  return `${Math.floor(minutes / 60)} h ${String(minutes % 60).padStart(2, '0')} min`;
}

/** Unix seconds as a wall-clock time, "14:03:15" (the person's time zone). */
export function formatClock(unixSeconds: number): string {
  return new Date(unixSeconds * 1000).toLocaleTimeString(undefined, { hour: '2-digit', minute: '2-digit', second: '2-digit', hour12: false });
}

/**
 * A time-axis tick, as precise as the axis needs: seconds on a chart of a few minutes, minutes on one
 * of hours, the day too on one of days.
 */
export function formatTimeTick(unixSeconds: number, span: number): string {
  const date = new Date(unixSeconds * 1000);
  if (span < 600) return formatClock(unixSeconds);
  const time = date.toLocaleTimeString(undefined, { hour: '2-digit', minute: '2-digit', hour12: false });
  if (span < 86_400) return time;
  return `${date.toLocaleDateString(undefined, { month: 'short', day: 'numeric' })} ${time}`;
}

/** Unix seconds as a date and time, for tooltips and titles. */
export function formatDateTime(unixSeconds: number): string {
  return new Date(unixSeconds * 1000).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'medium', hour12: false });
}

/** The judge's own names for its numbers, as people say them. */
const NUMBER_LABELS: Readonly<Record<string, string>> = {
  relativeToBaseline: 'canary ÷ baseline',
  hodgesLehmann: 'shift (Hodges-Lehmann)',
  hodgesLehmannLow: 'shift, low',
  hodgesLehmannHigh: 'shift, high',
  mannWhitneyU: 'Mann-Whitney U',
  pValue: 'p-value',
  alphaPerTest: 'α per test',
  pointsBeyondBaseline: 'points beyond the baseline’s extreme',
  pointsBeyondBaselineP: 'p of that many',
  spreadP: 'spread p-value',
  baselineCv: 'baseline CV',
  baselineFailed: 'baseline failed',
  canaryFailed: 'canary failed'
};

/** A judge's number key as words: `canaryMedian` / `canary_median` / `canary-median` → "canary median". */
export function numberLabel(key: string): string {
  const known = NUMBER_LABELS[key];
  if (known) return known;
  const words = key
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/[_-]+/g, ' ')
    .trim()
    .toLowerCase();
  return words.replace(/\bp value\b/, 'p-value');
}

/** Keys whose numbers are measurements of the metric itself (shown in its unit); counts, ratios and p-values are not. */
const IN_METRIC_UNIT = /(median|mean|limit|threshold|hodges|shift)/i;
const UNITLESS = /(points|count|ratio|p[-_ ]?value|confidence|factor)/i;

/**
 * A judge's number: measurements in the metric's unit, p-values below 0.001 as "< 0.001", counts
 * whole, the rest to three significant digits.
 */
export function formatJudgeNumber(key: string, value: number | null, unit?: string): string {
  if (value === null || Number.isNaN(value)) return '—';
  if (!Number.isFinite(value)) return value > 0 ? '∞' : '−∞';
  if (/^p[-_ ]?value$/i.test(key) && value < 0.001) return '< 0.001';
  if (key === 'confidence') return `${significant(value * 100)} %`;
  if (/ratio|relativeTo/i.test(key)) return `×${significant(value)}`;
  if (unit !== undefined && IN_METRIC_UNIT.test(key) && !UNITLESS.test(key)) {
    // A shift between two ratios is a difference in percentage points, not a rate.
    if (unit === 'ratio' && /hodges|shift/i.test(key)) return formatPoints(value);
    return formatMetricValue(value, unit).replace(/^-/, '−');
  }
  if (Number.isInteger(value)) return value.toString();
  return significant(value);
}

/** The numbers a person reads first; the judge's other numbers (test statistics, tails, spread) come after, on demand. */
const FIRST_NUMBERS = new Set([
  'baselinePoints',
  'canaryPoints',
  'baselineFailed',
  'canaryFailed',
  'baselineMedian',
  'canaryMedian',
  'baselineMean',
  'canaryMean',
  'relativeToBaseline',
  'hodgesLehmann',
  'hodgesLehmannLow',
  'hodgesLehmannHigh',
  'pValue'
]);

/** The judge's numbers in two groups: the ones read first, and the rest. Failed counts of 0 say nothing and are left out. */
export function splitNumbers(numbers: Readonly<Record<string, number | null>>): {
  first: [string, number | null][];
  more: [string, number | null][];
} {
  const entries = Object.entries(numbers).filter(([key, value]) => !(/Failed$/.test(key) && value === 0));
  const known = entries.some(([key]) => FIRST_NUMBERS.has(key));
  if (!known) return { first: entries, more: [] };
  return { first: entries.filter(([key]) => FIRST_NUMBERS.has(key)), more: entries.filter(([key]) => !FIRST_NUMBERS.has(key)) };
}

/** A difference of two rates in percentage points, signed: 0.0081 → "+0.81 pp". */
export function formatPoints(difference: number): string {
  const points = difference * 100;
  const text = significant(Math.abs(points), 2);
  if (text === '0') return '0 pp';
  return `${points < 0 ? '−' : '+'}${text} pp`;
}

/** A conversion rate: 0.1234 → "12.34 %". */
export function formatRate(rate: number): string {
  return Number.isFinite(rate) ? `${(rate * 100).toFixed(2)} %` : 'no data';
}
