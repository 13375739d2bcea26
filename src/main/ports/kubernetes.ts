/**
 * What `kubernetes` environments need of a cluster: the kubeconfig as kubectl reads it, a workload's
 * state (a Deployment or an Argo Rollout), the changes a release makes (image by digest, undo, pause,
 * resume, restart, scale, a sibling Deployment, a Service's selector, Argo Rollouts' promote / abort /
 * retry), following a rollout as `kubectl rollout status` does, revisions from ReplicaSets, and one
 * watch per namespace that keeps a cache the board reads. Implemented with @kubernetes/client-node
 * (adapters/kubernetes).
 *
 * Errors (AppError): KUBECONFIG_INVALID (unreadable file, bad YAML, unknown context — the message names
 * the file or lists the contexts), TARGET_UNREACHABLE (no API server answers at the context's URL),
 * KUBE_UNAUTHORIZED (401: the credentials expired or are wrong — how to renew them), KUBE_FORBIDDEN (403:
 * the user, verb and resource, as the API says), NOT_FOUND (the workload is not there), KUBE_CONFLICT (409 after
 * retries), KUBE_INVALID (422: the causes), KUBE_FAILED (anything else, with the API's message),
 * ROLLOUT_FAILED (ProgressDeadlineExceeded, an Argo Rollout aborted/degraded, the workload deleted during
 * the rollout), CANCELLED. Never a credential in a message.
 */
import type { AnalysisRunView, KubeconfigView } from '../../shared/domain/kubernetes';

export type WorkloadKind = 'Deployment' | 'Rollout';

export interface WorkloadRef {
  /** Null: the kubeconfig's current context. */
  readonly context: string | null;
  readonly namespace: string;
  readonly kind: WorkloadKind;
  readonly name: string;
}

export interface KubeCondition {
  readonly type: string;
  readonly status: string;
  readonly reason: string | null;
  readonly message: string | null;
  readonly lastUpdateTime: string | null;
}

export interface ContainerImage {
  readonly name: string;
  readonly image: string;
}

/** Argo Rollouts' own status, for a Rollout. */
export interface RolloutStatus {
  /** Healthy, Progressing, Paused, Degraded (status.phase). */
  readonly phase: string | null;
  readonly message: string | null;
  readonly currentStepIndex: number | null;
  readonly stepCount: number;
  /** The weight of the current setWeight step (0..100); null when not in steps. */
  readonly canaryWeight: number | null;
  /** Paused at a pause step or by hand (pauseConditions or controllerPause). */
  readonly paused: boolean;
  readonly aborted: boolean;
  readonly stableHash: string | null;
  readonly currentHash: string | null;
}

/** A Deployment's or Rollout's state as read (from the API or the watch cache). */
export interface WorkloadSnapshot {
  readonly ref: WorkloadRef;
  readonly uid: string;
  readonly resourceVersion: string;
  readonly generation: number;
  readonly observedGeneration: number;
  /** spec.paused */
  readonly paused: boolean;
  /** spec.replicas */
  readonly desiredReplicas: number;
  readonly replicas: number;
  readonly updatedReplicas: number;
  readonly readyReplicas: number;
  readonly availableReplicas: number;
  readonly unavailableReplicas: number;
  readonly conditions: readonly KubeCondition[];
  /** spec.template's containers, in order. */
  readonly containers: readonly ContainerImage[];
  readonly annotations: Readonly<Record<string, string>>;
  readonly labels: Readonly<Record<string, string>>;
  /** spec.template.metadata.labels */
  readonly templateLabels: Readonly<Record<string, string>>;
  /** `deployment.kubernetes.io/revision` (or `rollout.argoproj.io/revision`); null before the first. */
  readonly revision: number | null;
  /** spec.template as JSON (for the pre-flight's diff). */
  readonly template: unknown;
  readonly createdAt: string | null;
  /** Only for a Rollout. */
  readonly rollout: RolloutStatus | null;
}

/** What `kubectl rollout status` would print, and whether it is done. */
export interface RolloutProgress {
  readonly done: boolean;
  /** e.g. `Waiting for deployment "api" rollout to finish: 1 of 3 updated replicas are available...` */
  readonly message: string;
  readonly desiredReplicas: number;
  readonly updatedReplicas: number;
  readonly availableReplicas: number;
  /** 0..1 */
  readonly fraction: number;
}

/** One ReplicaSet of a workload, as a revision. */
export interface ReplicaSetRevision {
  readonly revision: number;
  readonly name: string;
  readonly changeCause: string | null;
  readonly containers: readonly ContainerImage[];
  /** Its pod template without the pod-template-hash label (what undo restores). */
  readonly template: unknown;
  readonly replicas: number;
  readonly createdAt: string | null;
}

export interface UndoResult {
  /** The revision whose template was restored. */
  readonly toRevision: number;
  /** True when the workload already ran that template (kubectl: "skipped rollback"); nothing changed. */
  readonly unchanged: boolean;
}

export type WorkloadEventType = 'ADDED' | 'MODIFIED' | 'DELETED';

export interface WorkloadEvent {
  readonly type: WorkloadEventType;
  readonly snapshot: WorkloadSnapshot;
}

/** The state of one namespace's watch, for the board ("live", "reconnecting in 4 s: …"). */
export interface WatchHealth {
  readonly context: string | null;
  readonly namespace: string;
  readonly state: 'listing' | 'live' | 'backing-off';
  /** The last error in a sentence; null while live. */
  readonly problem: string | null;
  readonly since: string;
}

