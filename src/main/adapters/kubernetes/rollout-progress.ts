/**
 * What `kubectl rollout status` prints for a Deployment — a port of kubectl's DeploymentStatusViewer
 * (staging/src/k8s.io/kubectl/pkg/polymorphichelpers/rollout_status.go), same wording — and the Argo
 * Rollout equivalent from its phase and message (as `kubectl argo rollouts status` reports them). Pure.
 */
import type { RolloutProgress, WorkloadSnapshot } from '../../ports/kubernetes';

export type ProgressVerdict =
  | { readonly kind: 'progress'; readonly progress: RolloutProgress }
  /** The rollout cannot finish (ProgressDeadlineExceeded, aborted, degraded). */
  | { readonly kind: 'failed'; readonly message: string; readonly progress: RolloutProgress }
  /** Paused: it will not finish until someone resumes or promotes it. */
  | { readonly kind: 'paused'; readonly progress: RolloutProgress };

const TIMED_OUT_REASON = 'ProgressDeadlineExceeded';

function progressOf(snapshot: WorkloadSnapshot, done: boolean, message: string): RolloutProgress {
  const desired = snapshot.desiredReplicas;
  const fraction = done ? 1 : desired <= 0 ? 0 : Math.max(0, Math.min(1, (Math.min(snapshot.updatedReplicas, desired) + Math.min(snapshot.availableReplicas, snapshot.updatedReplicas, desired)) / (2 * desired)));
  return { done, message, desiredReplicas: desired, updatedReplicas: snapshot.updatedReplicas, availableReplicas: snapshot.availableReplicas, fraction };
}

export function deploymentProgress(snapshot: WorkloadSnapshot): ProgressVerdict {
  const name = JSON.stringify(snapshot.ref.name);
  if (snapshot.generation <= snapshot.observedGeneration) {
    const progressing = snapshot.conditions.find((condition) => condition.type === 'Progressing');
    if (progressing?.reason === TIMED_OUT_REASON) {
      const message = `deployment ${name} exceeded its progress deadline`;
      return { kind: 'failed', message, progress: progressOf(snapshot, false, message) };
    }
    const waiting = (detail: string): ProgressVerdict => {
      const progress = progressOf(snapshot, false, `Waiting for deployment ${name} rollout to finish: ${detail}...`);
      // kubectl would wait for ever on a paused Deployment; the port resolves instead.
      return snapshot.paused ? { kind: 'paused', progress: { ...progress, message: `deployment ${name} is paused (${detail}); resume it to continue the rollout` } } : { kind: 'progress', progress };
    };
    if (snapshot.updatedReplicas < snapshot.desiredReplicas) return waiting(`${snapshot.updatedReplicas} out of ${snapshot.desiredReplicas} new replicas have been updated`);
    if (snapshot.replicas > snapshot.updatedReplicas) return waiting(`${snapshot.replicas - snapshot.updatedReplicas} old replicas are pending termination`);
    if (snapshot.availableReplicas < snapshot.updatedReplicas) return waiting(`${snapshot.availableReplicas} of ${snapshot.updatedReplicas} updated replicas are available`);
    return { kind: 'progress', progress: progressOf(snapshot, true, `deployment ${name} successfully rolled out`) };
  }
  const progress = progressOf(snapshot, false, 'Waiting for deployment spec update to be observed...');
  return snapshot.paused ? { kind: 'paused', progress } : { kind: 'progress', progress };
}

/** An Argo Rollout: Healthy is done; Degraded (aborted, deadline) fails; Paused waits for a promote. */
export function rolloutProgress(snapshot: WorkloadSnapshot): ProgressVerdict {
  const status = snapshot.rollout;
  const name = JSON.stringify(snapshot.ref.name);
  const phase = status?.phase ?? null;
  const detail = status?.message ? ` - ${status.message}` : '';
  if (snapshot.generation > snapshot.observedGeneration || phase === null) {
    return { kind: 'progress', progress: progressOf(snapshot, false, `Waiting for rollout ${name} spec update to be observed...`) };
  }
  if (status?.aborted || phase === 'Degraded') {
    const message = `rollout ${name} ${status?.aborted ? 'was aborted' : 'is degraded'}${detail}`;
    return { kind: 'failed', message, progress: progressOf(snapshot, false, message) };
  }
  if (phase === 'Healthy') return { kind: 'progress', progress: progressOf(snapshot, true, `rollout ${name} successfully rolled out`) };
  const step = status && status.stepCount > 0 && status.currentStepIndex !== null ? ` (step ${Math.min(status.currentStepIndex, status.stepCount)}/${status.stepCount}${status.canaryWeight !== null ? `, canary weight ${status.canaryWeight}%` : ''})` : '';
  const message = `Waiting for rollout ${name} to finish: ${phase}${detail}${step}`;
  return phase === 'Paused' ? { kind: 'paused', progress: progressOf(snapshot, false, message) } : { kind: 'progress', progress: progressOf(snapshot, false, message) };
}

export function workloadProgress(snapshot: WorkloadSnapshot): ProgressVerdict {
  return snapshot.ref.kind === 'Rollout' ? rolloutProgress(snapshot) : deploymentProgress(snapshot);
}
