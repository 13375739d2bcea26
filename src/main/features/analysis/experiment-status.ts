/**
 * The A/B experiment of an environment: a canary held at 50 % with a sticky key, so each visitor stays
 * with one variant — A the stable version (baseline), B the canary. Visitors and conversions per variant
 * come from Prometheus (counters the instances expose, labelled by role), counted from when the canary
 * reached 50 %; the judge gives the difference, its confidence interval and what is still needed.
 */
import type { PrometheusSettings } from '../../../shared/contract/analysis';
import type { AnalysisRole, ExperimentStatus, SeriesPoint, VariantResult } from '../../../shared/domain/analysis';
import { formatStickyKey } from '../../../shared/domain/environment-settings';
import { AppError } from '../../../shared/result';
import type { MetricsPort } from '../../ports/metrics';
import type { ReleaseStore } from '../../ports/store';
import type { AnalysisJudge } from './analysis-judge';
import { EXPERIMENT_QUERIES, pointSpacing, rateInterval, renderQuery } from './query-templates';
import { versionLabel } from './canary-analysis';
import { analysisEndpoint } from './workspace-settings';

export const EXPERIMENT_WEIGHT = 50;
export const EXPERIMENT_CONFIDENCE = 0.95;
/** The smallest difference in conversion rate (absolute) worth finding. */
export const EXPERIMENT_MINIMUM_EFFECT = 0.02;
const MAX_CHART_POINTS = 60;

export interface ExperimentDeps {
  readonly metrics: MetricsPort;
  readonly store: Pick<ReleaseStore, 'releases' | 'workspace'>;
  readonly judge: AnalysisJudge;
  readonly workspace: () => PrometheusSettings;
  /** ms since the epoch */
  readonly now?: () => number;
}

const notRunning = (service: string, environment: string, why: string): AppError =>
  new AppError(
    'NOT_FOUND',
    `No experiment runs in ${service}/${environment}: ${why}`,
    `An experiment is a canary held at ${EXPERIMENT_WEIGHT} % with a sticky key: \`shipdeck env set ${service} ${environment} --strategy canary --sticky cookie:NAME --canary-steps ${EXPERIMENT_WEIGHT},100\`, then deploy the variant B.`
  );

/** What a counter gained over its points: drops are restarts (the counter began again from 0). */
export function counterIncrease(points: readonly SeriesPoint[]): number {
  let total = 0;
  let previous: number | null = null;
  for (const [, value] of points) {
    if (!Number.isFinite(value)) continue;
    if (previous !== null) total += value >= previous ? value - previous : value;
    previous = value;
  }
  return total;
}

