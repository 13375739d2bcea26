/**
 * The analysis runner's judge, bound to the domain's: each metric judged at the window's end
 * (`judgeMetric`, then `judgeStep`), the error counts fed to the sequential test as the window runs
 * (`sequentialDecision`, which only ever fails early), and the A/B statistics (`experimentStatistics`).
 */
import type { MetricVerdict } from '../../../shared/domain/analysis';
import { experimentStatistics } from '../../../shared/domain/analysis/experiment';
import { DEFAULT_JUDGE_OPTIONS, judgeMetric } from '../../../shared/domain/analysis/judge-metric';
import { judgeStep } from '../../../shared/domain/analysis/judge-step';
import { countsFromRates, sequentialDecision, type SequentialState } from '../../../shared/domain/analysis/sequential';
import type { AnalysisJudge, TrafficRates } from './analysis-judge';
import { ERROR_RATE_METRIC } from './query-templates';

export function createDomainJudge(): AnalysisJudge {
  return {
    step(confidence, errorThresholds) {
      let state: SequentialState | null = null;
      return {
        look(observation) {
          const counts = (rates: TrafficRates | null) => (rates === null ? null : countsFromRates(rates.errorRatio, rates.requestsPerSecond, observation.seconds));
          const decision = sequentialDecision(state, { canary: counts(observation.canary), baseline: counts(observation.baseline) }, { confidence, thresholds: errorThresholds });
          state = decision.state;
          if (decision.decision !== 'fail') return null;
          const failed: MetricVerdict = { metric: ERROR_RATE_METRIC, verdict: 'fail', reason: decision.reason, numbers: decision.numbers, warnings: [] };
          return judgeStep([failed]);
        },
        final(metrics) {
          return judgeStep(
            metrics.map((metric) =>
              judgeMetric(metric.baseline, metric.canary, {
                ...DEFAULT_JUDGE_OPTIONS,
                metric: metric.definition.name,
                direction: metric.definition.direction,
                confidence,
                thresholds: metric.definition.thresholds
              })
            )
          );
        }
      };
    },
    experiment(input) {
      const statistics = experimentStatistics({ a: input.a, b: input.b }, { confidence: input.confidence, minimumEffect: input.minimumEffect, design: input.design });
      return {
        difference: statistics.difference,
        pValue: statistics.pValue,
        verdict: statistics.verdict,
        visitorsStillNeeded: statistics.visitorsStillNeeded,
        peekingGuard: statistics.peekingGuard
      };
    }
  };
}
