/**
 * An `environments.configure` call's Kubernetes fields merged over the environment's current target:
 * `shipdeck env set api prod --context c2` changes the context and keeps the namespace and Deployment.
 * A kubernetes environment needs a namespace and a Deployment; the error says which flag to give.
 */
import { kubernetesTargetProblem, type KubernetesTarget } from '../../../../shared/domain/kubernetes';
import type { TargetKind } from '../../../../shared/domain/workspace';
import { AppError } from '../../../../shared/result';

export interface KubernetesTargetInput {
  readonly context?: string | null | undefined;
  readonly namespace?: string | undefined;
  readonly deployment?: string | undefined;
  readonly rollout?: string | null | undefined;
  readonly serviceName?: string | null | undefined;
}

/** The target after the patch; undefined when neither the kind nor the fields change it. */
export function mergeKubernetesTarget(
  where: string,
  kind: TargetKind,
  current: KubernetesTarget | null,
  input: KubernetesTargetInput | undefined
): KubernetesTarget | null | undefined {
  if (kind !== 'kubernetes') {
    if (input !== undefined) {
      throw new AppError('INVALID_INPUT', `${where} targets ${kind}: the Kubernetes fields (context, namespace, deployment, rollout) apply to kubernetes targets only.`, 'Add --target kubernetes to make it a Kubernetes environment.');
    }
    return undefined;
  }
  if (input === undefined && current !== null) return undefined;
  const pick = <K extends keyof KubernetesTargetInput>(key: K, fallback: KubernetesTarget[K] | null): KubernetesTargetInput[K] | KubernetesTarget[K] | null =>
    input?.[key] !== undefined ? input[key] : fallback;
  const namespace = pick('namespace', current?.namespace ?? null);
  const deployment = pick('deployment', current?.deployment ?? null);
  const rollout = pick('rollout', current?.rollout ?? null) ?? null;
  const missing = [namespace ? null : '--namespace', deployment || rollout ? null : '--deployment'].filter((flag): flag is string => flag !== null);
  if (missing.length > 0) {
    throw new AppError(
      'INVALID_INPUT',
      `${where} is a kubernetes environment without a ${missing.join(' and ')}: Shipdeck needs the namespace and the Deployment (or Argo Rollout) it releases.`,
      `Give them, e.g. shipdeck env set ${where.replace('/', ' ')} --target kubernetes --context my-cluster --namespace shop --deployment shop-api`
    );
  }
  const target: KubernetesTarget = {
    context: pick('context', current?.context ?? null) ?? null,
    namespace: namespace as string,
    // A Rollout-only environment names its workload by the Rollout.
    deployment: (deployment ?? rollout) as string,
    rollout,
    serviceName: pick('serviceName', current?.serviceName ?? null) ?? null
  };
  const problem = kubernetesTargetProblem(target);
  if (problem) throw new AppError('INVALID_INPUT', `${where}: ${problem}.`, 'See `shipdeck env set --help`.');
  return target;
}
