import { describe, expect, it } from 'vitest';
import type { MetricVerdict, Verdict } from '../analysis';
import { judgeStep } from './judge-step';

const metric = (name: string, verdict: Verdict, warnings: string[] = []): MetricVerdict => ({ metric: name, verdict, reason: `${name} said ${verdict}.`, numbers: {}, warnings });

describe('judgeStep', () => {
  it('fails when any metric fails, naming it and its reason', () => {
    const step = judgeStep([metric('latency-p95', 'pass'), metric('error-rate', 'fail'), metric('latency-p99', 'inconclusive')]);
    expect(step.verdict).toBe('fail');
    expect(step.reason).toBe('error-rate failed: error-rate said fail.');
  });

  it('is inconclusive when none fails and any is inconclusive', () => {
    const step = judgeStep([metric('latency-p95', 'pass'), metric('error-rate', 'inconclusive', ['The canary query returned no usable points.'])]);
    expect(step.verdict).toBe('inconclusive');
    expect(step.warnings).toEqual(['error-rate: The canary query returned no usable points.']);
  });

  it('passes only when every metric passed, and never with no metric at all', () => {
    expect(judgeStep([metric('a', 'pass'), metric('b', 'pass')])).toMatchObject({ verdict: 'pass', reason: 'All 2 metrics passed (a, b).' });
    expect(judgeStep([]).verdict).toBe('inconclusive');
  });
});
