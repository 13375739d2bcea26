import { describe, expect, it } from 'vitest';
import { watchSnapshotOf } from './watch-snapshot';

const deployment = {
  metadata: {
    name: 'api',
    namespace: 'shop',
    uid: 'u-1',
    resourceVersion: '42',
    generation: 3,
    creationTimestamp: '2024-05-01T10:00:00Z',
    labels: { app: 'api' },
    annotations: {
      'deployment.kubernetes.io/revision': '2',
      'kubernetes.io/change-cause': 'release 1.2.0',
      'kubectl.kubernetes.io/last-applied-configuration': '{"a very":"large copy of the object"}'
    },
    managedFields: [{ manager: 'kubectl' }]
  },
  spec: {
    replicas: 3,
    selector: { matchLabels: { app: 'api' } },
    template: { metadata: { labels: { app: 'api', tier: 'web' } }, spec: { containers: [{ name: 'api', image: 'shop/api@sha256:abc' }, { name: 'proxy', image: 'envoy:1' }] } }
  },
  status: {
    observedGeneration: 3,
    replicas: 3,
    updatedReplicas: 2,
    readyReplicas: 2,
    availableReplicas: 2,
    unavailableReplicas: 1,
    conditions: [{ type: 'Progressing', status: 'True', reason: 'ReplicaSetUpdated', message: 'progressing', lastUpdateTime: '2024-05-01T10:01:00Z' }]
  }
};

describe('watchSnapshotOf', () => {
  it('keeps what the board and a release read from a Deployment', () => {
    const snapshot = watchSnapshotOf(deployment, 'Deployment', 'prod', 'shop');
    expect(snapshot).toMatchObject({
      ref: { context: 'prod', namespace: 'shop', kind: 'Deployment', name: 'api' },
      uid: 'u-1',
      resourceVersion: '42',
      generation: 3,
      observedGeneration: 3,
      paused: false,
      desiredReplicas: 3,
      replicas: 3,
      updatedReplicas: 2,
      readyReplicas: 2,
      availableReplicas: 2,
      unavailableReplicas: 1,
      containers: [
        { name: 'api', image: 'shop/api@sha256:abc' },
        { name: 'proxy', image: 'envoy:1' }
      ],
      labels: { app: 'api' },
      templateLabels: { app: 'api', tier: 'web' },
      revision: 2,
      createdAt: '2024-05-01T10:00:00Z',
      rollout: null
    });
    expect(snapshot?.conditions).toEqual([{ type: 'Progressing', status: 'True', reason: 'ReplicaSetUpdated', message: 'progressing', lastUpdateTime: '2024-05-01T10:01:00Z' }]);
    expect(snapshot?.template).toEqual(deployment.spec.template);
  });

  it("drops kubectl's copy of the applied object, which would dominate the cache's memory", () => {
    const snapshot = watchSnapshotOf(deployment, 'Deployment', null, 'shop');
    expect(snapshot?.annotations).toEqual({ 'deployment.kubernetes.io/revision': '2', 'kubernetes.io/change-cause': 'release 1.2.0' });
    expect(JSON.stringify(snapshot)).not.toContain('managedFields');
  });

  it('fills defaults for a Deployment the controller has not seen yet', () => {
    const snapshot = watchSnapshotOf({ metadata: { name: 'new', resourceVersion: '7' }, spec: { template: {} } }, 'Deployment', null, 'shop');
    expect(snapshot).toMatchObject({ ref: { namespace: 'shop' }, desiredReplicas: 1, replicas: 0, observedGeneration: 0, revision: null, containers: [], conditions: [] });
  });

  it('reads an Argo Rollout: its revision annotation, string observedGeneration and canary state', () => {
    const rollout = {
      metadata: { name: 'web', namespace: 'shop', resourceVersion: '9', generation: 2, annotations: { 'rollout.argoproj.io/revision': '4' } },
      spec: { replicas: 4, strategy: { canary: { steps: [{ setWeight: 25 }, { pause: {} }, { setWeight: 50 }, { pause: { duration: '10s' } }] } }, template: { spec: { containers: [{ name: 'web', image: 'web:2' }] } } },
      status: { observedGeneration: '2', replicas: 5, availableReplicas: 4, phase: 'Paused', message: 'CanaryPauseStep', currentStepIndex: 1, pauseConditions: [{ reason: 'CanaryPauseStep' }], stableRS: 'aaa', currentPodHash: 'bbb' }
    };
    const snapshot = watchSnapshotOf(rollout, 'Rollout', null, 'shop');
    expect(snapshot).toMatchObject({ revision: 4, observedGeneration: 2, unavailableReplicas: 1 });
    expect(snapshot?.rollout).toEqual({ phase: 'Paused', message: 'CanaryPauseStep', currentStepIndex: 1, stepCount: 4, canaryWeight: 25, paused: true, aborted: false, stableHash: 'aaa', currentHash: 'bbb' });
  });

  it('gives a Rollout no canary weight once past its steps, and zero when aborted', () => {
    const base = { metadata: { name: 'web' }, spec: { strategy: { canary: { steps: [{ setWeight: 20 }] } } } };
    expect(watchSnapshotOf({ ...base, status: { currentStepIndex: 1 } }, 'Rollout', null, 'shop')?.rollout?.canaryWeight).toBeNull();
    expect(watchSnapshotOf({ ...base, status: { currentStepIndex: 0, abort: true } }, 'Rollout', null, 'shop')?.rollout).toMatchObject({ canaryWeight: 0, aborted: true });
  });

  it('refuses an object without a name', () => {
    expect(watchSnapshotOf({ metadata: {} }, 'Deployment', null, 'shop')).toBeNull();
    expect(watchSnapshotOf('nonsense', 'Deployment', null, 'shop')).toBeNull();
  });
});
