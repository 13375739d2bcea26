/**
 * Reading and changing one workload (a Deployment or an Argo Rollout): get, set image, pause, resume,
 * restart, scale, delete — the patches kubectl (and the Argo Rollouts plugin) send.
 */
import type { WorkloadRef, WorkloadSnapshot } from '../../ports/kubernetes';
import { AppError } from '../../../shared/result';
import { DEPLOYMENTS, PatchStrategy, ROLLOUTS, type KubeApi, type PatchType, type ResourceType } from './kube-api';
import { arrayAt, cloneJson, isObject, stringAt, type KubeObject } from './kube-json';
import { CHANGE_CAUSE, workloadSnapshotOf } from './workload-snapshot';

export const RESTARTED_AT = 'kubectl.kubernetes.io/restartedAt';

export function resourceOf(ref: WorkloadRef): ResourceType {
  return ref.kind === 'Rollout' ? ROLLOUTS : DEPLOYMENTS;
}

export function describeRef(ref: WorkloadRef): string {
  return `${ref.kind === 'Rollout' ? 'rollout' : 'deployment'} "${ref.name}" in namespace "${ref.namespace}"`;
}

/** Custom resources refuse strategic merge patches; Deployments take them. */
function templatePatchType(ref: WorkloadRef): PatchType {
  return ref.kind === 'Rollout' ? PatchStrategy.MergePatch : PatchStrategy.StrategicMergePatch;
}

export async function readWorkload(api: KubeApi, ref: WorkloadRef, signal?: AbortSignal): Promise<KubeObject | null> {
  return api.get(resourceOf(ref), ref.namespace, ref.name, signal);
}

export async function requireWorkload(api: KubeApi, ref: WorkloadRef, signal?: AbortSignal): Promise<KubeObject> {
  const object = await readWorkload(api, ref, signal);
  if (object === null) throw new AppError('NOT_FOUND', `${describeRef(ref)} does not exist (context "${api.scene.context}")`, 'Check the environment\'s Kubernetes target, or create the workload first (kubectl apply -f …).');
  return object;
}

export async function getWorkload(api: KubeApi, ref: WorkloadRef, signal?: AbortSignal): Promise<WorkloadSnapshot | null> {
  const object = await readWorkload(api, ref, signal);
  return object === null ? null : workloadSnapshotOf(ref, object);
}

/** Retries a read-modify-write on 409 Conflict a few times (someone else wrote in between). */
export async function withConflictRetry<T>(attempt: () => Promise<T>, attempts = 4): Promise<T> {
  for (let tried = 1; ; tried += 1) {
    try {
      return await attempt();
    } catch (error) {
      if (!(error instanceof AppError && error.code === 'KUBE_CONFLICT') || tried >= attempts) throw error;
    }
  }
}

export async function setImage(api: KubeApi, ref: WorkloadRef, change: { readonly container: string | null; readonly image: string; readonly changeCause: string }, signal?: AbortSignal): Promise<WorkloadSnapshot> {
  return withConflictRetry(async () => {
    const object = await requireWorkload(api, ref, signal);
    const containers = arrayAt(object, 'spec', 'template', 'spec', 'containers').filter(isObject);
    const names = containers.map((container) => stringAt(container, 'name') ?? '');
    const target = change.container ?? names[0];
    if (target === undefined) throw new AppError('KUBE_INVALID', `${describeRef(ref)} has no containers`);
    if (!names.includes(target)) throw new AppError('KUBE_INVALID', `container "${target}" is not in ${describeRef(ref)}; its containers: ${names.join(', ')}`, 'Name one of its containers in the environment settings.');
    const annotations = { [CHANGE_CAUSE]: change.changeCause };
    let body: unknown;
    if (ref.kind === 'Deployment') {
      body = { metadata: { annotations }, spec: { template: { spec: { containers: [{ name: target, image: change.image }] } } } };
    } else {
      // A merge patch replaces lists whole: send every container, and the resourceVersion read so a concurrent change is a conflict.
      const updated = cloneJson(containers).map((container) => (container['name'] === target ? { ...container, image: change.image } : container));
      body = { metadata: { annotations, resourceVersion: stringAt(object, 'metadata', 'resourceVersion') }, spec: { template: { spec: { containers: updated } } } };
    }
    const written = await api.patch(resourceOf(ref), ref.namespace, ref.name, body, templatePatchType(ref), signal);
    return workloadSnapshotOf(ref, written);
  });
}

export async function setPaused(api: KubeApi, ref: WorkloadRef, paused: boolean, signal?: AbortSignal): Promise<void> {
  await api.patch(resourceOf(ref), ref.namespace, ref.name, { spec: { paused } }, PatchStrategy.MergePatch, signal);
}

/** kubectl's RFC 3339 time, seconds precision. */
export function restartedAtNow(now: Date): string {
  return now.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

export async function restart(api: KubeApi, ref: WorkloadRef, now: Date, signal?: AbortSignal): Promise<void> {
  const body = { spec: { template: { metadata: { annotations: { [RESTARTED_AT]: restartedAtNow(now) } } } } };
  await api.patch(resourceOf(ref), ref.namespace, ref.name, body, templatePatchType(ref), signal);
}

export async function scale(api: KubeApi, ref: WorkloadRef, replicas: number, signal?: AbortSignal): Promise<void> {
  if (!Number.isInteger(replicas) || replicas < 0) throw new AppError('INVALID_INPUT', `replicas must be a whole number ≥ 0, not ${replicas}`);
  await api.patch(resourceOf(ref), ref.namespace, ref.name, { spec: { replicas } }, PatchStrategy.MergePatch, signal, 'scale');
}

export async function deleteWorkload(api: KubeApi, ref: WorkloadRef, signal?: AbortSignal): Promise<void> {
  await api.delete(resourceOf(ref), ref.namespace, ref.name, signal);
}
