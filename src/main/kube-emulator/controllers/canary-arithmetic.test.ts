import { describe, expect, it } from 'vitest';
import { approximateCounts, basicCanaryCounts } from './canary-arithmetic';

const replicaSet = (name: string, replicas: number, available = replicas) => ({ metadata: { name }, spec: { replicas }, status: { availableReplicas: available } });

describe('basic canary arithmetic (Argo Rollouts, no traffic router)', () => {
  it('picks the canary/stable split closest to the weight, surging one pod when that is closer', () => {
    expect(approximateCounts(5, 20, 2)).toEqual([1, 4]);
    expect(approximateCounts(4, 50, 1)).toEqual([2, 2]);
    // 3 replicas at 50%: 2 of 4 (one surge pod) is exact, 2 of 3 or 1 of 3 are not.
    expect(approximateCounts(3, 50, 1)).toEqual([2, 2]);
    expect(approximateCounts(3, 50, 0)).toEqual([2, 1]);
    // A weight between 1 and 99 never rounds the canary down to nothing (1 of 11 is closer to 1% than 1 of 10).
    expect(approximateCounts(10, 1, 3)).toEqual([1, 10]);
    expect(approximateCounts(10, 1, 0)).toEqual([1, 9]);
    expect(approximateCounts(10, 100, 3)).toEqual([10, 0]);
    expect(approximateCounts(10, 0, 3)).toEqual([0, 10]);
  });

  it('grows the canary within maxSurge first, then scales the stable side down within maxUnavailable', () => {
    const inputs = { replicas: 10, maxSurge: '25%', maxUnavailable: '25%', desiredWeight: 50 };
    // Start: stable 10, canary 0 → the canary may surge to 3 (10 + 3 pods at most).
    expect(basicCanaryCounts(inputs, replicaSet('new', 0), replicaSet('stable', 10), [])).toEqual([3, 8]);
    // With the canary's 3 pods available, stable can go down to 5 and the canary up to 5.
    expect(basicCanaryCounts(inputs, replicaSet('new', 3), replicaSet('stable', 8), [])).toEqual([5, 5]);
    // An abort (weight 0) brings stable back within maxSurge while the canary shrinks within maxUnavailable.
    expect(basicCanaryCounts({ ...inputs, desiredWeight: 0 }, replicaSet('new', 5), replicaSet('stable', 5), [])).toEqual([3, 8]);
    expect(basicCanaryCounts({ ...inputs, desiredWeight: 0 }, replicaSet('new', 3), replicaSet('stable', 8), [])).toEqual([0, 10]);
  });
});
