import { describe, expect, it } from 'vitest';
import type { TimelineEntry } from '../../../../shared/domain/releases';
import { chronological, fate, knownStatus, runsNowIn } from './timeline-format';

const entry = (overrides: Partial<TimelineEntry>): TimelineEntry => ({
  service: 'api',
  environment: 'dev',
  deploymentId: 1,
  arrivedAt: '2026-01-01T10:00:00Z',
  by: 'ana',
  strategy: 'rolling',
  trigger: 'manual',
  status: 'succeeded',
  left: null,
  ...overrides
});

describe('an artifact timeline', () => {
  const entries = [
    entry({ environment: 'prod', deploymentId: 3, arrivedAt: '2026-01-03T10:00:00Z', trigger: 'promotion', left: { at: '2026-01-04T10:00:00Z', how: 'rolled back', byDeploymentId: 4 } }),
    entry({ environment: 'dev', deploymentId: 1 }),
    entry({ environment: 'staging', deploymentId: 2, arrivedAt: '2026-01-02T10:00:00Z', trigger: 'promotion' })
  ];

  it('reads in the order things happened', () => {
    expect(chronological(entries).map((e) => e.environment)).toEqual(['dev', 'staging', 'prod']);
  });

  it('knows where the artifact still runs and how it left the others', () => {
    expect(runsNowIn(entries)).toEqual(['dev', 'staging']);
    expect(fate(entries[0] as TimelineEntry)).toBe('rolled back (release #4)');
    expect(fate(entry({ status: 'failed' }))).toBe('');
    expect(fate(entry({}))).toBe('still runs here');
  });

  it('shows a status word the domain does not know as written', () => {
    expect(knownStatus('rolled-back')).toBe('rolled-back');
    expect(knownStatus('still going')).toBeNull();
  });
});
