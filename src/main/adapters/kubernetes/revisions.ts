/**
 * A workload's ReplicaSets as revisions, and `kubectl rollout undo` — a port of kubectl's
 * DeploymentRollbacker (pkg/polymorphichelpers/rollback.go): find the ReplicaSet of the revision (or the
 * previous one), refuse a paused Deployment, skip when the template already matches (ignoring the
 * pod-template-hash), else one JSON patch replacing /spec/template and the annotations.
 */
import type { ReplicaSetRevision, UndoResult, WorkloadRef } from '../../ports/kubernetes';
import { digestOfImage } from '../../../shared/domain/kubernetes';
import { AppError } from '../../../shared/result';
import { PatchStrategy, REPLICA_SETS, type KubeApi } from './kube-api';
import { arrayAt, cloneJson, isObject, jsonEqual, numberAt, objectAt, stringAt, stringMap, valueAt, type KubeObject } from './kube-json';
import { describeRef, requireWorkload, resourceOf } from './workload-client';
import { CHANGE_CAUSE, DEPLOYMENT_REVISION, ROLLOUT_REVISION, containersOf } from './workload-snapshot';

const DEPLOYMENT_HASH_LABEL = 'pod-template-hash';
const ROLLOUT_HASH_LABEL = 'rollouts-pod-template-hash';

/** kubectl's annotationsToSkip: kept from the Deployment, never copied from the ReplicaSet. */
const ANNOTATIONS_TO_SKIP = new Set([
  'kubectl.kubernetes.io/last-applied-configuration',
  DEPLOYMENT_REVISION,
  'deployment.kubernetes.io/revision-history',
  'deployment.kubernetes.io/desired-replicas',
  'deployment.kubernetes.io/max-replicas',
  'deprecated.deployment.rollback.to'
]);

function hashLabel(ref: WorkloadRef): string {
  return ref.kind === 'Rollout' ? ROLLOUT_HASH_LABEL : DEPLOYMENT_HASH_LABEL;
}

function revisionAnnotation(ref: WorkloadRef): string {
  return ref.kind === 'Rollout' ? ROLLOUT_REVISION : DEPLOYMENT_REVISION;
}

/** The template without the hash label (and without an empty labels map left behind). */
export function templateWithoutHash(template: unknown, label: string): unknown {
  if (!isObject(template)) return template;
  const copy = cloneJson(template);
  const metadata = objectAt(copy, 'metadata');
  const labels = metadata['labels'];
  if (isObject(labels)) {
    delete labels[label];
    if (Object.keys(labels).length === 0) delete metadata['labels'];
  }
  return copy;
}

interface OwnedReplicaSet {
  readonly object: KubeObject;
  readonly revision: number;
}

function ownedBy(replicaSet: KubeObject, uid: string): boolean {
  return arrayAt(replicaSet, 'metadata', 'ownerReferences').some((owner) => isObject(owner) && owner['uid'] === uid);
}

function selectorText(workload: KubeObject): string | undefined {
  const labels = stringMap(valueAt(workload, 'spec', 'selector', 'matchLabels'));
  const entries = Object.entries(labels);
  return entries.length > 0 ? entries.map(([key, value]) => `${key}=${value}`).join(',') : undefined;
}

async function ownedReplicaSets(api: KubeApi, ref: WorkloadRef, workload: KubeObject, signal?: AbortSignal): Promise<OwnedReplicaSet[]> {
  const uid = stringAt(workload, 'metadata', 'uid') ?? '';
  const selector = selectorText(workload);
  const { items } = await api.list(REPLICA_SETS, ref.namespace, selector === undefined ? {} : { labelSelector: selector }, signal);
  const annotation = revisionAnnotation(ref);
  return items
    .filter((replicaSet) => ownedBy(replicaSet, uid))
    .map((object) => ({ object, revision: Number.parseInt(stringMap(valueAt(object, 'metadata', 'annotations'))[annotation] ?? '', 10) }))
    .filter((owned) => Number.isFinite(owned.revision))
    .sort((a, b) => b.revision - a.revision);
}

