/**
 * What a `kubernetes` environment runs, read from the watch cache (or the API when the namespace is not
 * watched yet): the workloads Shipdeck's strategies make — the Deployment (rolling), its `-blue`/`-green`
 * colours and the Service's selector (blue-green), its `-canary` sibling (canary), or the Argo Rollout —
 * and which of them serves.
 */
import type { KubernetesTarget } from '../../../../shared/domain/kubernetes';
import type { ReleaseStrategy } from '../../../../shared/domain/environment-settings';
import type { KubernetesPort, WorkloadRef, WorkloadSnapshot } from '../../../ports/kubernetes';
import { COLOUR_LABEL } from '../strategies/kubernetes/kube-release';
import { readWorkload } from './read-workload';

export type KubeRole = 'stable' | 'canary' | 'blue' | 'green';

export interface KubeWorkload {
  readonly role: KubeRole;
  readonly ref: WorkloadRef;
  /** Null when it does not exist. */
  readonly snapshot: WorkloadSnapshot | null;
}

export interface KubeEnvironment {
  readonly workloads: readonly KubeWorkload[];
  /** The one main traffic goes to (the stable Deployment, the selected colour, the Rollout); null when none. */
  readonly serving: KubeWorkload | null;
  /** Blue-green: the colour the Service selects; null otherwise or when unknown. */
  readonly selectedColour: 'blue' | 'green' | null;
  /** Sentences about what is wrong in the shape (a Service selecting a colour that is gone…). */
  readonly problems: readonly string[];
}


export const mainRef = (target: KubernetesTarget): WorkloadRef =>
  target.rollout !== null
    ? { context: target.context, namespace: target.namespace, kind: 'Rollout', name: target.rollout }
    : { context: target.context, namespace: target.namespace, kind: 'Deployment', name: target.deployment };

export const siblingRef = (target: KubernetesTarget, suffix: 'blue' | 'green' | 'canary'): WorkloadRef => ({
  context: target.context,
  namespace: target.namespace,
  kind: 'Deployment',
  name: `${target.deployment}-${suffix}`
});

export async function readKubeEnvironment(kube: KubernetesPort, target: KubernetesTarget, strategy: ReleaseStrategy, signal?: AbortSignal): Promise<KubeEnvironment> {
  const main = mainRef(target);
  if (target.rollout !== null || (strategy !== 'blue-green' && strategy !== 'canary')) {
    const snapshot = await readWorkload(kube, main, signal);
    const workload: KubeWorkload = { role: 'stable', ref: main, snapshot };
    return { workloads: [workload], serving: snapshot ? workload : null, selectedColour: null, problems: [] };
  }
  if (strategy === 'canary') {
    const canaryRef = siblingRef(target, 'canary');
    const [stable, canary] = await Promise.all([readWorkload(kube, main, signal), readWorkload(kube, canaryRef, signal)]);
    const workloads: KubeWorkload[] = [{ role: 'stable', ref: main, snapshot: stable }];
    if (canary && canary.desiredReplicas > 0) workloads.push({ role: 'canary', ref: canaryRef, snapshot: canary });
    return { workloads, serving: stable ? (workloads[0] ?? null) : null, selectedColour: null, problems: [] };
  }
  const serviceName = target.serviceName ?? target.deployment;
  const [blue, green, plain, service] = await Promise.all([
    readWorkload(kube, siblingRef(target, 'blue'), signal),
    readWorkload(kube, siblingRef(target, 'green'), signal),
    readWorkload(kube, main, signal),
    kube.getService(target.context, target.namespace, serviceName, signal)
  ]);
  const selected = service?.selector[COLOUR_LABEL];
  const selectedColour = selected === 'blue' || selected === 'green' ? selected : null;
  const workloads: KubeWorkload[] = [];
  if (blue) workloads.push({ role: 'blue', ref: siblingRef(target, 'blue'), snapshot: blue });
  if (green) workloads.push({ role: 'green', ref: siblingRef(target, 'green'), snapshot: green });
  const problems: string[] = [];
  if (service === null) problems.push(`The Service ${serviceName} does not exist in ${target.namespace}: blue-green switches traffic with its selector.`);
  if (selectedColour !== null && !workloads.some((workload) => workload.role === selectedColour)) {
    problems.push(`The Service ${serviceName} selects colour ${selectedColour}, but ${target.deployment}-${selectedColour} is gone.`);
  }
  // Before the first blue-green release the plain Deployment serves.
  if (selectedColour === null) {
    const workload: KubeWorkload = { role: 'stable', ref: main, snapshot: plain };
    return { workloads: plain ? [workload, ...workloads] : workloads, serving: plain ? workload : null, selectedColour, problems };
  }
  return { workloads, serving: workloads.find((workload) => workload.role === selectedColour) ?? null, selectedColour, problems };
}
