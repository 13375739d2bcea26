import { describe, expect, it } from 'vitest';
import type { ChartTheme } from './chart-theme';
import { legendEntries } from './chart-legend';

const theme = { baseline: 'blue', canary: 'purple', threshold: 'red', breach: 'red', fail: 'red' } as ChartTheme;
const none = { breach: false, failedMeasurements: false, failedHere: false, failedElsewhere: false };

describe('legendEntries', () => {
  it('names only what the chart draws', () => {
    expect(legendEntries(theme, {}, none).map((entry) => entry.label)).toEqual(['baseline', 'canary']);
    expect(legendEntries(theme, { absolute: 0.02, relative: 1.5 }, { breach: true, failedMeasurements: true, failedHere: true, failedElsewhere: true }).map((entry) => entry.label)).toEqual([
      'baseline',
      'canary',
      'absolute limit',
      'baseline mean × 1.5 (50 % above)',
      'failed on this metric',
      'canary beyond a threshold',
      'step failed on another metric',
      'failed measurement'
    ]);
  });
});
