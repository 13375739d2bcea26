import { describe, expect, it } from 'vitest';
import type { PipelineRun } from '../../../../shared/domain/pipeline-runs';
import { describeTests } from './test-summary';

const run = (testSummary: PipelineRun['testSummary']) => ({ testSummary }) as PipelineRun;

describe('describeTests', () => {
  it('counts errors as failures and leaves skipped tests out of the passed ones', () => {
    expect(describeTests(run({ tests: 12, failures: 1, errors: 1, skipped: 2, files: ['.shipdeck/reports/unit.xml'] }))).toBe(
      '8 passed, 2 failed, 2 skipped (.shipdeck/reports/unit.xml).'
    );
  });

  it('says why there are no totals', () => {
    expect(describeTests(run(null))).toContain('JUnit XML in .shipdeck/reports/');
    expect(describeTests(null)).toBe('no run recorded.');
  });
});
