/**
 * A workload's state from the watch cache while its namespace's watch is live, else from the API: a
 * failing watch keeps the last state of a cluster that may be gone, and the API read says why it cannot
 * answer (the board shows that, never a stale state).
 */
import type { KubernetesPort, WorkloadRef, WorkloadSnapshot } from '../../../ports/kubernetes';

const watchLive = (kube: KubernetesPort, ref: WorkloadRef): boolean =>
  kube.watchHealth().some((health) => health.context === ref.context && health.namespace === ref.namespace && health.state === 'live');

export async function readWorkload(kube: KubernetesPort, ref: WorkloadRef, signal?: AbortSignal): Promise<WorkloadSnapshot | null> {
  const cached = watchLive(kube, ref) ? kube.cached(ref) : undefined;
  return cached !== undefined ? cached : kube.getWorkload(ref, signal);
}
