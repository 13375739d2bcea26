import { describe, expect, it } from 'vitest';
import type { AnalysisStep, ReleaseAnalysis } from '../../../../shared/domain/analysis';
import { metricVerdicts } from './metric-card';
import { lastRecorded } from './release-analysis-view';

const pass = (metric: string) => ({ verdict: 'pass' as const, reason: 'ok', metrics: [{ metric, verdict: 'pass' as const, reason: `${metric} ok`, numbers: {}, warnings: [] }], warnings: [] });

describe('replaying a recorded analysis', () => {
  const steps: AnalysisStep[] = [
    { step: 1, weight: 5, startedAt: 100, endedAt: 200, verdict: pass('error-rate') },
    { step: 2, weight: 25, startedAt: 200, endedAt: null, verdict: null }
  ];

  it('ends a step without an end at the last moment recorded, not at the reader’s clock', () => {
    const analysis: ReleaseAnalysis = {
      deploymentId: 1,
      prometheusUrl: null,
      metrics: [
        {
          name: 'error-rate',
          query: 'q',
          direction: 'increase',
          thresholds: {},
          unit: 'ratio',
          rendered: { baseline: 'b', canary: 'c' },
          baseline: { points: [[150, 0.1]], failure: null },
          canary: { points: [[260, 0.1]], failure: null }
        }
      ],
      steps,
      automaticRollback: null
    };
    expect(lastRecorded(analysis)).toBe(260);
  });

  it('finds a metric’s verdict at each step that has one', () => {
    expect(metricVerdicts('error-rate', steps).map(({ step, verdict }) => [step.step, verdict.reason])).toEqual([[1, 'error-rate ok']]);
    expect(metricVerdicts('latency-p95', steps)).toEqual([]);
  });
});
