/**
 * What really runs in a `kubernetes` environment, read from the cluster (the watch cache when the
 * namespace is watched, else the API), never from the records: one synthesized instance per workload
 * (the Deployment, each colour, the canary, or the Argo Rollout) that has pods or wants some, what the
 * Service sends traffic to, and the problems a person should see.
 *
 * An instance is `running` when its workload has an available pod, else `created` (pods wanted, none
 * available yet). A workload scaled to 0 (an idle colour after its hold) is no instance.
 */
import { digestOfImage, type KubernetesTarget } from '../../../../../shared/domain/kubernetes';
import type { Instance, InstanceRole } from '../../../../ports/environment-runtime';
import type { KubernetesPort, ServiceSelector, WorkloadRef, WorkloadSnapshot } from '../../../../ports/kubernetes';
import type { EnvironmentState } from '../strategy';
import { COLOUR_LABEL, deploymentIdOf, digestOf, imageOf } from './kube-release';
import { midCanary } from './rollout-canary';
import { readWorkload } from '../../kubernetes/read-workload';

interface Read {
  readonly kube: KubernetesPort;
  readonly target: KubernetesTarget;
  readonly signal: AbortSignal | undefined;
}

async function workload(read: Read, name: string, kind: WorkloadRef['kind'] = 'Deployment'): Promise<WorkloadSnapshot | null> {
  const ref: WorkloadRef = { context: read.target.context, namespace: read.target.namespace, kind, name };
  return readWorkload(read.kube, ref, read.signal);
}

function instanceOf(service: string, environment: string, snapshot: WorkloadSnapshot, role: InstanceRole, image: string | null = imageOf(snapshot)): Instance {
  return {
    id: snapshot.uid,
    name: snapshot.ref.name,
    service,
    environment,
    role,
    index: 0,
    digest: (image !== null ? digestOfImage(image) : null) ?? image ?? '',
    imageReference: image ?? '',
    deploymentId: deploymentIdOf(snapshot),
    containerPort: 0,
    hostPort: null,
    networkAddress: `${snapshot.ref.name}.${snapshot.ref.namespace}`,
    state: snapshot.availableReplicas > 0 ? 'running' : 'created',
    startedAt: snapshot.createdAt
  };
}

const hasPods = (snapshot: WorkloadSnapshot | null): snapshot is WorkloadSnapshot => snapshot !== null && (snapshot.desiredReplicas > 0 || snapshot.availableReplicas > 0);
const serving = (snapshot: WorkloadSnapshot | null): string | null => (snapshot && snapshot.availableReplicas > 0 ? digestOf(snapshot) : null);

/** Problems every workload can have: not by digest, paused, stuck, aborted. */
function workloadProblems(snapshot: WorkloadSnapshot): string[] {
  const name = `${snapshot.ref.kind.toLowerCase()} ${snapshot.ref.name}`;
  const problems: string[] = [];
  const image = imageOf(snapshot);
  if (image !== null && digestOfImage(image) === null) problems.push(`${name} runs image ${image}, not by digest`);
  if (snapshot.paused) problems.push(`${name} is paused (kubectl rollout resume ${snapshot.ref.kind.toLowerCase()}/${snapshot.ref.name})`);
  const stuck = snapshot.conditions.find((condition) => condition.type === 'Progressing' && condition.reason === 'ProgressDeadlineExceeded');
  if (stuck) problems.push(`${name} exceeded its progress deadline${stuck.message ? `: ${stuck.message}` : ''}`);
  if (snapshot.rollout?.aborted || snapshot.rollout?.phase === 'Degraded') problems.push(`${name} is ${snapshot.rollout.aborted ? 'aborted' : 'degraded'}${snapshot.rollout.message ? `: ${snapshot.rollout.message}` : ''}`);
  return problems;
}

