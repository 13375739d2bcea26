/**
 * The objects of the in-memory Kubernetes fake and what their controllers do, without time: a write that
 * changes a pod template makes a new revision (or brings an older ReplicaSet's back, as kubectl undo does)
 * and leaves the rollout pending; following it (fake-kubernetes) makes the pods available one by one. An
 * Argo Rollout walks its canary steps (setWeight, pause) and can be aborted by its analysis.
 */
import type { ContainerImage, KubeCondition, ReplicaSetRevision, RolloutStatus, WorkloadKind, WorkloadRef, WorkloadSnapshot } from '../../../../ports/kubernetes';

export type RolloutStep = { readonly setWeight: number } | { readonly pause: Record<string, never> };

interface TemplateRevision {
  readonly revision: number;
  readonly hash: string;
  readonly containers: readonly ContainerImage[];
  readonly templateLabels: Readonly<Record<string, string>>;
  readonly changeCause: string | null;
}

export interface FakeWorkload {
  readonly kind: WorkloadKind;
  readonly name: string;
  readonly namespace: string;
  readonly uid: string;
  labels: Record<string, string>;
  annotations: Record<string, string>;
  templateLabels: Record<string, string>;
  containers: ContainerImage[];
  replicas: number;
  /** Pods of the current template that are available. */
  updatedAvailable: number;
  /** Pods of any template that are available (old ones stay while a rollout is pending or stuck). */
  available: number;
  paused: boolean;
  generation: number;
  history: TemplateRevision[];
  revision: number | null;
  conditions: KubeCondition[];
  /** Rollout only. */
  steps: readonly RolloutStep[];
  stepIndex: number;
  stepPaused: boolean;
  aborted: boolean;
  phase: string;
  message: string | null;
  canaryWeight: number | null;
  stableHash: string | null;
  restartedAt: string | null;
}

let uidCounter = 0;

export const hashOf = (containers: readonly ContainerImage[], labels: Readonly<Record<string, string>>): string => {
  const text = JSON.stringify([containers, Object.entries(labels).sort()]);
  let hash = 5381;
  for (let i = 0; i < text.length; i += 1) hash = ((hash * 33) ^ text.charCodeAt(i)) >>> 0;
  return hash.toString(16).padStart(8, '0').slice(0, 8);
};

export const currentHash = (workload: FakeWorkload): string => hashOf(workload.containers, workload.templateLabels);

export function newWorkload(kind: WorkloadKind, namespace: string, name: string, spec: { image: string; replicas: number; labels?: Record<string, string>; steps?: readonly RolloutStep[] }): FakeWorkload {
  uidCounter += 1;
  const labels = spec.labels ?? { app: name };
  const workload: FakeWorkload = {
    kind,
    name,
    namespace,
    uid: `uid-${uidCounter}`,
    labels: { ...labels },
    annotations: {},
    templateLabels: { ...labels },
    containers: [{ name: 'app', image: spec.image }],
    replicas: spec.replicas,
    updatedAvailable: spec.replicas,
    available: spec.replicas,
    paused: false,
    generation: 1,
    history: [],
    revision: null,
    conditions: [],
    steps: spec.steps ?? [],
    stepIndex: spec.steps?.length ?? 0,
    stepPaused: false,
    aborted: false,
    phase: 'Healthy',
    message: null,
    canaryWeight: null,
    stableHash: null,
    restartedAt: null
  };
  recordTemplate(workload, null);
  workload.stableHash = currentHash(workload);
  return workload;
}

/** After a template change: a new revision, or an older ReplicaSet's template back with the next number. */
export function recordTemplate(workload: FakeWorkload, changeCause: string | null): void {
  const hash = currentHash(workload);
  const next = Math.max(0, ...workload.history.map((entry) => entry.revision)) + 1;
  workload.history = workload.history.filter((entry) => entry.hash !== hash);
  workload.history.push({ revision: next, hash, containers: workload.containers, templateLabels: { ...workload.templateLabels }, changeCause });
  workload.revision = next;
  if (changeCause !== null) workload.annotations['kubernetes.io/change-cause'] = changeCause;
  workload.generation += 1;
}

