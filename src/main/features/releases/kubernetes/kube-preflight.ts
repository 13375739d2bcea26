/**
 * The rollback pre-flight's Kubernetes part: the workload answers and is not paused (kubectl refuses to
 * roll back a paused Deployment), the pod-template diff between now and the revision it goes back to,
 * whether that revision's ReplicaSet still exists, and whether a GitOps controller would undo it.
 */
import { digestOfImage, type KubernetesTarget } from '../../../../shared/domain/kubernetes';
import type { SettingChange } from '../../../../shared/domain/environment-settings';
import type { PreflightCheck } from '../../../../shared/domain/releases';
import type { KubernetesPort, ReplicaSetRevision, WorkloadRef, WorkloadSnapshot } from '../../../ports/kubernetes';
import { AppError } from '../../../../shared/result';
import { problemOf } from '../bounded';
import { gitOpsOwner, type GitOpsOwner } from './gitops-owner';
import { mainRef } from './kube-environment';
import { mainWorkload } from '../strategies/kubernetes/kube-operations';
import type { ReleaseStrategy } from '../../../../shared/domain/environment-settings';
import { diffPodTemplates } from './pod-template-diff';

export interface KubeFacts {
  readonly snapshot: WorkloadSnapshot | null;
  /** The newest revision whose first container runs the target digest; null when no ReplicaSet keeps it. */
  readonly targetRevision: ReplicaSetRevision | null;
  /** Why the cluster could not be read; null when it was. */
  readonly problem: string | null;
}

/** The workload gone: no revisions (the target check says it is gone); any other failure is the check's problem. */
const notFoundAsNone = (error: unknown): readonly ReplicaSetRevision[] => {
  if (error instanceof AppError && error.code === 'NOT_FOUND') return [];
  throw error;
};

const IDLE_MARK = ' (idle colour)';

/** Blue-green: the idle colour, when it runs the target (a rollback switches back to its template), as a revision. */
async function idleColourRunning(kube: KubernetesPort, live: WorkloadRef, digest: string, signal?: AbortSignal): Promise<ReplicaSetRevision | null> {
  const name = live.name.endsWith('-blue') ? `${live.name.slice(0, -'-blue'.length)}-green` : `${live.name.slice(0, -'-green'.length)}-blue`;
  const idle = await kube.getWorkload({ ...live, name }, signal);
  if (idle === null || digestOfImage(idle.containers[0]?.image ?? '') !== digest) return null;
  return { revision: idle.revision ?? 0, name: `${name}${IDLE_MARK}`, changeCause: idle.annotations['kubernetes.io/change-cause'] ?? null, containers: idle.containers, template: idle.template, replicas: idle.desiredReplicas, createdAt: idle.createdAt };
}

export async function readKubeFacts(kube: KubernetesPort, target: KubernetesTarget, toDigest: string, signal?: AbortSignal, strategy?: ReleaseStrategy): Promise<KubeFacts> {
  try {
    // Blue-green: the live colour (the base Deployment is at 0 after the first switch).
    const ref = strategy === 'blue-green' && target.rollout === null ? await mainWorkload(kube, target, signal) : mainRef(target);
    const [snapshot, revisions] = await Promise.all([kube.getWorkload(ref, signal), kube.revisions(ref, signal).catch(notFoundAsNone)]);
    if (snapshot === null) return { snapshot, targetRevision: null, problem: null };
    const targetRevision = revisions.find((revision) => digestOfImage(revision.containers[0]?.image ?? '') === toDigest) ?? null;
    const idle = ref.kind === 'Deployment' && /-(blue|green)$/.test(ref.name) ? await idleColourRunning(kube, ref, toDigest, signal) : null;
    return { snapshot, targetRevision: idle ?? targetRevision, problem: null };
  } catch (error) {
    return { snapshot: null, targetRevision: null, problem: problemOf(error) };
  }
}

const where = (target: KubernetesTarget): string => `${target.namespace}${target.context ? ` (context ${target.context})` : ''}`;

export function kubeTargetCheck(facts: KubeFacts, target: KubernetesTarget, service: string, environment: string): PreflightCheck {
  const kind = target.rollout !== null ? 'Rollout' : 'Deployment';
  const name = target.rollout ?? target.deployment;
  if (facts.problem !== null) return { id: 'target', status: 'blocked', title: 'Cluster unreachable', detail: facts.problem };
  if (facts.snapshot === null) {
    return { id: 'target', status: 'blocked', title: `${kind} not found`, detail: `There is no ${kind} ${name} in ${where(target)}: nothing to roll back. Check the environment's target (shipdeck env set ${service} ${environment} --deployment …).` };
  }
  const snapshot = facts.snapshot;
  // What was read: blue-green's live colour rather than the base Deployment.
  const read = `${snapshot.ref.kind} ${snapshot.ref.name}`;
  if (snapshot.paused) {
    return {
      id: 'target',
      status: 'blocked',
      title: `${kind} paused`,
      detail: `${read} is paused, and a paused ${kind} cannot be rolled back (kubectl: "you cannot rollback a paused deployment; resume it first"). Resume it first: shipdeck rollout resume ${service} ${environment}.`
    };
  }
  return { id: 'target', status: 'ok', title: 'Cluster reachable', detail: `${read} in ${where(target)}: ${snapshot.availableReplicas} of ${snapshot.desiredReplicas} replicas available, revision ${snapshot.revision ?? '–'}.` };
}

/** The pod-template diff, or the image alone when the target's ReplicaSet is gone. */
export function kubeTemplateChanges(facts: KubeFacts, toImage: string): { readonly diff: readonly SettingChange[]; readonly sentence: string; readonly complete: boolean } {
  if (facts.snapshot === null) return { diff: [], sentence: `Pod template not compared: ${facts.problem ?? 'the workload is not in the cluster'}.`, complete: false };
  const revision = facts.targetRevision;
  if (revision === null) {
    const image = facts.snapshot.containers[0];
    const diff = image ? [{ setting: `spec.containers[${image.name}].image`, from: image.image, to: toImage }] : [];
    return {
      diff,
      sentence: 'No ReplicaSet keeps that revision any more (revisionHistoryLimit): the rollback sets the image back and keeps the rest of the pod template as it is now.',
      complete: true
    };
  }
  if (revision.name.endsWith(IDLE_MARK)) {
    const diff = diffPodTemplates(facts.snapshot.template, revision.template);
    const colour = revision.name.slice(0, -IDLE_MARK.length);
    return { diff, sentence: `Switches the Service back to ${colour}, which still runs it (one write): ${diff.length === 0 ? 'the same pod template as now' : `${diff.length} difference${diff.length === 1 ? '' : 's'} in the pod template`}.`, complete: true };
  }
  if (revision.revision === facts.snapshot.revision) {
    return { diff: [], sentence: `Already at revision ${revision.revision}: the rollback changes nothing in the pod template.`, complete: true };
  }
  const diff = diffPodTemplates(facts.snapshot.template, revision.template);
  const sentence =
    diff.length === 0
      ? `Goes back to revision ${revision.revision} (${revision.name}); its pod template is the same as now.`
      : `Goes back to revision ${revision.revision} (${revision.name}), restoring its whole pod template: ${diff.length} difference${diff.length === 1 ? '' : 's'}.`;
  return { diff, sentence, complete: true };
}

/** What would undo the rollback (a GitOps controller), in a sentence; null when nothing is known to. */
export function kubeGitOps(facts: KubeFacts, target: KubernetesTarget): GitOpsOwner | null {
  if (facts.snapshot === null) return null;
  return gitOpsOwner(facts.snapshot.labels, facts.snapshot.annotations, target.namespace);
}
