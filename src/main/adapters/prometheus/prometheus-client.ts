/**
 * The Prometheus HTTP API over fetch: `POST /api/v1/query` and `/api/v1/query_range` (form-encoded, so a
 * long PromQL never meets a URL length limit), each bounded by a timeout and the caller's signal. The
 * URL may carry a path prefix (`http://host/prometheus`). Prometheus' own refusals keep its errorType and
 * error; warnings come back with the answer.
 */
import { AppError } from '../../../shared/result';
import type { MetricsAnswer, MetricsPort, QueryOptions } from '../../ports/metrics';
import { parseEnvelope } from './prometheus-response';

const DEFAULT_TIMEOUT_MS = 10_000;
const HINT = 'Check that Prometheus runs and that the URL is right: Settings, or `shipdeck env set <service> <env> --prometheus URL`.';

/** `http://host:9090/prefix` → the API endpoint under it. */
export function apiUrl(base: string, endpoint: 'query' | 'query_range'): URL {
  let root: URL;
  try {
    root = new URL(base);
  } catch {
    throw new AppError('INVALID_INPUT', `"${base}" is not a URL of Prometheus.`, 'Give it as http://host:9090.');
  }
  if (root.protocol !== 'http:' && root.protocol !== 'https:') {
    throw new AppError('INVALID_INPUT', `"${base}" is not an http(s) URL.`, 'Give Prometheus as http://host:9090.');
  }
  root.pathname = root.pathname.endsWith('/') ? root.pathname : `${root.pathname}/`;
  root.search = '';
  root.hash = '';
  return new URL(`api/v1/${endpoint}`, root);
}

/** The URL without credentials, for messages. */
const shown = (url: URL): string => `${url.protocol}//${url.host}${url.pathname}`;

async function post(url: URL, form: Record<string, string>, options: QueryOptions | undefined): Promise<MetricsAnswer> {
  const timeoutMs = options?.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const caller = options?.signal;
  if (caller?.aborted) throw new AppError('CANCELLED', 'The query to Prometheus was cancelled.');
  const timeout = AbortSignal.timeout(timeoutMs);
  const signal = caller ? AbortSignal.any([caller, timeout]) : timeout;
  let response: Response;
  let body: string;
  try {
    response = await fetch(url, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', Accept: 'application/json' },
      body: new URLSearchParams(form).toString(),
      signal,
      redirect: 'follow'
    });
    body = await response.text();
  } catch (error) {
    if (caller?.aborted) throw new AppError('CANCELLED', 'The query to Prometheus was cancelled.');
    if (timeout.aborted) {
      throw new AppError('METRICS_UNREACHABLE', `Prometheus at ${shown(url)} did not answer within ${timeoutMs / 1000} s.`, HINT);
    }
    throw new AppError('METRICS_UNREACHABLE', `Prometheus at ${shown(url)} does not answer: ${causeOf(error)}.`, HINT);
  }
  const parsed = parseEnvelope(body);
  switch (parsed.kind) {
    case 'answer':
      return parsed.answer;
    case 'error':
      throw new AppError(
        'METRICS_QUERY_FAILED',
        `Prometheus refused the query (${parsed.errorType}): ${parsed.error}${parsed.warnings.length ? ` (warnings: ${parsed.warnings.join('; ')})` : ''}`,
        parsed.errorType === 'bad_data' ? 'Check the PromQL of the metric (its placeholders are filled in the message above).' : undefined
      );
    case 'not-prometheus':
      throw new AppError(
        'METRICS_QUERY_FAILED',
        `${shown(url)} answered HTTP ${response.status}, but ${parsed.problem}: is it the Prometheus API?`,
        HINT
      );
  }
}

/** Node's fetch hides the socket error in `cause`. */
function causeOf(error: unknown): string {
  const cause = (error as { cause?: { code?: unknown; message?: unknown } } | null)?.cause;
  if (cause && typeof cause.code === 'string') return `${cause.code}${typeof cause.message === 'string' ? ` (${cause.message})` : ''}`;
  if (cause && typeof cause.message === 'string') return cause.message;
  return error instanceof Error ? error.message : String(error);
}

export function createPrometheusClient(): MetricsPort {
  return {
    instant: async (url, query, options) =>
      post(apiUrl(url, 'query'), { query, ...(options?.at !== undefined ? { time: String(options.at) } : {}) }, options),
    range: async (url, range, options) => {
      if (!(range.stepSeconds > 0) || !(range.end >= range.start)) {
        throw new AppError('INVALID_INPUT', `A range query needs start ≤ end and a step above 0 (got ${range.start}…${range.end} every ${range.stepSeconds} s).`);
      }
      return post(
        apiUrl(url, 'query_range'),
        { query: range.query, start: String(range.start), end: String(range.end), step: String(range.stepSeconds) },
        options
      );
    }
  };
}
