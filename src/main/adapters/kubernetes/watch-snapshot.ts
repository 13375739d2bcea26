/**
 * A Deployment's or Argo Rollout's JSON, as the API sends it in a list or a watch event, reduced to the
 * WorkloadSnapshot the watch cache keeps. Only these fields survive, so the rest of the parsed object
 * (managedFields, status details, the pod spec outside the template…) can be collected.
 */
import type { ContainerImage, KubeCondition, RolloutStatus, WorkloadKind, WorkloadSnapshot } from '../../ports/kubernetes';

type Json = Record<string, unknown>;

/**
 * Dropped from the cached annotations: kubectl's copy of the whole applied object, often larger than all
 * the rest of the snapshot, and nothing the board or a release reads.
 */
const LAST_APPLIED = 'kubectl.kubernetes.io/last-applied-configuration';
const DEPLOYMENT_REVISION = 'deployment.kubernetes.io/revision';
const ROLLOUT_REVISION = 'rollout.argoproj.io/revision';

const asObject = (value: unknown): Json => (value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Json) : {});
const objectAt = (value: unknown, key: string): Json => asObject(asObject(value)[key]);
const arrayAt = (value: Json, key: string): readonly unknown[] => {
  const inner = value[key];
  return Array.isArray(inner) ? inner : [];
};
const textAt = (value: Json, key: string): string | null => (typeof value[key] === 'string' ? (value[key] as string) : null);
const numberAt = (value: Json, key: string, fallback: number): number => {
  const inner = value[key];
  if (typeof inner === 'number' && Number.isFinite(inner)) return inner;
  // Argo Rollouts reports observedGeneration as a string.
  if (typeof inner === 'string' && /^\d+$/.test(inner)) return Number(inner);
  return fallback;
};

function stringMap(value: Json, omit: string | null = null): Readonly<Record<string, string>> {
  const result: Record<string, string> = {};
  for (const [key, inner] of Object.entries(value)) if (key !== omit && typeof inner === 'string') result[key] = inner;
  return result;
}

function conditionsOf(status: Json): readonly KubeCondition[] {
  return arrayAt(status, 'conditions').map((entry) => {
    const condition = asObject(entry);
    return {
      type: textAt(condition, 'type') ?? '',
      status: textAt(condition, 'status') ?? 'Unknown',
      reason: textAt(condition, 'reason'),
      message: textAt(condition, 'message'),
      lastUpdateTime: textAt(condition, 'lastUpdateTime') ?? textAt(condition, 'lastTransitionTime')
    };
  });
}

function containersOf(template: Json): readonly ContainerImage[] {
  return arrayAt(objectAt(template, 'spec'), 'containers').map((entry) => {
    const container = asObject(entry);
    return { name: textAt(container, 'name') ?? '', image: textAt(container, 'image') ?? '' };
  });
}

function revisionOf(annotations: Readonly<Record<string, string>>, kind: WorkloadKind): number | null {
  const text = annotations[kind === 'Rollout' ? ROLLOUT_REVISION : DEPLOYMENT_REVISION] ?? annotations[DEPLOYMENT_REVISION];
  return text !== undefined && /^\d+$/.test(text) ? Number(text) : null;
}

/** The weight of the setWeight step in force, as Argo Rollouts computes it; null outside the steps. */
function canaryWeightOf(steps: readonly unknown[], currentStepIndex: number | null, aborted: boolean): number | null {
  if (steps.length === 0 || currentStepIndex === null || currentStepIndex >= steps.length) return null;
  if (aborted) return 0;
  for (let index = currentStepIndex; index >= 0; index--) {
    const weight = asObject(steps[index])['setWeight'];
    if (typeof weight === 'number') return weight;
  }
  return 0;
}

function rolloutStatusOf(spec: Json, status: Json): RolloutStatus {
  const steps = arrayAt(objectAt(objectAt(spec, 'strategy'), 'canary'), 'steps');
  const currentStepIndex = typeof status['currentStepIndex'] === 'number' ? status['currentStepIndex'] : null;
  const aborted = status['abort'] === true;
  return {
    phase: textAt(status, 'phase'),
    message: textAt(status, 'message'),
    currentStepIndex,
    stepCount: steps.length,
    canaryWeight: canaryWeightOf(steps, currentStepIndex, aborted),
    paused: arrayAt(status, 'pauseConditions').length > 0 || status['controllerPause'] === true || spec['paused'] === true,
    aborted,
    stableHash: textAt(status, 'stableRS'),
    currentHash: textAt(status, 'currentPodHash')
  };
}

/** The snapshot of a workload object; null when it is not one (no name). */
export function watchSnapshotOf(object: unknown, kind: WorkloadKind, context: string | null, namespace: string): WorkloadSnapshot | null {
  const metadata = objectAt(object, 'metadata');
  const name = textAt(metadata, 'name');
  if (name === null) return null;
  const spec = objectAt(object, 'spec');
  const status = objectAt(object, 'status');
  const template = objectAt(spec, 'template');
  const annotations = stringMap(objectAt(metadata, 'annotations'), LAST_APPLIED);
  const replicas = numberAt(status, 'replicas', 0);
  const availableReplicas = numberAt(status, 'availableReplicas', 0);
  return {
    ref: { context, namespace: textAt(metadata, 'namespace') ?? namespace, kind, name },
    uid: textAt(metadata, 'uid') ?? '',
    resourceVersion: textAt(metadata, 'resourceVersion') ?? '',
    generation: numberAt(metadata, 'generation', 0),
    observedGeneration: numberAt(status, 'observedGeneration', 0),
    paused: spec['paused'] === true,
    desiredReplicas: numberAt(spec, 'replicas', 1),
    replicas,
    updatedReplicas: numberAt(status, 'updatedReplicas', 0),
    readyReplicas: numberAt(status, 'readyReplicas', 0),
    availableReplicas,
    // A Rollout's status has no unavailableReplicas.
    unavailableReplicas: numberAt(status, 'unavailableReplicas', kind === 'Rollout' ? Math.max(0, replicas - availableReplicas) : 0),
    conditions: conditionsOf(status),
    containers: containersOf(template),
    annotations,
    labels: stringMap(objectAt(metadata, 'labels')),
    templateLabels: stringMap(objectAt(objectAt(template, 'metadata'), 'labels')),
    revision: revisionOf(annotations, kind),
    template: spec['template'] ?? null,
    createdAt: textAt(metadata, 'creationTimestamp'),
    rollout: kind === 'Rollout' ? rolloutStatusOf(spec, status) : null
  };
}
