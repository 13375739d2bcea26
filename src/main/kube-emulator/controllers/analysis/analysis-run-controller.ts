/**
 * The AnalysisRun controller of Argo Rollouts (`analysis/analysis.go`), for the web and prometheus
 * providers: each metric is measured every `interval` until `count`; a measurement is Successful, Failed
 * or Inconclusive by its successCondition/failureCondition, or Error when it cannot be taken; a metric
 * fails past failureLimit, turns inconclusive past inconclusiveLimit, errors past consecutiveErrorLimit
 * (default 4); the run takes the worst completed metric's phase, and a run with a failed metric or
 * `spec.terminate` stops measuring.
 */
import type { ApiService } from '../../api-service';
import { cloneJson, isJsonObject, semanticEqual, type JsonObject, type JsonValue } from '../../json';
import { analysisRuns } from '../../kinds/argo-rollouts';
import { kubeTime, nameOf, namespaceOf, type KubeObject } from '../../object-meta';
import { WorkQueue, splitKey } from '../work-queue';
import { evaluateCondition, type ExpressionValue } from './condition-expression';
import { durationMs } from './durations';
import { measure } from './measurement-providers';

export type AnalysisPhase = 'Pending' | 'Running' | 'Successful' | 'Failed' | 'Error' | 'Inconclusive';
const ORDER: readonly AnalysisPhase[] = ['Pending', 'Running', 'Successful', 'Inconclusive', 'Error', 'Failed'];
const COMPLETED = new Set<string>(['Successful', 'Failed', 'Error', 'Inconclusive']);
const DEFAULT_CONSECUTIVE_ERROR_LIMIT = 4;
const ERROR_RETRY_MS = 10_000;

export function isCompleted(phase: unknown): boolean {
  return typeof phase === 'string' && COMPLETED.has(phase);
}

export class AnalysisRunController {
  readonly queue: WorkQueue;
  private readonly measuring = new Set<string>();

  constructor(
    private readonly api: ApiService,
    private readonly clock: () => Date
  ) {
    this.queue = new WorkQueue('analysisrun', (key) => this.sync(key));
  }

  sync(key: string): void {
    const { namespace, name } = splitKey(key);
    const run = this.api.find(analysisRuns, namespace, name);
    if (!run) return;
    const status: JsonObject = isJsonObject(run['status']) ? cloneJson(run['status']) : {};
    if (isCompleted(status['phase'])) return;
    const now = this.clock();
    const metrics = resolvedMetrics(run);
    status['startedAt'] ??= kubeTime(now);
    const results = (Array.isArray(status['metricResults']) ? status['metricResults'].filter(isJsonObject) : []).map((result) => cloneJson(result));
    const userTerminated = valueIsTrue(run, 'terminate');
    const terminating = userTerminated || results.some((result) => ['Failed', 'Error', 'Inconclusive'].includes(String(result['phase'])));

    let nextDue = Infinity;
    for (const metric of metrics) {
      const metricName = String(metric['name'] ?? '');
      let result = results.find((candidate) => candidate['name'] === metricName);
      if (!result) {
        result = { name: metricName, phase: 'Pending', count: 0, successful: 0, failed: 0, inconclusive: 0, error: 0, consecutiveError: 0, measurements: [] };
        results.push(result);
      }
      if (isCompleted(result['phase'])) continue;
      if (!terminating) {
        const due = this.dueAt(metric, result, String(status['startedAt']));
        if (due !== null && due <= now.getTime()) this.startMeasurement(run, metric);
        else if (due !== null) nextDue = Math.min(nextDue, due);
      }
      result['phase'] = assessMetric(metric, result, terminating);
      if (isCompleted(result['phase'])) {
        const measurements = result['measurements'];
        const last = Array.isArray(measurements) ? measurements[measurements.length - 1] : undefined;
        if (isJsonObject(last) && typeof last['message'] === 'string') result['message'] = last['message'];
      }
    }
    status['metricResults'] = results;
    const { phase, message, summary } = assessRun(metrics, results, userTerminated);
    status['phase'] = phase;
    if (message) status['message'] = message;
    else delete status['message'];
    status['runSummary'] = summary;
    if (isCompleted(phase)) status['completedAt'] ??= kubeTime(now);
    if (Number.isFinite(nextDue)) this.queue.addAfter(key, nextDue - now.getTime());
    if (semanticEqual(run['status'], status)) return;
    this.api.mutate(analysisRuns, namespace, name, (stored) => {
      stored['status'] = status;
    }, 'status');
  }

