/**
 * PromQL templates and the built-in metrics of a canary analysis. A template names the instances with
 * `{{service}}`, `{{environment}}`, `{{version}}` and `{{role}}` (baseline | canary) — the labels Shipdeck
 * gives each instance in the scrape targets it writes — and `{{interval}}`, the rate() window that follows
 * from the scrape interval. Values are escaped as PromQL string literals.
 */
import type { AnalysisRole, MetricDefinition } from '../../../shared/domain/analysis';

export interface TemplateValues {
  readonly service: string;
  readonly environment: string;
  readonly version: string;
  readonly role: AnalysisRole;
  /** A PromQL duration, e.g. `1m`. */
  readonly interval: string;
}

const PLACEHOLDER = /\{\{\s*(service|environment|version|role|interval)\s*\}\}/g;

/** Inside "…" in PromQL: backslashes and quotes escaped, line breaks written out. */
const escapeLabelValue = (value: string): string => value.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n');

export function renderQuery(template: string, values: TemplateValues): string {
  return template.replace(PLACEHOLDER, (_match, name: keyof TemplateValues) => (name === 'interval' ? values.interval : escapeLabelValue(values[name])));
}

/**
 * The points of a step are two scrape intervals apart, and each point's rate() covers exactly its own two
 * intervals: the windows do not overlap, so the points are independent measurements (the rank tests
 * assume it) and each holds at least two scrapes (rate() needs two).
 */
export const pointSpacing = (scrapeIntervalSeconds: number): number => 2 * scrapeIntervalSeconds;

export function rateInterval(scrapeIntervalSeconds: number): string {
  const seconds = pointSpacing(scrapeIntervalSeconds);
  return seconds % 60 === 0 ? `${seconds / 60}m` : `${seconds}s`;
}

const instances = 'service="{{service}}",environment="{{environment}}",role="{{role}}"';

const latency = (quantile: number, name: string): MetricDefinition => ({
  name,
  query: `histogram_quantile(${quantile}, sum by (le) (rate(http_request_duration_seconds_bucket{${instances}}[{{interval}}])))`,
  direction: 'increase',
  thresholds: { relative: 1.5 },
  unit: 'seconds'
});

/**
 * Request error rate and latency quantiles, over the conventional `http_requests_total{code}` counter and
 * `http_request_duration_seconds` histogram. No 5xx series at all is a rate of 0 (`or vector(0)`), but
 * no requests at all stays empty: no data is never read as "no errors".
 */
export const BUILT_IN_METRICS: readonly MetricDefinition[] = [
  {
    name: 'error-rate',
    query:
      `(sum(rate(http_requests_total{${instances},code=~"5.."}[{{interval}}])) or vector(0))` +
      ` / sum(rate(http_requests_total{${instances}}[{{interval}}]))`,
    direction: 'increase',
    // Significantly above the baseline's, or above 5 % whatever the baseline (which decides when the
    // baseline had no errors at all). No relative margin: at a low error rate a short window holds a few
    // errors, and "twice the baseline's" is then noise more often than not.
    thresholds: { absolute: 0.05 },
    unit: 'ratio'
  },
  latency(0.5, 'latency-p50'),
  latency(0.95, 'latency-p95'),
  latency(0.99, 'latency-p99')
];

export const ERROR_RATE_METRIC = 'error-rate';

/** Requests per second: with the error rate, the counts the sequential test is fed (not judged on its own: the weights differ). */
export const REQUEST_RATE_QUERY = `sum(rate(http_requests_total{${instances}}[{{interval}}]))`;

/** An experiment's variants: visitors exposed and those who converted, as counters per instance. */
export const EXPERIMENT_QUERIES = {
  visitors: `sum(experiment_exposures_total{${instances}})`,
  conversions: `sum(experiment_conversions_total{${instances}})`
} as const;
