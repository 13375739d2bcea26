/**
 * The canary analysis at a gate: over the step's window, reads each metric for the baseline and the
 * canary from Prometheus (range queries from the step's start), appends the new points to the release's
 * record, and asks the judge — at each look while the window runs (only a clear fail ends it early, the
 * judge's sequential test keeping false alarms at bay) and at its end. Every read tells the clients
 * (`releases.changed` with the release's id), so the charts follow live.
 */
import type { AnalysisRole, MetricSeries, SeriesPoint, StepVerdict } from '../../../shared/domain/analysis';
import { AppError } from '../../../shared/result';
import type { EventPort } from '../../ports/events';
import type { MetricsPort } from '../../ports/metrics';
import type { AskedMetric, ReleaseStore, SeriesChunk } from '../../ports/store';
import type { GateAnalysis, GateAnalysisRequest, GateVerdict } from '../releases/release-service';
import type { AnalysisJudge, JudgedMetric, TrafficObservation, TrafficRates } from './analysis-judge';
import { BUILT_IN_METRICS, ERROR_RATE_METRIC, pointSpacing, REQUEST_RATE_QUERY, rateInterval, renderQuery } from './query-templates';
import { readSeries } from './read-series';
import type { PrometheusSettings } from '../../../shared/contract/analysis';
import { analysisEndpoint } from './workspace-settings';

export interface AnalysisClock {
  /** ms since the epoch */
  now(): number;
  /** Rejects CANCELLED when the signal aborts. */
  sleep(ms: number, signal: AbortSignal): Promise<void>;
}

export const systemClock: AnalysisClock = {
  now: () => Date.now(),
  sleep: (ms, signal) =>
    new Promise((resolve, reject) => {
      if (signal.aborted) return reject(new AppError('CANCELLED', 'The canary analysis was stopped.'));
      const timer = setTimeout(() => {
        signal.removeEventListener('abort', stop);
        resolve();
      }, ms);
      const stop = (): void => {
        clearTimeout(timer);
        reject(new AppError('CANCELLED', 'The canary analysis was stopped.'));
      };
      signal.addEventListener('abort', stop, { once: true });
    })
};

export interface CanaryAnalysisDeps {
  readonly metrics: MetricsPort;
  readonly store: Pick<ReleaseStore, 'analysis' | 'releases'>;
  readonly judge: AnalysisJudge;
  readonly events: EventPort;
  /** The workspace's Prometheus settings, read at each gate (they may change between steps). */
  readonly workspace: () => PrometheusSettings;
  /** Makes sure Prometheus knows the environment's instances before the window starts. */
  readonly syncTargets?: ((service: string, environment: string) => Promise<void>) | undefined;
  readonly clock?: AnalysisClock | undefined;
  /** Default 0.95. */
  readonly confidence?: number | undefined;
}

/** The label a version goes by in the scrape targets and queries: the artifact's version, else its short digest. */
export const versionLabel = (version: string | null, digest: string | null): string =>
  version ?? (digest ? digest.replace(/^sha256:/, '').slice(0, 12) : 'unknown');

const ROLES: readonly AnalysisRole[] = ['baseline', 'canary'];

interface Track {
  readonly points: SeriesPoint[];
  failure: string | null;
  warnings: Set<string>;
}

