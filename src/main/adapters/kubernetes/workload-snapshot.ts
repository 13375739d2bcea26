/** A Deployment's or Argo Rollout's JSON as the port's WorkloadSnapshot (pure). */
import type { ContainerImage, KubeCondition, RolloutStatus, WorkloadRef, WorkloadSnapshot } from '../../ports/kubernetes';
import { arrayAt, isObject, numberAt, objectAt, stringAt, stringMap, valueAt, type KubeObject } from './kube-json';

export const DEPLOYMENT_REVISION = 'deployment.kubernetes.io/revision';
export const ROLLOUT_REVISION = 'rollout.argoproj.io/revision';
export const CHANGE_CAUSE = 'kubernetes.io/change-cause';

export function containersOf(template: unknown): ContainerImage[] {
  return arrayAt(template, 'spec', 'containers').filter(isObject).map((container) => ({ name: stringAt(container, 'name') ?? '', image: stringAt(container, 'image') ?? '' }));
}

function conditionsOf(status: KubeObject): KubeCondition[] {
  return arrayAt(status, 'conditions').filter(isObject).map((condition) => ({
    type: stringAt(condition, 'type') ?? '',
    status: stringAt(condition, 'status') ?? '',
    reason: stringAt(condition, 'reason'),
    message: stringAt(condition, 'message'),
    lastUpdateTime: stringAt(condition, 'lastUpdateTime') ?? stringAt(condition, 'lastTransitionTime')
  }));
}

function revisionOf(annotations: Record<string, string>, key: string): number | null {
  const text = annotations[key];
  if (text === undefined) return null;
  const revision = Number.parseInt(text, 10);
  return Number.isFinite(revision) ? revision : null;
}

/** Argo's GetCurrentSetWeight: the last setWeight at or before the current step. */
function canaryWeightOf(steps: unknown[], index: number | null): number | null {
  if (index === null || steps.length === 0 || index >= steps.length) return null;
  for (let at = Math.min(index, steps.length - 1); at >= 0; at -= 1) {
    const weight = valueAt(steps[at], 'setWeight');
    if (typeof weight === 'number') return weight;
  }
  return 0;
}

export function rolloutStatusOf(object: KubeObject): RolloutStatus {
  const status = objectAt(object, 'status');
  const steps = arrayAt(object, 'spec', 'strategy', 'canary', 'steps');
  const index = valueAt(status, 'currentStepIndex');
  const currentStepIndex = typeof index === 'number' ? index : null;
  const pauseConditions = arrayAt(status, 'pauseConditions');
  return {
    phase: stringAt(status, 'phase'),
    message: stringAt(status, 'message'),
    currentStepIndex,
    stepCount: steps.length,
    canaryWeight: canaryWeightOf(steps, currentStepIndex),
    paused: pauseConditions.length > 0 || valueAt(status, 'controllerPause') === true || valueAt(object, 'spec', 'paused') === true,
    aborted: valueAt(status, 'abort') === true,
    stableHash: stringAt(status, 'stableRS'),
    currentHash: stringAt(status, 'currentPodHash')
  };
}

/** Argo writes observedGeneration as a string. */
function observedGenerationOf(status: KubeObject): number {
  const value = valueAt(status, 'observedGeneration');
  if (typeof value === 'number') return value;
  if (typeof value === 'string' && /^\d+$/.test(value)) return Number.parseInt(value, 10);
  return 0;
}

export function workloadSnapshotOf(ref: WorkloadRef, object: KubeObject): WorkloadSnapshot {
  const metadata = objectAt(object, 'metadata');
  const spec = objectAt(object, 'spec');
  const status = objectAt(object, 'status');
  const annotations = stringMap(metadata['annotations']);
  const template = spec['template'] ?? null;
  const isRollout = ref.kind === 'Rollout';
  const replicasValue = valueAt(spec, 'replicas');
  const desiredReplicas = typeof replicasValue === 'number' ? replicasValue : 1;
  const replicas = numberAt(status, 'replicas');
  const availableReplicas = numberAt(status, 'availableReplicas');
  const unavailable = valueAt(status, 'unavailableReplicas');
  return {
    ref,
    uid: stringAt(metadata, 'uid') ?? '',
    resourceVersion: stringAt(metadata, 'resourceVersion') ?? '',
    generation: numberAt(metadata, 'generation'),
    observedGeneration: observedGenerationOf(status),
    paused: valueAt(spec, 'paused') === true,
    desiredReplicas,
    replicas,
    updatedReplicas: numberAt(status, 'updatedReplicas'),
    readyReplicas: numberAt(status, 'readyReplicas'),
    availableReplicas,
    unavailableReplicas: typeof unavailable === 'number' ? unavailable : Math.max(0, replicas - availableReplicas),
    conditions: conditionsOf(status),
    containers: containersOf(template),
    annotations,
    labels: stringMap(metadata['labels']),
    templateLabels: stringMap(valueAt(template, 'metadata', 'labels')),
    revision: revisionOf(annotations, isRollout ? ROLLOUT_REVISION : DEPLOYMENT_REVISION) ?? revisionOf(annotations, DEPLOYMENT_REVISION),
    template,
    createdAt: stringAt(metadata, 'creationTimestamp'),
    rollout: isRollout ? rolloutStatusOf(object) : null
  };
}
