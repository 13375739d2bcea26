import { describe, expect, it } from 'vitest';
import { describeKeepReason, planRetention, type RetentionCandidate } from './retention';

const now = new Date('2026-06-01T00:00:00Z');
const artifact = (id: number, daysAgo: number): RetentionCandidate => ({
  id,
  digest: `sha256:${String(id).repeat(64).slice(0, 64)}`,
  commitSha: String(id).repeat(40).slice(0, 40),
  version: null,
  createdAt: new Date(now.getTime() - daysAgo * 86_400_000).toISOString()
});

describe('planRetention', () => {
  const live = [artifact(1, 100), artifact(2, 90), artifact(3, 80), artifact(4, 70), artifact(5, 5), artifact(6, 1)];

  it('prunes only what no rule keeps, oldest first, and gives every reason for the rest', () => {
    const plan = planRetention(live, { keepLast: 2, keepDays: 30, keepPerEnvironment: 2 }, [
      { environment: 'prod', currentArtifactId: 3, recentArtifactIds: [3, 2, 1] },
      { environment: 'dev', currentArtifactId: null, recentArtifactIds: [] }
    ], now);
    expect(plan.prune.map((a) => a.id)).toEqual([1, 4]);
    const reasons = new Map(plan.keep.map((k) => [k.artifact.id, k.reasons]));
    expect(reasons.get(3)).toEqual([{ kind: 'deployed', environment: 'prod' }]);
    expect(reasons.get(2)).toEqual([{ kind: 'rollback-candidate', environment: 'prod', rank: 2 }]);
    expect(reasons.get(6)).toEqual([{ kind: 'recent', rank: 1 }, { kind: 'young', ageDays: 1 }]);
    expect(plan.keep.map((k) => k.artifact.id)).toEqual([6, 5, 3, 2]);
  });

  it('never prunes a deployed artifact, even with a policy that keeps nothing', () => {
    const plan = planRetention(live, { keepLast: 0, keepDays: 0, keepPerEnvironment: 0 }, [{ environment: 'prod', currentArtifactId: 1, recentArtifactIds: [1] }], now);
    expect(plan.prune.map((a) => a.id)).toEqual([2, 3, 4, 5, 6]);
    expect(plan.keep.map((k) => k.artifact.id)).toEqual([1]);
  });

  it('says why in words', () => {
    const policy = { keepLast: 10, keepDays: 30, keepPerEnvironment: 3 };
    expect(describeKeepReason({ kind: 'rollback-candidate', environment: 'prod', rank: 2 }, policy)).toBe('rollback candidate in prod (#2 of the last 3)');
    expect(describeKeepReason({ kind: 'young', ageDays: 4 }, policy)).toBe('younger than 30 days (4 d old)');
  });
});