export async function revisions(api: KubeApi, ref: WorkloadRef, signal?: AbortSignal): Promise<readonly ReplicaSetRevision[]> {
  const workload = await requireWorkload(api, ref, signal);
  const owned = await ownedReplicaSets(api, ref, workload, signal);
  return owned.map(({ object, revision }) => {
    const template = valueAt(object, 'spec', 'template');
    return {
      revision,
      name: stringAt(object, 'metadata', 'name') ?? '',
      changeCause: stringMap(valueAt(object, 'metadata', 'annotations'))[CHANGE_CAUSE] ?? null,
      containers: containersOf(template),
      template: templateWithoutHash(template, hashLabel(ref)),
      replicas: numberAt(object, 'status', 'replicas'),
      createdAt: stringAt(object, 'metadata', 'creationTimestamp')
    };
  });
}

/** kubectl's deploymentRevision: the ReplicaSet of that revision, or (0) the second newest. */
export function pickRevision(owned: readonly OwnedReplicaSet[], toRevision: number | { readonly digest: string }, workloadName: string, currentRevision: number | null = null): OwnedReplicaSet {
  if (typeof toRevision === 'object') {
    const running = (entry: OwnedReplicaSet) => digestOfImage(containersOf(valueAt(entry.object, 'spec', 'template'))[0]?.image ?? '') === toRevision.digest;
    const found = [...owned].sort((a, b) => b.revision - a.revision).find((entry) => entry.revision !== currentRevision && running(entry));
    if (!found) throw new AppError('NOT_FOUND', `no revision of "${workloadName}" runs ${toRevision.digest.slice(0, 19)} any more`, 'Its ReplicaSet is gone (revisionHistoryLimit): set the image instead.');
    return found;
  }
  if (toRevision < 0) throw new AppError('NOT_FOUND', `unable to find specified revision ${toRevision} in history`);
  if (toRevision > 0) {
    const found = owned.find((entry) => entry.revision === toRevision);
    if (!found) throw new AppError('NOT_FOUND', `unable to find specified revision ${toRevision} in history`, 'See the revisions the workload still has (revisionHistoryLimit keeps only the last few).');
    return found;
  }
  const newestFirst = [...owned].sort((a, b) => b.revision - a.revision);
  const previous = newestFirst[1];
  if (!previous) throw new AppError('NOT_FOUND', `no rollout history found for deployment "${workloadName}"`, 'There is no earlier revision to go back to.');
  return previous;
}

export async function undo(api: KubeApi, ref: WorkloadRef, toRevision: number | { readonly digest: string }, changeCause: string, signal?: AbortSignal): Promise<UndoResult> {
  const workload = await requireWorkload(api, ref, signal);
  const owned = await ownedReplicaSets(api, ref, workload, signal);
  const currentRevision = Number(stringMap(valueAt(workload, 'metadata', 'annotations'))[ref.kind === 'Rollout' ? ROLLOUT_REVISION : DEPLOYMENT_REVISION]);
  const chosen = pickRevision(owned, toRevision, ref.name, Number.isInteger(currentRevision) ? currentRevision : null);
  if (ref.kind === 'Deployment' && valueAt(workload, 'spec', 'paused') === true) {
    throw new AppError('KUBE_INVALID', "you cannot rollback a paused deployment; resume it first with 'kubectl rollout resume' and try again", `Resume ${describeRef(ref)}, then roll back.`);
  }
  const label = hashLabel(ref);
  const restored = templateWithoutHash(valueAt(chosen.object, 'spec', 'template'), label);
  if (jsonEqual(restored, templateWithoutHash(valueAt(workload, 'spec', 'template'), label))) return { toRevision: chosen.revision, unchanged: true };
  const current = stringMap(valueAt(workload, 'metadata', 'annotations'));
  const annotations: Record<string, string> = {};
  if (ref.kind === 'Deployment') {
    for (const key of ANNOTATIONS_TO_SKIP) if (current[key] !== undefined) annotations[key] = current[key];
    for (const [key, value] of Object.entries(stringMap(valueAt(chosen.object, 'metadata', 'annotations')))) if (!ANNOTATIONS_TO_SKIP.has(key)) annotations[key] = value;
  } else {
    // Argo's ReplicaSets carry the controller's own annotations; the Rollout keeps its own.
    Object.assign(annotations, current);
  }
  annotations[CHANGE_CAUSE] = changeCause;
  const patch = [
    { op: 'replace', path: '/spec/template', value: restored },
    { op: 'add', path: '/metadata/annotations', value: annotations }
  ];
  await api.patch(resourceOf(ref), ref.namespace, ref.name, patch, PatchStrategy.JsonPatch, signal);
  return { toRevision: chosen.revision, unchanged: false };
}
