import { describe, expect, it } from 'vitest';
import type { WorkloadSnapshot } from '../../ports/kubernetes';
import { deploymentProgress, rolloutProgress } from './rollout-progress';
import { workloadSnapshotOf } from './workload-snapshot';

function deployment(status: Record<string, unknown>, options: { generation?: number; replicas?: number; paused?: boolean } = {}): WorkloadSnapshot {
  return workloadSnapshotOf(
    { context: null, namespace: 'default', kind: 'Deployment', name: 'api' },
    { metadata: { name: 'api', generation: options.generation ?? 2 }, spec: { replicas: options.replicas ?? 3, paused: options.paused ?? false, template: {} }, status: { observedGeneration: 2, ...status } }
  );
}

describe("kubectl's DeploymentStatusViewer", () => {
  it('waits for the spec update to be observed first', () => {
    expect(deploymentProgress(deployment({}, { generation: 3 })).progress.message).toBe('Waiting for deployment spec update to be observed...');
  });

  it('reports updated, old pending termination, available, then done, in kubectl\'s words', () => {
    expect(deploymentProgress(deployment({ replicas: 4, updatedReplicas: 1 })).progress).toMatchObject({ done: false, message: 'Waiting for deployment "api" rollout to finish: 1 out of 3 new replicas have been updated...' });
    expect(deploymentProgress(deployment({ replicas: 4, updatedReplicas: 3 })).progress.message).toBe('Waiting for deployment "api" rollout to finish: 1 old replicas are pending termination...');
    expect(deploymentProgress(deployment({ replicas: 3, updatedReplicas: 3, availableReplicas: 2 })).progress.message).toBe('Waiting for deployment "api" rollout to finish: 2 of 3 updated replicas are available...');
    expect(deploymentProgress(deployment({ replicas: 3, updatedReplicas: 3, availableReplicas: 3 })).progress).toMatchObject({ done: true, message: 'deployment "api" successfully rolled out', fraction: 1 });
  });

  it('fails on ProgressDeadlineExceeded and stops waiting on a paused Deployment', () => {
    const stuck = deploymentProgress(deployment({ updatedReplicas: 1, conditions: [{ type: 'Progressing', status: 'False', reason: 'ProgressDeadlineExceeded' }] }));
    expect(stuck).toMatchObject({ kind: 'failed', message: 'deployment "api" exceeded its progress deadline' });
    expect(deploymentProgress(deployment({ updatedReplicas: 1 }, { paused: true })).kind).toBe('paused');
  });
});

describe('Argo Rollout progress', () => {
  const rollout = (status: Record<string, unknown>, generation = 2) =>
    workloadSnapshotOf(
      { context: null, namespace: 'default', kind: 'Rollout', name: 'shop' },
      { metadata: { generation }, spec: { replicas: 2, strategy: { canary: { steps: [{ setWeight: 50 }, { pause: {} }] } } }, status: { observedGeneration: '2', ...status } }
    );

  it('is done when Healthy, paused at a pause step, failed when aborted or degraded', () => {
    expect(rolloutProgress(rollout({ phase: 'Healthy' })).progress).toMatchObject({ done: true, message: 'rollout "shop" successfully rolled out' });
    const paused = rolloutProgress(rollout({ phase: 'Paused', message: 'CanaryPauseStep', currentStepIndex: 1, pauseConditions: [{ reason: 'CanaryPauseStep' }] }));
    expect(paused).toMatchObject({ kind: 'paused' });
    expect(paused.progress.message).toContain('Paused - CanaryPauseStep (step 1/2, canary weight 50%)');
    expect(rolloutProgress(rollout({ phase: 'Degraded', message: 'RolloutAborted: aborted', abort: true }))).toMatchObject({ kind: 'failed', message: 'rollout "shop" was aborted - RolloutAborted: aborted' });
    expect(rolloutProgress(rollout({ phase: 'Healthy' }, 3)).progress.done).toBe(false);
  });
});
