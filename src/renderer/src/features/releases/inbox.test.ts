import { describe, expect, it } from 'vitest';
import type { InboxItem } from '../../../../shared/domain/releases';
import { actionForKey, flatInbox, groupInbox, inboxActions } from './inbox';

const item = (kind: InboxItem['kind'], since: string, deploymentId: number | null = 1): InboxItem => ({
  kind,
  service: 'api',
  environment: 'prod',
  deploymentId,
  since,
  summary: `${kind} since ${since}`
});

describe('inbox groups', () => {
  it('put interrupted deploys first, then approvals, paused canaries, holds; oldest first in each', () => {
    const groups = groupInbox([
      item('held', '2026-01-01T09:00:00Z'),
      item('pending-approval', '2026-01-01T12:00:00Z', 5),
      item('pending-approval', '2026-01-01T08:00:00Z', 4),
      item('interrupted', '2026-01-01T10:00:00Z')
    ]);
    expect(groups.map((g) => g.kind)).toEqual(['interrupted', 'pending-approval', 'held']);
    expect(groups[1]?.items.map((i) => i.deploymentId)).toEqual([4, 5]);
    expect(flatInbox(groups).map((i) => i.kind)).toEqual(['interrupted', 'pending-approval', 'pending-approval', 'held']);
  });
});

describe('inbox actions', () => {
  it('offer what a person came to do for each kind', () => {
    expect(inboxActions(item('pending-approval', '2026-01-01T00:00:00Z'))).toEqual(['approve', 'reject', 'open']);
    expect(inboxActions(item('paused-canary', '2026-01-01T00:00:00Z'))).toEqual(['continue', 'abort', 'open']);
    expect(inboxActions(item('held', '2026-01-01T00:00:00Z', null))).toEqual(['release-hold']);
    expect(inboxActions(item('interrupted', '2026-01-01T00:00:00Z'))).toEqual(['open']);
  });

  it('map keys to the actions an item offers, and no others', () => {
    const approval = item('pending-approval', '2026-01-01T00:00:00Z');
    expect(actionForKey('a', approval)).toBe('approve');
    expect(actionForKey('X', approval)).toBe('reject');
    expect(actionForKey('Enter', approval)).toBe('open');
    expect(actionForKey('c', approval)).toBeNull();
    // Abort has no single-key shortcut: it moves all traffic and is a button only.
    const canary = item('paused-canary', '2026-01-01T00:00:00Z');
    expect(actionForKey('c', canary)).toBe('continue');
    expect(['a', 'x', 'h', 'b'].map((key) => actionForKey(key, canary))).toEqual([null, null, null, null]);
    expect(actionForKey('h', item('held', '2026-01-01T00:00:00Z', null))).toBe('release-hold');
    expect(actionForKey('Enter', item('held', '2026-01-01T00:00:00Z', null))).toBeNull();
  });
});
