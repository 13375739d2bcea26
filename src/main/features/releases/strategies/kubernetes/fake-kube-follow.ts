/**
 * The fake's `followRollout`: pods of the current template become available one at a time (each a
 * progress report, a microtask apart so a test can look in between); an image marked never-ready ends in
 * ProgressDeadlineExceeded, a hanging one waits for the timeout or the signal. A Rollout walks its steps
 * until a pause step (resolves not done), its analysis fails (aborted) or the end (the new stable).
 */
import { AppError } from '../../../../../shared/result';
import type { KubernetesPort, RolloutProgress, WorkloadRef } from '../../../../ports/kubernetes';
import { currentHash, type FakeWorkload } from './fake-kube-model';
import type { FakeKubernetes } from './fake-kubernetes';

type FollowOptions = Parameters<KubernetesPort['followRollout']>[1];

const tick = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

function progressOf(workload: FakeWorkload, done: boolean, message: string): RolloutProgress {
  const desired = workload.replicas;
  return { done, message, desiredReplicas: desired, updatedReplicas: workload.updatedAvailable, availableReplicas: workload.updatedAvailable, fraction: desired === 0 ? 1 : workload.updatedAvailable / desired };
}

function waitForTimeout(options: FollowOptions, what: string): Promise<never> {
  return new Promise((_resolve, reject) => {
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(new AppError('CANCELLED', 'stopped following the rollout'));
    };
    const timer = options.timeoutMs === undefined ? undefined : setTimeout(() => {
      options.signal?.removeEventListener('abort', onAbort);
      reject(new AppError('ROLLOUT_FAILED', `timed out after ${options.timeoutMs} ms waiting for ${what} to finish`));
    }, options.timeoutMs);
    options.signal?.addEventListener('abort', onAbort, { once: true });
  });
}

export async function followFakeRollout(fake: FakeKubernetes, ref: WorkloadRef, options: FollowOptions): Promise<RolloutProgress> {
  const kind = ref.kind.toLowerCase();
  const cancelledCheck = (): void => {
    if (options.signal?.aborted) throw new AppError('CANCELLED', 'stopped following the rollout');
  };
  cancelledCheck();
  const workload = fake.get(ref.name, ref.kind);
  if (!workload) throw new AppError('ROLLOUT_FAILED', `${kind} "${ref.name}" was deleted`);
  const emit = (done: boolean, message: string): RolloutProgress => {
    const progress = progressOf(workload, done, message);
    options.onProgress?.(progress);
    return progress;
  };
  if (workload.paused) return emit(false, `${kind} "${ref.name}" is paused`);
  if (workload.kind === 'Rollout' && workload.aborted) throw new AppError('ROLLOUT_FAILED', `rollout "${ref.name}" is aborted: ${workload.message ?? ''}`);
  const image = workload.containers[0]?.image ?? '';
  if (workload.updatedAvailable < workload.replicas && fake.neverReady.has(image)) {
    emit(false, `Waiting for ${kind} "${ref.name}" rollout to finish: 0 of ${workload.replicas} updated replicas are available...`);
    const message = `ReplicaSet "${ref.name}-${currentHash(workload)}" has timed out progressing.`;
    workload.conditions = [{ type: 'Progressing', status: 'False', reason: 'ProgressDeadlineExceeded', message, lastUpdateTime: null }];
    if (workload.kind === 'Rollout') Object.assign(workload, { phase: 'Degraded', message: `ProgressDeadlineExceeded: ${message}` });
    throw new AppError('ROLLOUT_FAILED', `${kind} "${ref.name}" exceeded its progress deadline`);
  }
  if (workload.updatedAvailable < workload.replicas && fake.hanging.has(image)) {
    emit(false, `Waiting for ${kind} "${ref.name}" rollout to finish: 0 of ${workload.replicas} updated replicas are available...`);
    return waitForTimeout(options, `${kind} "${ref.name}"`);
  }
  if (workload.kind === 'Rollout' && fake.staleFollows > 0) {
    fake.staleFollows -= 1;
    return emit(false, 'Paused - CanaryPauseStep');
  }
  if (workload.kind === 'Rollout') return followSteps(fake, workload, emit, cancelledCheck);
  while (workload.updatedAvailable < workload.replicas) {
    await tick();
    cancelledCheck();
    if (!fake.get(ref.name, ref.kind)) throw new AppError('ROLLOUT_FAILED', `${kind} "${ref.name}" was deleted`);
    workload.updatedAvailable += 1;
    workload.available = Math.max(workload.available, workload.updatedAvailable);
    if (workload.updatedAvailable < workload.replicas) emit(false, `Waiting for deployment "${ref.name}" rollout to finish: ${workload.updatedAvailable} of ${workload.replicas} updated replicas are available...`);
  }
  workload.available = workload.replicas;
  workload.conditions = [{ type: 'Progressing', status: 'True', reason: 'NewReplicaSetAvailable', message: null, lastUpdateTime: null }];
  return emit(true, `deployment "${ref.name}" successfully rolled out`);
}

async function followSteps(fake: FakeKubernetes, workload: FakeWorkload, emit: (done: boolean, message: string) => RolloutProgress, cancelledCheck: () => void): Promise<RolloutProgress> {
  while (workload.stepIndex < workload.steps.length) {
    await tick();
    cancelledCheck();
    if (fake.analysisFailsAt.get(workload.name) === workload.stepIndex) {
      const message = 'Metric "error-rate" assessed Failed due to failed (1) > failureLimit (0)';
      fake.analysis.set(workload.name, [{ name: `${workload.name}-${currentHash(workload)}-${workload.stepIndex}`, phase: 'Failed', message, startedAt: null, stepIndex: workload.stepIndex, metrics: [{ name: 'error-rate', phase: 'Failed', message: null, successful: 0, failed: 1, inconclusive: 0, error: 0, measurements: [] }] }]);
      Object.assign(workload, { aborted: true, phase: 'Degraded', message: `RolloutAborted: ${message}`, canaryWeight: 0 });
      throw new AppError('ROLLOUT_FAILED', `rollout "${workload.name}" was aborted: ${message}`);
    }
    const step = workload.steps[workload.stepIndex];
    if (step && 'setWeight' in step) {
      workload.canaryWeight = step.setWeight;
      workload.stepIndex += 1;
      emit(false, `Progressing - more replicas need to be updated (canary weight ${step.setWeight})`);
    } else {
      Object.assign(workload, { stepPaused: true, phase: 'Paused', message: 'CanaryPauseStep' });
      return emit(false, 'Paused - CanaryPauseStep');
    }
  }
  Object.assign(workload, { stableHash: currentHash(workload), phase: 'Healthy', message: null, canaryWeight: null, updatedAvailable: workload.replicas, available: workload.replicas });
  return emit(true, `rollout "${workload.name}" successfully rolled out`);
}