  /** When the next measurement of a metric is due (ms since epoch), or null when none is. */
  private dueAt(metric: JsonObject, result: JsonObject, startedAt: string): number | null {
    const measurements = Array.isArray(result['measurements']) ? result['measurements'].filter(isJsonObject) : [];
    const last = measurements[measurements.length - 1];
    const count = effectiveCount(metric);
    if (count !== null && Number(result['count'] ?? 0) >= count) return null;
    if (!last) return Date.parse(startedAt) + (durationMs(metric['initialDelay']) ?? 0);
    if (!isCompleted(last['phase'])) return null;
    // A measurement that errored is retried after 10 s (Argo's DefaultErrorRetryInterval).
    const interval = last['phase'] === 'Error' ? ERROR_RETRY_MS : durationMs(metric['interval']);
    if (interval === null) return null;
    return Date.parse(String(last['finishedAt'] ?? last['startedAt'] ?? startedAt)) + interval;
  }

  private startMeasurement(run: KubeObject, metric: JsonObject): void {
    const key = `${namespaceOf(run)}/${nameOf(run)}`;
    const metricName = String(metric['name'] ?? '');
    const flight = `${key}/${metricName}`;
    if (this.measuring.has(flight)) return;
    this.measuring.add(flight);
    const startedAt = kubeTime(this.clock());
    const provider = isJsonObject(metric['provider']) ? metric['provider'] : {};
    void measure(provider)
      .then((measured) => ({ phase: evaluate(metric, measured.result), value: measured.value, message: null as string | null }))
      .catch((error: unknown) => ({ phase: 'Error' as AnalysisPhase, value: null, message: error instanceof Error ? error.message : String(error) }))
      .then((outcome) => {
        this.measuring.delete(flight);
        const current = this.api.find(analysisRuns, namespaceOf(run), nameOf(run));
        if (!current || isCompleted(valueOfStatus(current, 'phase'))) return;
        const measurement: JsonObject = { phase: outcome.phase, startedAt, finishedAt: kubeTime(this.clock()) };
        if (outcome.value !== null) measurement['value'] = outcome.value;
        if (outcome.message !== null) measurement['message'] = outcome.message;
        this.api.mutate(analysisRuns, namespaceOf(run), nameOf(run), (stored) => {
          const status = isJsonObject(stored['status']) ? stored['status'] : {};
          const results = Array.isArray(status['metricResults']) ? status['metricResults'].filter(isJsonObject) : [];
          let result = results.find((candidate) => candidate['name'] === metricName);
          if (!result) {
            result = { name: metricName, phase: 'Running', count: 0, successful: 0, failed: 0, inconclusive: 0, error: 0, consecutiveError: 0, measurements: [] };
            results.push(result);
          }
          record(result, measurement);
          status['metricResults'] = results;
          stored['status'] = status;
        }, 'status');
        this.queue.add(key);
      });
  }
}

function valueIsTrue(run: KubeObject, field: string): boolean {
  const spec = run['spec'];
  return isJsonObject(spec) && spec[field] === true;
}

function valueOfStatus(run: KubeObject, field: string): JsonValue | undefined {
  const status = run['status'];
  return isJsonObject(status) ? status[field] : undefined;
}

/** Adds a measurement to a metric result and updates its counters as Argo does. */
function record(result: JsonObject, measurement: JsonObject): void {
  const measurements = Array.isArray(result['measurements']) ? result['measurements'] : [];
  measurements.push(measurement);
  result['measurements'] = measurements;
  const increment = (field: string) => (result[field] = Number(result[field] ?? 0) + 1);
  switch (measurement['phase']) {
    case 'Successful':
      increment('successful');
      increment('count');
      result['consecutiveError'] = 0;
      break;
    case 'Failed':
      increment('failed');
      increment('count');
      result['consecutiveError'] = 0;
      break;
    case 'Inconclusive':
      increment('inconclusive');
      increment('count');
      result['consecutiveError'] = 0;
      break;
    default:
      increment('error');
      increment('consecutiveError');
  }
  result['phase'] = 'Running';
}

/** `EvaluateResult`: success/failure conditions to a measurement phase. */
export function evaluate(metric: JsonObject, result: ExpressionValue): AnalysisPhase {
  const successCondition = typeof metric['successCondition'] === 'string' ? metric['successCondition'] : '';
  const failureCondition = typeof metric['failureCondition'] === 'string' ? metric['failureCondition'] : '';
  if (successCondition === '' && failureCondition === '') return 'Successful';
  let success = successCondition !== '' ? evaluateCondition(successCondition, result) : false;
  let failure = failureCondition !== '' ? evaluateCondition(failureCondition, result) : false;
  if (successCondition !== '' && failureCondition === '') failure = !success;
  if (successCondition === '' && failureCondition !== '') success = !failure;
  if (failure) return 'Failed';
  if (!success) return 'Inconclusive';
  return 'Successful';
}

