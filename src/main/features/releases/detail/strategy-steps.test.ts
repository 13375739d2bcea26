import { describe, expect, it } from 'vitest';
import { DEFAULT_ENVIRONMENT_SETTINGS, type EnvironmentSettings } from '../../../../shared/domain/environment-settings';
import type { Release, ReleaseEvent, ReleasePhase } from '../../../../shared/domain/releases';
import type { DeploymentStatus } from '../../../../shared/domain/deployments';
import { strategySteps } from './strategy-steps';

const release = (strategy: Release['strategy'], status: DeploymentStatus): Release => ({
  id: 7,
  service: 'api',
  environment: 'prod',
  artifactId: 1,
  digest: `sha256:${'a'.repeat(64)}`,
  previousArtifactId: null,
  strategy,
  startedBy: 'alice',
  createdAt: '2026-03-01T09:00:00.000Z',
  rollbackOfId: null,
  status,
  canaryVerdict: null,
  trigger: 'manual',
  reason: null,
  overrideReason: null,
  settings: null,
  version: '1.0.0',
  commitSha: 'c'.repeat(40),
  previousDigest: null,
  previousVersion: null,
  previousCommitSha: null,
  phase: null,
  weight: null
});

let nextId = 1;
const event = (status: DeploymentStatus, phase: ReleasePhase, extra: Partial<ReleaseEvent> = {}): ReleaseEvent => ({
  id: nextId++,
  status,
  phase,
  detail: null,
  canaryVerdict: null,
  at: '2026-03-01T09:00:00.000Z',
  step: null,
  weight: null,
  actor: null,
  data: {},
  ...extra
});

const minutesLater = (minutes: number): Date => new Date(Date.parse('2026-03-01T09:00:00.000Z') + minutes * 60_000);
const settings = (patch: Partial<EnvironmentSettings>): EnvironmentSettings => ({ ...DEFAULT_ENVIRONMENT_SETTINGS, ...patch });
const states = (steps: readonly { readonly state: string }[]) => steps.map((step) => step.state);

describe('strategySteps', () => {
  it('splits a rolling release into batches and marks where it failed; the rest is skipped', () => {
    const events = [event('in-progress', 'started'), event('in-progress', 'instance-healthy', { step: 1 }), event('in-progress', 'instance-started', { step: 2 }), event('failed', 'failed', { step: 2 })];
    const steps = strategySteps(release('rolling', 'failed'), events, settings({ instances: 5, rollingBatchSize: 2 }), minutesLater(1));
    expect(steps.map((step) => step.label)).toEqual(['Batch 1 of 3 (instances 1–2)', 'Batch 2 of 3 (instances 3–4)', 'Batch 3 of 3 (instance 5)']);
    expect(states(steps)).toEqual(['done', 'failed', 'skipped']);
  });

  it('follows a canary by the weights its events reached, with the environment’s steps', () => {
    const events = [event('in-progress', 'started'), event('in-progress', 'traffic', { weight: 10 }), event('in-progress', 'traffic', { weight: 30 })];
    const steps = strategySteps(release('canary', 'in-progress'), events, settings({ canarySteps: [10, 30, 100] }), minutesLater(1));
    expect(steps.map((step) => [step.label, step.weight, step.state])).toEqual([
      ['Canary at 10 %', 10, 'done'],
      ['Canary at 30 %', 30, 'current'],
      ['All traffic (100 %)', 100, 'pending']
    ]);
  });

  it('keeps a succeeded blue-green release on its hold until the old colour is removed or the hold has passed', () => {
    const events = [event('in-progress', 'started'), event('in-progress', 'instance-healthy'), event('in-progress', 'switched', { weight: 100 }), event('succeeded', 'completed')];
    const bg = release('blue-green', 'succeeded');
    const holding = strategySteps(bg, events, settings({ blueGreenHoldSeconds: 600 }), minutesLater(5));
    expect(holding.map((step) => step.label)).toEqual(['Start the new colour', 'Smoke-check it', 'Switch traffic', 'Keep the old colour for 600 seconds']);
    expect(states(holding)).toEqual(['done', 'done', 'done', 'current']);
    expect(states(strategySteps(bg, [...events, event('succeeded', 'idle-removed')], settings({}), minutesLater(5)))).toEqual(['done', 'done', 'done', 'done']);
    expect(states(strategySteps(bg, events, settings({ blueGreenHoldSeconds: 600 }), minutesLater(11)))).toEqual(['done', 'done', 'done', 'done']);
  });

  it('shows a blue-green release that failed its smoke check at that step', () => {
    const events = [event('in-progress', 'started'), event('in-progress', 'instance-healthy'), event('failed', 'failed')];
    expect(states(strategySteps(release('blue-green', 'failed'), events, settings({}), minutesLater(1)))).toEqual(['done', 'failed', 'skipped', 'skipped']);
  });

  it('shows a shadow release mirroring, and a rejected release as skipped throughout', () => {
    const mirroring = [event('in-progress', 'started'), event('in-progress', 'instance-healthy'), event('in-progress', 'traffic')];
    expect(states(strategySteps(release('shadow', 'in-progress'), mirroring, settings({}), minutesLater(1)))).toEqual(['done', 'current', 'pending']);
    const rejected = [event('pending-approval', 'approval-requested'), event('failed', 'rejected', { actor: 'carol' })];
    expect(states(strategySteps(release('rolling', 'failed'), rejected, settings({ instances: 2 }), minutesLater(1)))).toEqual(['skipped', 'skipped']);
    expect(states(strategySteps(release('rolling', 'pending-approval'), rejected.slice(0, 1), settings({ instances: 2 }), minutesLater(1)))).toEqual(['pending', 'pending']);
  });

  it('shows a release undone later as having gone all the way', () => {
    const events = [event('in-progress', 'started'), event('succeeded', 'completed'), event('rolled-back', 'rolled-back')];
    expect(states(strategySteps(release('rolling', 'rolled-back'), events, settings({ instances: 2 }), minutesLater(1)))).toEqual(['done', 'done']);
  });
});
