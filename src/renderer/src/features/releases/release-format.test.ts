import { describe, expect, it } from 'vitest';
import type { ReleaseEvent } from '../../../../shared/domain/releases';
import { activeSummary, artifactLabel, isPaused, mergeEvents, releaseProgress, shortDigest, stepWeight } from './release-format';
import { digestOf, release } from './release-fixtures';

const event = (id: number): ReleaseEvent => ({ id, status: 'in-progress', detail: null, canaryVerdict: null, at: '2026-01-01T10:00:00Z', phase: 'traffic', step: null, weight: null, actor: null, data: {} });

describe('artifact names', () => {
  it('prefer the version, else the first 12 hex digits of the digest', () => {
    expect(artifactLabel({ digest: digestOf(1), version: 'v1.2.0' })).toBe('v1.2.0');
    expect(artifactLabel({ digest: digestOf(1), version: null })).toBe('0001abababab');
    expect(shortDigest('sha256:3f1a2b3c4d5e6f70')).toBe('3f1a2b3c4d5e');
  });
});

describe('a release under way', () => {
  it('reads as what it waits for or how far its traffic has moved', () => {
    expect(activeSummary(release({ status: 'pending-approval', phase: 'approval-requested', weight: null }))).toBe('waiting for approval');
    expect(activeSummary(release({ status: 'in-progress', strategy: 'canary', phase: 'paused', weight: 25 }))).toBe('canary at 25 %, paused');
    expect(activeSummary(release({ status: 'in-progress', trigger: 'rollback', phase: 'traffic', weight: 50 }))).toBe('rolling back at 50 %');
  });

  it('is paused only while in progress with a pause as its latest event', () => {
    expect(isPaused({ status: 'in-progress', phase: 'paused' })).toBe(true);
    expect(isPaused({ status: 'succeeded', phase: 'paused' })).toBe(false);
    expect(isPaused({ status: 'in-progress', phase: 'continued' })).toBe(false);
  });

  it('measures progress by strategy steps (the current one counts half), else by traffic weight', () => {
    const moving = release({ status: 'in-progress', strategy: 'canary', phase: 'traffic', weight: 25 });
    expect(
      releaseProgress(moving, [
        { label: '5 %', weight: 5, state: 'done' },
        { label: '25 %', weight: 25, state: 'current' },
        { label: '50 %', weight: 50, state: 'pending' },
        { label: '100 %', weight: 100, state: 'pending' }
      ])
    ).toMatchObject({ completed: 1.5, total: 4 });
    expect(releaseProgress(moving)).toMatchObject({ completed: 25, total: 100 });
    // Unknown: an indeterminate bar (total 0) rather than a made-up fraction.
    expect(releaseProgress({ ...moving, weight: null })).toMatchObject({ completed: 0, total: 0 });
  });

  it('has no progress bar once settled or while it waits for approval', () => {
    expect(releaseProgress(release({ status: 'succeeded' }))).toBeNull();
    expect(releaseProgress(release({ status: 'pending-approval' }))).toBeNull();
  });
});

describe('followed events', () => {
  it('are kept once each, in id order, when a resumed stream repeats some', () => {
    const merged = mergeEvents([event(1), event(2)], [event(2), event(4), event(3)]);
    expect(merged.map((e) => e.id)).toEqual([1, 2, 3, 4]);
  });
  it('leave the list untouched when nothing is new', () => {
    const known = [event(1)];
    expect(mergeEvents(known, [event(1)])).toBe(known);
  });
});

describe('strategy steps', () => {
  it('show the weight beside a label that does not already say it', () => {
    expect(stepWeight({ label: 'batch 1 of 2', weight: 50 })).toBe('50 %');
    expect(stepWeight({ label: '25 %', weight: 25 })).toBeNull();
    expect(stepWeight({ label: 'canary 5%', weight: 5 })).toBeNull();
    expect(stepWeight({ label: 'canary 15 %', weight: 5 })).toBe('5 %');
    expect(stepWeight({ label: 'switch', weight: null })).toBeNull();
  });
});