export interface ServiceSelector {
  readonly name: string;
  readonly selector: Readonly<Record<string, string>>;
}

export interface SiblingDeployment {
  /** The new Deployment's name (e.g. `api-green`, `api-canary`). */
  readonly name: string;
  /** The Deployment whose template and strategy it copies. */
  readonly from: WorkloadRef;
  readonly image: string;
  readonly replicas: number;
  /** Added to its selector and template labels (e.g. `shipdeck.dev/colour: green`). */
  readonly labels: Readonly<Record<string, string>>;
  readonly changeCause: string;
}

export interface KubernetesPort {
  /** The kubeconfig, read fresh (KUBECONFIG's files merged as kubectl does, or ~/.kube/config). */
  kubeconfig(): KubeconfigView;
  /** Whether the Argo Rollouts CRD exists in the context's cluster. */
  hasArgoRollouts(context: string | null, signal?: AbortSignal): Promise<boolean>;
  /** Null when it does not exist. */
  getWorkload(ref: WorkloadRef, signal?: AbortSignal): Promise<WorkloadSnapshot | null>;
  /**
   * Sets a container's image (the container named, or the first) by a strategic-merge patch (a merge patch
   * for a Rollout) and records `kubernetes.io/change-cause`; resolves with the state after the write.
   */
  setImage(ref: WorkloadRef, change: { readonly container: string | null; readonly image: string; readonly changeCause: string }, signal?: AbortSignal): Promise<WorkloadSnapshot>;
  /**
   * Follows the rollout until complete as `kubectl rollout status` does (watching, not polling); reports
   * each change; rejects ROLLOUT_FAILED on ProgressDeadlineExceeded, when the workload is deleted, or when
   * a Rollout is aborted/degraded; rejects CANCELLED on the signal. A paused Deployment resolves with
   * done false (`paused` message) rather than waiting for ever.
   */
  followRollout(ref: WorkloadRef, options: { readonly signal?: AbortSignal | undefined; readonly onProgress?: (progress: RolloutProgress) => void; readonly timeoutMs?: number }): Promise<RolloutProgress>;
  /** The workload's ReplicaSets as revisions, newest first. */
  revisions(ref: WorkloadRef, signal?: AbortSignal): Promise<readonly ReplicaSetRevision[]>;
  /**
   * `kubectl rollout undo [--to-revision N]` (0 = the previous revision): restores that ReplicaSet's
   * template. `{ digest }` picks the newest revision other than the current one whose first container runs
   * that digest (a rollback to an artifact in one round of reads). Refuses a paused Deployment (KUBE_INVALID:
   * "you cannot rollback a paused deployment; resume it first …") and an unknown revision (NOT_FOUND "unable
   * to find specified revision N in history").
   */
  undo(ref: WorkloadRef, toRevision: number | { readonly digest: string }, changeCause: string, signal?: AbortSignal): Promise<UndoResult>;
  pause(ref: WorkloadRef, signal?: AbortSignal): Promise<void>;
  resume(ref: WorkloadRef, signal?: AbortSignal): Promise<void>;
  /** `kubectl rollout restart`: the template's `kubectl.kubernetes.io/restartedAt` annotation. */
  restart(ref: WorkloadRef, signal?: AbortSignal): Promise<void>;
  scale(ref: WorkloadRef, replicas: number, signal?: AbortSignal): Promise<void>;
  /** Creates or updates a Deployment from another's template (blue/green colour, canary). */
  applySibling(sibling: SiblingDeployment, signal?: AbortSignal): Promise<WorkloadSnapshot>;
  deleteWorkload(ref: WorkloadRef, signal?: AbortSignal): Promise<void>;
  getService(context: string | null, namespace: string, name: string, signal?: AbortSignal): Promise<ServiceSelector | null>;
  /** Replaces the Service's selector (a merge patch); one write switches all traffic. */
  setServiceSelector(context: string | null, namespace: string, name: string, selector: Readonly<Record<string, string>>, signal?: AbortSignal): Promise<void>;
  /** Argo Rollouts, with the kubectl plugin's patches. `full` skips the remaining steps. */
  promoteRollout(ref: WorkloadRef, full: boolean, signal?: AbortSignal): Promise<void>;
  abortRollout(ref: WorkloadRef, signal?: AbortSignal): Promise<void>;
  retryRollout(ref: WorkloadRef, signal?: AbortSignal): Promise<void>;
  /** The Rollout's AnalysisRuns, newest first. */
  analysisRuns(ref: WorkloadRef, signal?: AbortSignal): Promise<readonly AnalysisRunView[]>;
  /**
   * Watches Deployments (and Rollouts where the CRD exists) in one namespace — one watch per context and
   * namespace however many listeners — relisting on 410 Gone, resuming from the last resourceVersion,
   * backing off on errors. The listener gets every change after the initial list. Returns the unsubscribe.
   */
  watchNamespace(context: string | null, namespace: string, listener: (event: WorkloadEvent) => void): () => void;
  /** From the watch cache when the namespace is watched and listed; undefined when it is not. */
  cached(ref: WorkloadRef): WorkloadSnapshot | null | undefined;
  /** Every watch's state. */
  watchHealth(): readonly WatchHealth[];
  /** Stops every watch. */
  close(): Promise<void>;
}