export async function readKubeState(kube: KubernetesPort, target: KubernetesTarget, service: string, environment: string, signal?: AbortSignal): Promise<EnvironmentState> {
  const read: Read = { kube, target, signal };
  const empty = { route: null, shadow: null } as const;
  if (target.rollout !== null) {
    const rollout = await workload(read, target.rollout, 'Rollout');
    if (!rollout) return { ...empty, instances: [], servingDigest: null, canary: null, idle: null, problems: [`rollout ${target.rollout} is not in namespace ${target.namespace}`] };
    const canary = midCanary(rollout);
    let stableImage = imageOf(rollout);
    if (canary) {
      const stableHash = rollout.rollout?.stableHash ?? '';
      stableImage = (await kube.revisions(rollout.ref, signal)).find((revision) => revision.name.endsWith(`-${stableHash}`))?.containers[0]?.image ?? null;
    }
    const stableDigest = stableImage === null ? null : (digestOfImage(stableImage) ?? stableImage);
    const instances = hasPods(rollout) ? [instanceOf(service, environment, rollout, canary ? 'canary' : 'stable')] : [];
    return {
      ...empty,
      instances,
      servingDigest: rollout.availableReplicas > 0 ? stableDigest : null,
      canary: canary && digestOf(rollout) ? { digest: digestOf(rollout) ?? '', weight: rollout.rollout?.canaryWeight ?? 0 } : null,
      idle: null,
      problems: workloadProblems(rollout)
    };
  }

  const base = target.deployment;
  const [stable, blue, green, canary] = await Promise.all([workload(read, base), workload(read, `${base}-blue`), workload(read, `${base}-green`), workload(read, `${base}-canary`)]);
  const serviceName = target.serviceName ?? base;
  const svc: ServiceSelector | null = blue || green ? await kube.getService(target.context, target.namespace, serviceName, signal) : null;
  const problems: string[] = [];
  const instances: Instance[] = [];
  const add = (snapshot: WorkloadSnapshot | null, role: InstanceRole): void => {
    if (!hasPods(snapshot)) return;
    instances.push(instanceOf(service, environment, snapshot, role));
    problems.push(...workloadProblems(snapshot));
  };
  add(stable, 'stable');
  add(blue, 'blue');
  add(green, 'green');
  add(canary, 'canary');

  let servingDigest = serving(stable);
  let idle: EnvironmentState['idle'] = null;
  const selected = svc?.selector[COLOUR_LABEL];
  if (selected === 'blue' || selected === 'green') {
    const live = selected === 'blue' ? blue : green;
    const other = selected === 'blue' ? green : blue;
    const otherRole = selected === 'blue' ? 'green' : 'blue';
    servingDigest = serving(live);
    if (!live) problems.push(`Service ${serviceName} selects colour ${selected} but ${base}-${selected} is gone`);
    else if (live.availableReplicas === 0) problems.push(`Service ${serviceName} selects colour ${selected} but ${base}-${selected} has no available pod`);
    const otherDigest = serving(other);
    if (otherDigest !== null) idle = { role: otherRole, digest: otherDigest };
  } else if (blue || green) {
    if (!svc) problems.push(`Service ${serviceName} is not in namespace ${target.namespace}: no colour gets traffic`);
    else if (hasPods(blue) || hasPods(green)) problems.push(`Service ${serviceName} selects no colour (${COLOUR_LABEL}): blue and green get no traffic`);
  }
  if (!stable && !blue && !green) problems.push(`deployment ${base} is not in namespace ${target.namespace}`);

  const canaryDigest = hasPods(canary) ? digestOf(canary) : null;
  const stablePods = stable?.availableReplicas ?? 0;
  const canaryPods = canary?.availableReplicas ?? 0;
  return {
    ...empty,
    instances,
    servingDigest: servingDigest ?? (stablePods === 0 ? serving(canary) : null),
    canary: canaryDigest !== null ? { digest: canaryDigest, weight: canaryPods + stablePods === 0 ? 0 : Math.round((100 * canaryPods) / (canaryPods + stablePods)) } : null,
    idle,
    problems
  };
}
