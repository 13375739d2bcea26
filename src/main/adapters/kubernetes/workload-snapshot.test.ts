import { describe, expect, it } from 'vitest';
import { rolloutStatusOf, workloadSnapshotOf } from './workload-snapshot';

describe('workload snapshots', () => {
  it('reads a Deployment: counts, containers, revision, conditions, template labels', () => {
    const snapshot = workloadSnapshotOf(
      { context: 'prod', namespace: 'shop', kind: 'Deployment', name: 'api' },
      {
        metadata: { uid: 'u1', resourceVersion: '7', generation: 3, labels: { app: 'api' }, annotations: { 'deployment.kubernetes.io/revision': '4', 'kubernetes.io/change-cause': 'x' }, creationTimestamp: '2026-01-01T00:00:00Z' },
        spec: { replicas: 3, template: { metadata: { labels: { app: 'api' } }, spec: { containers: [{ name: 'app', image: 'r/api@sha256:1' }, { name: 'side', image: 'r/side:1' }] } } },
        status: { observedGeneration: 3, replicas: 4, updatedReplicas: 2, readyReplicas: 3, availableReplicas: 3, unavailableReplicas: 1, conditions: [{ type: 'Available', status: 'True', reason: 'MinimumReplicasAvailable', message: 'ok', lastUpdateTime: 't' }] }
      }
    );
    expect(snapshot).toMatchObject({ uid: 'u1', resourceVersion: '7', generation: 3, observedGeneration: 3, paused: false, desiredReplicas: 3, replicas: 4, updatedReplicas: 2, availableReplicas: 3, unavailableReplicas: 1, revision: 4, templateLabels: { app: 'api' }, createdAt: '2026-01-01T00:00:00Z', rollout: null });
    expect(snapshot.containers).toEqual([{ name: 'app', image: 'r/api@sha256:1' }, { name: 'side', image: 'r/side:1' }]);
    expect(snapshot.conditions[0]).toEqual({ type: 'Available', status: 'True', reason: 'MinimumReplicasAvailable', message: 'ok', lastUpdateTime: 't' });
  });

  it("reads Argo Rollouts' status: string observedGeneration, step, weight, pause, abort, hashes", () => {
    const object = {
      metadata: { generation: 5, annotations: { 'rollout.argoproj.io/revision': '3' } },
      spec: { strategy: { canary: { steps: [{ setWeight: 20 }, { pause: {} }, { setWeight: 60 }, { pause: { duration: '1m' } }] } } },
      status: { observedGeneration: '5', phase: 'Paused', message: 'CanaryPauseStep', currentStepIndex: 3, controllerPause: true, stableRS: 'aaa', currentPodHash: 'bbb' }
    };
    const snapshot = workloadSnapshotOf({ context: null, namespace: 'default', kind: 'Rollout', name: 'shop' }, object);
    expect(snapshot).toMatchObject({ observedGeneration: 5, revision: 3, desiredReplicas: 1 });
    expect(snapshot.rollout).toEqual({ phase: 'Paused', message: 'CanaryPauseStep', currentStepIndex: 3, stepCount: 4, canaryWeight: 60, paused: true, aborted: false, stableHash: 'aaa', currentHash: 'bbb' });
    expect(rolloutStatusOf({ spec: {}, status: { abort: true } })).toMatchObject({ aborted: true, paused: false, canaryWeight: null, currentStepIndex: null });
  });
});