function effectiveCount(metric: JsonObject): number | null {
  if (typeof metric['count'] === 'number') return metric['count'];
  if (typeof metric['count'] === 'string' && /^\d+$/.test(metric['count'])) return Number(metric['count']);
  return metric['interval'] === undefined ? 1 : null;
}

function limit(metric: JsonObject, field: string, fallback: number): number {
  const value = metric[field];
  return typeof value === 'number' ? value : typeof value === 'string' && /^-?\d+$/.test(value) ? Number(value) : fallback;
}

/** `assessMetricFailureInconclusiveOrError`. */
function failureInconclusiveOrError(metric: JsonObject, result: JsonObject): { phase: AnalysisPhase | null; message: string } {
  let phase: AnalysisPhase | null = null;
  let message = '';
  const failureLimit = limit(metric, 'failureLimit', 0);
  if (failureLimit >= 0 && Number(result['failed'] ?? 0) > failureLimit) {
    phase = 'Failed';
    message = `failed (${Number(result['failed'])}) > failureLimit (${failureLimit})`;
  }
  const inconclusiveLimit = limit(metric, 'inconclusiveLimit', 0);
  if (Number(result['inconclusive'] ?? 0) > inconclusiveLimit) {
    phase = 'Inconclusive';
    message = `inconclusive (${Number(result['inconclusive'])}) > inconclusiveLimit (${inconclusiveLimit})`;
  }
  const errorLimit = limit(metric, 'consecutiveErrorLimit', DEFAULT_CONSECUTIVE_ERROR_LIMIT);
  if (Number(result['consecutiveError'] ?? 0) > errorLimit) {
    phase = 'Error';
    message = `consecutiveErrors (${Number(result['consecutiveError'])}) > consecutiveErrorLimit (${errorLimit})`;
  }
  return { phase, message };
}

/** `assessMetricStatus`. */
function assessMetric(metric: JsonObject, result: JsonObject, terminating: boolean): AnalysisPhase {
  const measurements = Array.isArray(result['measurements']) ? result['measurements'].filter(isJsonObject) : [];
  if (measurements.length === 0) return terminating ? 'Successful' : 'Pending';
  const last = measurements[measurements.length - 1];
  if (!last || !isCompleted(last['phase'])) return 'Running';
  const { phase } = failureInconclusiveOrError(metric, result);
  if (phase) return phase;
  const count = effectiveCount(metric);
  if (count !== null && Number(result['count'] ?? 0) >= count) return 'Successful';
  return terminating ? 'Successful' : 'Running';
}

function assessRun(metrics: readonly JsonObject[], results: readonly JsonObject[], userTerminated: boolean): { phase: AnalysisPhase; message: string; summary: JsonObject } {
  let worst: AnalysisPhase | null = null;
  let worstMessage = '';
  let allCompleted = true;
  const summary = { count: metrics.length, successful: 0, failed: 0, inconclusive: 0, error: 0 };
  for (const metric of metrics) {
    const result = results.find((candidate) => candidate['name'] === metric['name']);
    const phase = (result?.['phase'] ?? 'Pending') as AnalysisPhase;
    if (!isCompleted(phase)) {
      allCompleted = false;
      continue;
    }
    const { message } = result ? failureInconclusiveOrError(metric, result) : { message: '' };
    if (worst === null || ORDER.indexOf(phase) > ORDER.indexOf(worst)) {
      worst = phase;
      if (message) {
        worstMessage = `Metric "${String(metric['name'])}" assessed ${phase} due to ${message}`;
        const lastMessage = result?.['message'];
        if (typeof lastMessage === 'string' && lastMessage !== '') worstMessage += `: "Error Message: ${lastMessage}"`;
      }
    }
    if (phase === 'Failed') summary.failed++;
    else if (phase === 'Error') summary.error++;
    else if (phase === 'Inconclusive') summary.inconclusive++;
    else summary.successful++;
  }
  if (!allCompleted) return { phase: 'Running', message: '', summary };
  const phase = worst ?? 'Successful';
  return { phase, message: userTerminated && phase === 'Successful' ? 'Run Terminated' : worstMessage, summary };
}

/** The run's metrics with `{{args.name}}` replaced by the run's argument values. */
function resolvedMetrics(run: KubeObject): JsonObject[] {
  const spec = isJsonObject(run['spec']) ? run['spec'] : {};
  const metrics = Array.isArray(spec['metrics']) ? spec['metrics'].filter(isJsonObject) : [];
  const args = Array.isArray(spec['args']) ? spec['args'].filter(isJsonObject) : [];
  let text = JSON.stringify(metrics);
  for (const arg of args) {
    if (typeof arg['value'] !== 'string') continue;
    text = text.split(`{{args.${String(arg['name'])}}}`).join(JSON.stringify(arg['value']).slice(1, -1));
  }
  return JSON.parse(text) as JsonObject[];
}
