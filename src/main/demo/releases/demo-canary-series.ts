/**
 * The canary series of the demo's recorded history: for a prod canary, each step's baseline and canary
 * series of the built-in metrics (error rate, latency p50/p95/p99), judged by the real judge, so Release
 * detail charts something real-looking offline on a first start. Deterministic; recorded through the
 * same analysis store the canary runner writes.
 */
import type { MetricSeries, SeriesPoint } from '../../../shared/domain/analysis';
import { judgeMetric } from '../../../shared/domain/analysis/judge-metric';
import { judgeStep } from '../../../shared/domain/analysis/judge-step';
import { BUILT_IN_METRICS, renderQuery } from '../../features/analysis/query-templates';
import type { StoreTransaction } from '../../ports/store';
import { createRandom } from '../prng';

/** What the demo says prod's Prometheus was. */
export const DEMO_PROMETHEUS_URL = 'http://127.0.0.1:9090';
const SPACING_SECONDS = 20;

export interface DemoCanaryStep {
  readonly step: number;
  readonly weight: number;
  /** ms */
  readonly startedAt: number;
  readonly endedAt: number;
}

/** How each metric behaves: the baseline's centre and noise, and the canary's centre at each step. */
const PROFILE: Readonly<Record<string, { readonly centre: number; readonly noise: number; readonly floor: number }>> = {
  'error-rate': { centre: 0.004, noise: 0.0012, floor: 0 },
  'latency-p50': { centre: 0.045, noise: 0.004, floor: 0.01 },
  'latency-p95': { centre: 0.12, noise: 0.01, floor: 0.03 },
  'latency-p99': { centre: 0.24, noise: 0.02, floor: 0.05 }
};

/** The failing release's canary: from its second step on, errors at 2.4 % and latency a little up. */
const BROKEN: Readonly<Record<string, number>> = { 'error-rate': 0.024, 'latency-p50': 0.05, 'latency-p95': 0.15, 'latency-p99': 0.33 };

export function recordDemoCanarySeries(
  tx: Pick<StoreTransaction, 'analysis'>,
  release: { readonly deploymentId: number; readonly service: string; readonly environment: string; readonly version: string; readonly previousVersion: string },
  steps: readonly DemoCanaryStep[],
  options: { readonly failsFromStep: number | null; readonly seed: number }
): void {
  const random = createRandom(options.seed);
  const gauss = () => {
    // Box–Muller from the demo's seeded generator.
    const u = Math.max(random.next(), 1e-12);
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * random.next());
  };
  const metrics = BUILT_IN_METRICS.map((metric) => ({
    ...metric,
    rendered: {
      baseline: renderQuery(metric.query, { service: release.service, environment: release.environment, version: release.previousVersion, role: 'baseline', interval: '40s' }),
      canary: renderQuery(metric.query, { service: release.service, environment: release.environment, version: release.version, role: 'canary', interval: '40s' })
    }
  }));
  for (const step of steps) {
    const startedAt = Math.floor(step.startedAt / 1000);
    const endedAt = Math.floor(step.endedAt / 1000);
    tx.analysis.startStep({
      deploymentId: release.deploymentId,
      step: step.step,
      weight: step.weight,
      startedAt,
      windowSeconds: endedAt - startedAt,
      prometheusUrl: DEMO_PROMETHEUS_URL,
      metrics
    });
    const broken = options.failsFromStep !== null && step.step >= options.failsFromStep;
    const verdicts = metrics.map((metric) => {
      const profile = PROFILE[metric.name] ?? { centre: 1, noise: 0.1, floor: 0 };
      // The canary takes a share of the traffic: fewer requests, a noisier series.
      const canaryNoise = profile.noise * Math.sqrt(100 / Math.max(step.weight, 5)) * 0.5;
      const series = (centre: number, noise: number): SeriesPoint[] => {
        const points: SeriesPoint[] = [];
        for (let at = startedAt + SPACING_SECONDS; at <= endedAt; at += SPACING_SECONDS) points.push([at, Math.max(profile.floor, centre + noise * gauss())]);
        return points;
      };
      const baseline: MetricSeries = { points: series(profile.centre, profile.noise), failure: null };
      const canary: MetricSeries = { points: series(broken ? (BROKEN[metric.name] ?? profile.centre) : profile.centre, canaryNoise), failure: null };
      tx.analysis.appendSeries([
        { deploymentId: release.deploymentId, step: step.step, metric: metric.name, role: 'baseline', points: baseline.points, failure: null },
        { deploymentId: release.deploymentId, step: step.step, metric: metric.name, role: 'canary', points: canary.points, failure: null }
      ]);
      return judgeMetric(baseline, canary, { metric: metric.name, direction: metric.direction, confidence: 0.95, minPoints: 10, thresholds: metric.thresholds });
    });
    tx.analysis.recordVerdict({ deploymentId: release.deploymentId, step: step.step, verdict: judgeStep(verdicts), endedAt });
  }
}