export function createCanaryAnalysis(deps: CanaryAnalysisDeps): GateAnalysis {
  const clock = deps.clock ?? systemClock;
  const confidence = deps.confidence ?? 0.95;

  return {
    async judge(request: GateAnalysisRequest, signal: AbortSignal): Promise<GateVerdict | null> {
      const endpoint = analysisEndpoint(request.settings.prometheusUrl, deps.workspace());
      if (endpoint === null) return null;
      const url = endpoint.url;
      const { deploymentId, service, environment, step, weight } = request;
      const release = deps.store.releases.getRelease(deploymentId);
      if (!release) throw new AppError('NOT_FOUND', `There is no release #${deploymentId} to analyse.`);
      await deps.syncTargets?.(service, environment).catch((error: unknown) => console.warn('[shipdeck] writing the scrape targets failed:', error));

      const resolution = pointSpacing(endpoint.scrapeIntervalSeconds);
      const windowSeconds = request.settings.analysisWindowSeconds;
      const interval = rateInterval(endpoint.scrapeIntervalSeconds);
      const versions: Record<AnalysisRole, string> = {
        baseline: versionLabel(release.previousVersion, release.previousDigest),
        canary: versionLabel(release.version, release.digest)
      };
      const render = (template: string): Record<AnalysisRole, string> => ({
        baseline: renderQuery(template, { service, environment, version: versions.baseline, role: 'baseline', interval }),
        canary: renderQuery(template, { service, environment, version: versions.canary, role: 'canary', interval })
      });
      const asked: AskedMetric[] = BUILT_IN_METRICS.map((metric) => ({ ...metric, rendered: render(metric.query) }));
      const requestRate = render(REQUEST_RATE_QUERY);
      const startedAt = Math.floor(clock.now() / 1000);
      const endsAt = startedAt + windowSeconds;
      await deps.store.analysis.startStep({ deploymentId, step, weight, startedAt, windowSeconds, prometheusUrl: url, metrics: asked });
      const changed = (): void => deps.events.emit('releases.changed', { service, environment, deploymentId });
      changed();

      const tracks = new Map<string, Track>();
      const track = (name: string, role: AnalysisRole): Track => {
        const key = `${name}/${role}`;
        const found = tracks.get(key) ?? { points: [], failure: null, warnings: new Set<string>() };
        tracks.set(key, found);
        return found;
      };
      const errorThresholds = asked.find((metric) => metric.name === ERROR_RATE_METRIC)?.thresholds ?? {};
      const judgement = deps.judge.step(confidence, errorThresholds);
      // The sequential test sees each point of the window once, in order.
      let looked = startedAt;

      // The last point's scrapes may still be on their way: read up to one point behind now.
      const lag = resolution;
      const poll = Math.max(resolution, Math.min(15, windowSeconds / 10));
      let verdict: StepVerdict | null = null;
      while (verdict === null) {
        const wait = Math.min(poll, Math.max(0, endsAt + lag - clock.now() / 1000));
        if (wait > 0) await clock.sleep(wait * 1000, signal);
        const now = clock.now() / 1000;
        const end = Math.min(now - lag, endsAt);
        if (end > startedAt) {
          await readAll(end, signal);
          changed();
          for (; looked + resolution <= end && verdict === null; looked += resolution) {
            const early = judgement.look(observationAt(looked + resolution));
            if (early?.verdict === 'fail') verdict = early;
          }
        }
        if (verdict === null && now - lag >= endsAt) verdict = judgement.final(judged());
      }
      const decided = withPrometheusWarnings(verdict, tracks);
      await deps.store.analysis.recordVerdict({ deploymentId, step, verdict: decided, endedAt: Math.floor(clock.now() / 1000) });
      changed();
      return { verdict: decided.verdict, reason: decided.reason };

      function judged(): JudgedMetric[] {
        return asked.map((metric) => ({
          definition: { name: metric.name, query: metric.query, direction: metric.direction, thresholds: metric.thresholds, unit: metric.unit },
          baseline: seriesOf(track(metric.name, 'baseline')),
          canary: seriesOf(track(metric.name, 'canary'))
        }));
      }

      function observationAt(at: number): TrafficObservation {
        const side = (role: AnalysisRole): TrafficRates | null => {
          const errorRatio = valueAt(track(ERROR_RATE_METRIC, role), at);
          const requestsPerSecond = valueAt(track(REQUEST_RATE, role), at);
          return errorRatio === null || requestsPerSecond === null ? null : { errorRatio, requestsPerSecond };
        };
        return { canary: side('canary'), baseline: side('baseline'), seconds: resolution };
      }

      async function readAll(end: number, stop: AbortSignal): Promise<void> {
        const queries = [...asked.map((metric) => ({ name: metric.name, rendered: metric.rendered, kept: true })), { name: REQUEST_RATE, rendered: requestRate, kept: false }];
        const reads = await Promise.all(
          queries.flatMap((query) =>
            ROLES.map(async (role) => ({ query, role, read: await readSeries(deps.metrics, query.rendered[role], { url, start: startedAt, end, stepSeconds: resolution, signal: stop }) }))
          )
        );
        const chunks: SeriesChunk[] = [];
        for (const { query, role, read } of reads) {
          const kept = track(query.name, role);
          const last = kept.points.at(-1)?.[0] ?? Number.NEGATIVE_INFINITY;
          const fresh = read.points.filter(([at]) => at > last);
          kept.points.push(...fresh);
          kept.failure = read.failure;
          for (const warning of read.warnings) kept.warnings.add(warning);
          if (query.kept && (fresh.length > 0 || read.failure !== null)) chunks.push({ deploymentId, step, metric: query.name, role, points: fresh, failure: read.failure });
        }
        if (chunks.length > 0) await deps.store.analysis.appendSeries(chunks);
      }
    }
  };
}

/** Not a judged metric: the traffic the sequential test weighs the errors by. */
const REQUEST_RATE = 'request-rate';

function valueAt(track: Track, at: number): number | null {
  const point = track.points.find(([time]) => time === at);
  return point && Number.isFinite(point[1]) ? point[1] : null;
}

function seriesOf(track: Track): MetricSeries {
  return { points: [...track.points], failure: track.points.length === 0 && track.failure === null ? 'no points were read in the window' : track.failure };
}

/** Prometheus' warnings about a metric's queries join that metric's warnings (a partial answer must be seen). */
function withPrometheusWarnings(verdict: StepVerdict, tracks: ReadonlyMap<string, Track>): StepVerdict {
  return {
    ...verdict,
    metrics: verdict.metrics.map((metric) => {
      const warned = [...new Set([...(tracks.get(`${metric.metric}/baseline`)?.warnings ?? []), ...(tracks.get(`${metric.metric}/canary`)?.warnings ?? [])])];
      return warned.length === 0 ? metric : { ...metric, warnings: [...metric.warnings, ...warned.map((warning) => `Prometheus warned: ${warning}`)] };
    })
  };
}
