/**
 * Kubernetes environments in the domain's words: where an environment's workload lives (context,
 * namespace, Deployment or Argo Rollout), the kubeconfig as a person sees it in Settings, revisions,
 * and Argo Rollouts' AnalysisRuns as Release detail shows them.
 */

/** Where a `kubernetes` environment releases to. */
export interface KubernetesTarget {
  /** The kubeconfig context; null takes the kubeconfig's current context at the time of each call. */
  readonly context: string | null;
  readonly namespace: string;
  /** The Deployment released by rolling, and the base name of the blue/green or stable/canary pair. */
  readonly deployment: string;
  /** An Argo Rollout driven instead of Deployments (canary steps run by its controller); null for none. */
  readonly rollout: string | null;
  /** Blue-green: the Service whose selector is switched; null uses the Deployment's name. */
  readonly serviceName: string | null;
}

/** DNS-1123 label: namespaces, Services, container names. */
export const KUBE_LABEL_NAME = /^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/;
/** DNS-1123 subdomain: Deployments, Rollouts. */
export const KUBE_OBJECT_NAME = /^[a-z0-9]([-a-z0-9.]{0,251}[a-z0-9])?$/;

/** The problem with a target in a sentence (what was wrong, what to give), or null. */
export function kubernetesTargetProblem(target: KubernetesTarget): string | null {
  if (!KUBE_LABEL_NAME.test(target.namespace)) return `namespace "${target.namespace}" is not a Kubernetes name: lowercase letters, digits and "-", at most 63, e.g. shop`;
  if (!KUBE_OBJECT_NAME.test(target.deployment)) return `deployment "${target.deployment}" is not a Kubernetes name: lowercase letters, digits, "-" and ".", e.g. shop-api`;
  if (target.rollout !== null && !KUBE_OBJECT_NAME.test(target.rollout)) return `rollout "${target.rollout}" is not a Kubernetes name: lowercase letters, digits, "-" and "."`;
  if (target.serviceName !== null && !KUBE_LABEL_NAME.test(target.serviceName)) return `service "${target.serviceName}" is not a Kubernetes Service name: lowercase letters, digits and "-", at most 63`;
  if (target.context !== null && (target.context.trim() === '' || target.context.length > 253)) return 'the context is a kubeconfig context name (see `kubectl config get-contexts`)';
  return null;
}

/** Reads a stored target; null when absent or malformed. */
export function kubernetesTargetFrom(stored: unknown): KubernetesTarget | null {
  if (!stored || typeof stored !== 'object') return null;
  const value = stored as Record<string, unknown>;
  const text = (key: string): string | null => (typeof value[key] === 'string' && value[key] !== '' ? (value[key] as string) : null);
  const namespace = text('namespace');
  const deployment = text('deployment');
  if (namespace === null || deployment === null) return null;
  const target: KubernetesTarget = { context: text('context'), namespace, deployment, rollout: text('rollout'), serviceName: text('serviceName') };
  return kubernetesTargetProblem(target) === null ? target : null;
}

/** `context/namespace/deployment` (or `…/rollout NAME`), for a diff and a sentence. */
export function formatKubernetesTarget(target: KubernetesTarget | null): string {
  if (target === null) return 'none';
  const workload = target.rollout !== null ? `rollout ${target.rollout}` : `deployment ${target.deployment}`;
  return `${target.context ?? '(current context)'}/${target.namespace}/${workload}`;
}

/** One context of the kubeconfig, as Settings lists them (never a credential). */
export interface KubeContextView {
  readonly name: string;
  readonly cluster: string;
  /** The API server's URL; null when the cluster entry is missing. */
  readonly server: string | null;
  readonly user: string;
  /** The context's namespace; null means `default`. */
  readonly namespace: string | null;
  /** How the user authenticates, in words: token, client certificate, exec plugin `aws`, none. */
  readonly authentication: string;
  readonly current: boolean;
}

export interface KubeconfigView {
  /** The files read, in KUBECONFIG's order (or ~/.kube/config). */
  readonly sources: readonly string[];
  readonly currentContext: string | null;
  readonly contexts: readonly KubeContextView[];
  /** Why it could not be read (a file unreadable, YAML invalid); null when it was. */
  readonly problem: string | null;
}

/** One revision of a Kubernetes workload, joined with Shipdeck's records when it was a Shipdeck release. */
export interface WorkloadRevision {
  /** Null for a release only Shipdeck's records remember (its ReplicaSet is gone). */
  readonly revision: number | null;
  /** `kubernetes.io/change-cause`; null when none. */
  readonly changeCause: string | null;
  readonly images: readonly { readonly container: string; readonly image: string }[];
  /** The digest in the first container's image (`repo@sha256:…`); null for a tag. */
  readonly digest: string | null;
  /** null when the ReplicaSet is gone (revisionHistoryLimit) and only Shipdeck's record remains. */
  readonly replicaSet: string | null;
  readonly createdAt: string | null;
  readonly current: boolean;
  /** The Shipdeck release that made it, when one did. */
  readonly deploymentId: number | null;
  readonly version: string | null;
}

export interface AnalysisMeasurementView {
  readonly phase: string;
  readonly value: string | null;
  readonly message: string | null;
  readonly startedAt: string | null;
  readonly finishedAt: string | null;
}

export interface AnalysisMetricView {
  readonly name: string;
  readonly phase: string;
  readonly message: string | null;
  readonly successful: number;
  readonly failed: number;
  readonly inconclusive: number;
  readonly error: number;
  readonly measurements: readonly AnalysisMeasurementView[];
}

/** An Argo Rollouts AnalysisRun with each measurement and why it failed. */
export interface AnalysisRunView {
  readonly name: string;
  readonly phase: string;
  readonly message: string | null;
  readonly startedAt: string | null;
  /** The canary step that started it; null for background analysis. */
  readonly stepIndex: number | null;
  readonly metrics: readonly AnalysisMetricView[];
}

/** The digest in an image reference `repo@sha256:…`; null for a tag. */
export function digestOfImage(image: string): string | null {
  const match = /@(sha256:[0-9a-f]{64})$/.exec(image);
  return match ? (match[1] ?? null) : null;
}