export async function experimentStatus(deps: ExperimentDeps, serviceName: string, environment: string, signal: AbortSignal): Promise<ExperimentStatus> {
  const service = deps.store.workspace.findService(serviceName);
  if (!service) throw new AppError('NOT_FOUND', `There is no service named "${serviceName}".`, 'See your services: shipdeck services list');
  const env = service.environments.find((candidate) => candidate.name === environment);
  if (!env) throw new AppError('NOT_FOUND', `Service "${service.name}" has no environment named "${environment}".`);
  const lock = deps.store.releases.lock(service.name, environment);
  if (!lock) throw notRunning(service.name, environment, 'no release is under way there.');
  const release = deps.store.releases.getRelease(lock.deploymentId);
  if (!release || release.strategy !== 'canary') throw notRunning(service.name, environment, `release #${lock.deploymentId} is not a canary.`);
  const settings = release.settings ?? env.settings;
  if (settings.sticky === null) throw notRunning(service.name, environment, `release #${release.id} splits the traffic without a sticky key, so a visitor may see both variants.`);
  const reached = release.events.findLast((event) => event.weight !== null && event.phase === 'traffic');
  if (!reached || reached.weight !== EXPERIMENT_WEIGHT) {
    throw notRunning(service.name, environment, `the canary of release #${release.id} is at ${reached?.weight ?? 0} %, not held at ${EXPERIMENT_WEIGHT} %.`);
  }
  const endpoint = analysisEndpoint(settings.prometheusUrl, deps.workspace());
  if (!endpoint) {
    throw new AppError(
      'ENVIRONMENT_NOT_CONFIGURED',
      `No Prometheus is set for ${service.name}/${environment}: the experiment's conversions are read from it.`,
      `Set it in Settings, or: shipdeck env set ${service.name} ${environment} --prometheus http://127.0.0.1:9090`
    );
  }

  const resolution = pointSpacing(endpoint.scrapeIntervalSeconds);
  const start = Math.floor(Date.parse(reached.at) / 1000);
  const end = Math.max(start, Math.floor((deps.now?.() ?? Date.now()) / 1000));
  const stepSeconds = Math.max(resolution, Math.ceil((end - start) / MAX_CHART_POINTS));
  const versions: Record<AnalysisRole, string> = {
    baseline: versionLabel(release.previousVersion, release.previousDigest),
    canary: versionLabel(release.version, release.digest)
  };
  const read = async (counter: keyof typeof EXPERIMENT_QUERIES, role: AnalysisRole): Promise<readonly SeriesPoint[]> => {
    const query = renderQuery(EXPERIMENT_QUERIES[counter], { service: service.name, environment, version: versions[role], role, interval: rateInterval(endpoint.scrapeIntervalSeconds) });
    const answer = await deps.metrics.range(endpoint.url, { query, start, end, stepSeconds }, { signal });
    return answer.series[0]?.points ?? [];
  };
  const [visitorsA, conversionsA, visitorsB, conversionsB] = await Promise.all([read('visitors', 'baseline'), read('conversions', 'baseline'), read('visitors', 'canary'), read('conversions', 'canary')]);

  const variant = (name: 'A' | 'B', visitors: readonly SeriesPoint[], conversions: readonly SeriesPoint[]): VariantResult => {
    // Counters count whole visitors; Prometheus' sums are floats.
    const seen = Math.round(counterIncrease(visitors));
    const converted = Math.min(seen, Math.round(counterIncrease(conversions)));
    return { variant: name, visitors: seen, conversions: converted, rate: seen > 0 ? converted / seen : 0 };
  };
  const a = variant('A', visitorsA, conversionsA);
  const b = variant('B', visitorsB, conversionsB);
  const statistics = deps.judge.experiment({
    a: { visitors: a.visitors, conversions: a.conversions },
    b: { visitors: b.visitors, conversions: b.conversions },
    confidence: EXPERIMENT_CONFIDENCE,
    minimumEffect: EXPERIMENT_MINIMUM_EFFECT,
    design: 'sequential'
  });
  return {
    service: service.name,
    environment,
    design: 'sequential',
    confidence: EXPERIMENT_CONFIDENCE,
    minimumEffect: EXPERIMENT_MINIMUM_EFFECT,
    variants: [a, b],
    ...statistics,
    series: cumulativeRates(visitorsA, conversionsA, visitorsB, conversionsB),
    peekingGuard: `${statistics.peekingGuard} Visitors stay with one variant by ${formatStickyKey(settings.sticky)}.`
  };
}

/** Each variant's conversion rate so far, at each point of the visitors' series. */
function cumulativeRates(
  visitorsA: readonly SeriesPoint[],
  conversionsA: readonly SeriesPoint[],
  visitorsB: readonly SeriesPoint[],
  conversionsB: readonly SeriesPoint[]
): ExperimentStatus['series'] {
  const upTo = (points: readonly SeriesPoint[], at: number): readonly SeriesPoint[] => points.filter(([time]) => time <= at);
  const rate = (visitors: readonly SeriesPoint[], conversions: readonly SeriesPoint[], at: number): number => {
    const seen = counterIncrease(upTo(visitors, at));
    return seen > 0 ? Math.min(1, counterIncrease(upTo(conversions, at)) / seen) : 0;
  };
  const times = [...new Set([...visitorsA, ...visitorsB].map(([at]) => at))].sort((x, y) => x - y);
  return times.map((at) => ({ at, a: rate(visitorsA, conversionsA, at), b: rate(visitorsB, conversionsB, at) }));
}