/** The template changed: the pods of it are not available yet (the old ones still are). */
export function startRollout(workload: FakeWorkload): void {
  workload.updatedAvailable = 0;
  workload.conditions = [{ type: 'Progressing', status: 'True', reason: 'ReplicaSetUpdated', message: null, lastUpdateTime: null }];
  if (workload.kind !== 'Rollout') return;
  if (currentHash(workload) === workload.stableHash) {
    // Back to the stable ReplicaSet: Argo goes there at once, without steps.
    Object.assign(workload, { stepIndex: workload.steps.length, aborted: false, stepPaused: false, phase: 'Healthy', message: null, canaryWeight: null });
    workload.updatedAvailable = workload.replicas;
    return;
  }
  Object.assign(workload, { stepIndex: 0, aborted: false, stepPaused: false, phase: 'Progressing', message: null, canaryWeight: 0 });
}

export function snapshotOf(workload: FakeWorkload, context: string | null): WorkloadSnapshot {
  const ref: WorkloadRef = { context, namespace: workload.namespace, kind: workload.kind, name: workload.name };
  const rollout: RolloutStatus | null =
    workload.kind === 'Rollout'
      ? {
          phase: workload.phase,
          message: workload.message,
          currentStepIndex: workload.stepIndex,
          stepCount: workload.steps.length,
          canaryWeight: workload.canaryWeight,
          paused: workload.stepPaused,
          aborted: workload.aborted,
          stableHash: workload.stableHash,
          currentHash: currentHash(workload)
        }
      : null;
  return {
    ref,
    uid: workload.uid,
    resourceVersion: String(workload.generation),
    generation: workload.generation,
    observedGeneration: workload.generation,
    paused: workload.paused,
    desiredReplicas: workload.replicas,
    replicas: Math.max(workload.replicas, workload.available),
    updatedReplicas: workload.updatedAvailable,
    readyReplicas: workload.available,
    availableReplicas: workload.available,
    unavailableReplicas: Math.max(0, workload.replicas - workload.available),
    conditions: workload.conditions,
    containers: workload.containers,
    annotations: { ...workload.annotations },
    labels: { ...workload.labels },
    templateLabels: { ...workload.templateLabels },
    revision: workload.revision,
    template: { metadata: { labels: workload.templateLabels }, spec: { containers: workload.containers } },
    createdAt: '2024-01-01T00:00:00Z',
    rollout
  };
}

export function revisionsOf(workload: FakeWorkload): ReplicaSetRevision[] {
  return [...workload.history]
    .sort((a, b) => b.revision - a.revision)
    .map((entry) => ({
      revision: entry.revision,
      name: `${workload.name}-${entry.hash}`,
      changeCause: entry.changeCause,
      containers: entry.containers,
      template: { metadata: { labels: entry.templateLabels }, spec: { containers: entry.containers } },
      replicas: entry.revision === workload.revision ? workload.replicas : 0,
      createdAt: null
    }));
}

/** `kubectl rollout undo`: the template of revision N (0: the one before the current) comes back. */
export function undoTemplate(workload: FakeWorkload, toRevision: number | { readonly digest: string }): { readonly toRevision: number; readonly unchanged: boolean } | string {
  const older = [...workload.history].sort((a, b) => b.revision - a.revision).filter((entry) => entry.revision !== workload.revision);
  let revision: number;
  if (typeof toRevision === 'object') {
    const wanted = `@${toRevision.digest}`;
    const byDigest = older.find((entry) => entry.containers[0]?.image.endsWith(wanted));
    if (!byDigest) return `no revision of "${workload.name}" runs ${toRevision.digest.slice(0, 19)} any more`;
    revision = byDigest.revision;
  } else revision = toRevision;
  const target = revision === 0 ? older[0] : workload.history.find((entry) => entry.revision === revision);
  if (!target) return revision === 0 ? `no rollout history found for ${workload.kind.toLowerCase()} "${workload.name}"` : `unable to find the specified revision ${revision}`;
  if (target.hash === currentHash(workload)) return { toRevision: target.revision, unchanged: true };
  workload.containers = [...target.containers];
  workload.templateLabels = { ...target.templateLabels };
  return { toRevision: target.revision, unchanged: false };
}
