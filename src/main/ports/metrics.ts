/**
 * A metrics backend that answers PromQL (Prometheus' HTTP API): instant and range queries, with the
 * warnings it sends back; and the scrape targets Shipdeck writes so that Prometheus finds the instances
 * it starts (file-based service discovery). Implemented in `adapters/prometheus/`.
 *
 * Errors (AppError): METRICS_UNREACHABLE (nothing answers at the URL, or not in time),
 * METRICS_QUERY_FAILED (Prometheus refused or could not run the query — its errorType and error quoted —
 * or what answered is not the Prometheus API), CANCELLED (the caller's signal).
 */
import type { SeriesPoint } from '../../shared/domain/analysis';

/** One series of an answer: its labels and its points (`[unix seconds, value]`, NaN kept as NaN). */
export interface MetricSample {
  readonly labels: Readonly<Record<string, string>>;
  readonly points: readonly SeriesPoint[];
}

export interface MetricsAnswer {
  readonly series: readonly MetricSample[];
  /** Prometheus' warnings (e.g. a partial answer); empty when none. */
  readonly warnings: readonly string[];
}

export interface QueryOptions {
  readonly signal?: AbortSignal | undefined;
  /** Default 10 s. */
  readonly timeoutMs?: number | undefined;
}

export interface RangeQuery {
  readonly query: string;
  /** unix seconds */
  readonly start: number;
  readonly end: number;
  readonly stepSeconds: number;
}

export interface MetricsPort {
  /** Evaluates `query` at `at` (unix seconds; now when left out). */
  instant(url: string, query: string, options?: QueryOptions & { readonly at?: number | undefined }): Promise<MetricsAnswer>;
  /** Evaluates `query` at every step from start to end. */
  range(url: string, query: RangeQuery, options?: QueryOptions): Promise<MetricsAnswer>;
}

/** An instance Prometheus should scrape, with the labels its series get. */
export interface ScrapeTarget {
  /** `127.0.0.1:hostPort` */
  readonly address: string;
  readonly labels: Readonly<Record<string, string>>;
}

/**
 * Where Prometheus learns which instances to scrape: one file per service and environment in a folder
 * its `file_sd_configs` reads. Written whole and renamed into place, so Prometheus never reads half a file.
 */
export interface ScrapeTargetsPort {
  /** The folder Prometheus' file_sd_configs should read (`<dataDir>/prometheus/targets`). */
  readonly folder: string;
  write(service: string, environment: string, targets: readonly ScrapeTarget[]): Promise<void>;
}
