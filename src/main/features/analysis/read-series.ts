/**
 * One read of a metric for one role over a step's window so far: a range query whose answer must be a
 * single series. An error, no series, or several series is a failed measurement with its reason — never
 * points that could pass.
 */
import type { SeriesPoint } from '../../../shared/domain/analysis';
import type { MetricsPort } from '../../ports/metrics';

export interface SeriesRead {
  readonly points: readonly SeriesPoint[];
  /** Why nothing usable came back; null when it answered. */
  readonly failure: string | null;
  readonly warnings: readonly string[];
}

export interface ReadWindow {
  readonly url: string;
  /** unix seconds */
  readonly start: number;
  readonly end: number;
  readonly stepSeconds: number;
  readonly signal: AbortSignal;
}

const messageOf = (error: unknown): string => (error instanceof Error ? error.message : String(error));

export async function readSeries(metrics: MetricsPort, query: string, window: ReadWindow): Promise<SeriesRead> {
  try {
    const answer = await metrics.range(window.url, { query, start: window.start, end: window.end, stepSeconds: window.stepSeconds }, { signal: window.signal });
    const [only, ...more] = answer.series;
    if (!only) {
      return {
        points: [],
        failure: 'Prometheus has no data for this query in the window: are the instances scraped (the scrape targets folder in its file_sd_configs) and do they expose the metric?',
        warnings: answer.warnings
      };
    }
    if (more.length > 0) {
      return { points: [], failure: `the query returned ${more.length + 1} series where one was expected: aggregate it (e.g. with sum).`, warnings: answer.warnings };
    }
    return { points: only.points, failure: null, warnings: answer.warnings };
  } catch (error) {
    // Cancellation is not a measurement: it ends the analysis.
    if ((error as { code?: unknown } | null)?.code === 'CANCELLED') throw error;
    return { points: [], failure: messageOf(error), warnings: [] };
  }
}
