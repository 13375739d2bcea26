/** Kubernetes environments in the board's words: where the workload is, whether it is paused, a form's fields. */
import type { KubernetesTarget, WorkloadRevision } from '../../../../shared/domain/kubernetes';
import type { InstanceView } from '../../../../shared/domain/releases';

/** `kube-emulator · shop · deployment/api` (the current context when none is named). */
export function kubeTargetParts(target: KubernetesTarget): readonly [context: string, namespace: string, workload: string] {
  const workload = target.rollout !== null ? `rollout/${target.rollout}` : `deployment/${target.deployment}`;
  return [target.context ?? 'current context', target.namespace, workload];
}

/** Whether a workload row says it is paused (the core writes "3/3 available · paused"). */
export const workloadPaused = (instances: readonly InstanceView[]): boolean => instances.some((row) => /(^|· )paused\b/.test(row.state));

/** Where a revision is known from: its ReplicaSet, or only Shipdeck's record once the ReplicaSet is gone. */
export const revisionSource = (revision: Pick<WorkloadRevision, 'replicaSet'>): string => revision.replicaSet ?? "from Shipdeck's record";

/** What the Configure form holds; empty text means "not given". */
export interface KubeTargetDraft {
  readonly context: string;
  readonly namespace: string;
  readonly deployment: string;
  readonly rollout: string;
  readonly serviceName: string;
}

export const KUBE_FIELDS = ['context', 'namespace', 'deployment', 'rollout', 'serviceName'] as const;
export type KubeField = (typeof KUBE_FIELDS)[number];

export function draftOf(target: KubernetesTarget | null): KubeTargetDraft {
  return {
    context: target?.context ?? '',
    namespace: target?.namespace ?? '',
    deployment: target?.deployment ?? '',
    rollout: target?.rollout ?? '',
    serviceName: target?.serviceName ?? ''
  };
}

/**
 * The `kubernetes` part of `environments.configure`: optional fields left empty are cleared (null); the
 * namespace and deployment are sent as typed, so the core's own check says what is wrong with them.
 */
export function configureTarget(draft: KubeTargetDraft) {
  const optional = (text: string): string | null => (text.trim() === '' ? null : text.trim());
  return {
    context: optional(draft.context),
    namespace: draft.namespace.trim(),
    deployment: draft.deployment.trim(),
    rollout: optional(draft.rollout),
    serviceName: optional(draft.serviceName)
  };
}

/** The field a validation message from the core is about (its messages name it first), or null for the form. */
export function fieldOfProblem(message: string): KubeField | null {
  const lower = message.toLowerCase();
  const at = (word: string): number => {
    const index = lower.search(new RegExp(`\\b${word}\\b`));
    return index === -1 ? Number.POSITIVE_INFINITY : index;
  };
  const candidates: readonly (readonly [KubeField, number])[] = [
    ['context', at('context')],
    ['namespace', at('namespace')],
    ['deployment', at('deployment')],
    ['rollout', at('rollout')],
    ['serviceName', Math.min(at('service'), at('servicename'))]
  ];
  const first = [...candidates].sort((a, b) => a[1] - b[1])[0];
  return first && Number.isFinite(first[1]) ? first[0] : null;
}
