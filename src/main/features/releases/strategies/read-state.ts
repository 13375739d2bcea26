/**
 * What really runs in an environment, read from the engine (instances by their labels) and from nginx
 * (the loaded config), never from the records. The strategies start every run from this view, and the
 * board uses its `problems` for drift and after an interruption.
 */
import type { Instance, EnvironmentRuntimePort } from '../../../ports/environment-runtime';
import type { PoolName, RouteConfig, TrafficRouterPort } from '../../../ports/traffic-router';
import type { EnvironmentState } from './strategy';
import { shortDigest } from '../../../../shared/domain/artifacts';

/** The environment state with the groupings the strategies move from. */
export interface StateView extends EnvironmentState {
  /** Running instances in pools that get traffic, other than the canary pool: the main traffic. */
  readonly serving: readonly Instance[];
  /** Running instances in the canary pool (its weight is in `canary`). */
  readonly canaryInstances: readonly Instance[];
  /** Running instances of the idle blue-green colour (listed with weight 0). */
  readonly idleInstances: readonly Instance[];
  /** Running instances nginx mirrors requests to. */
  readonly mirrored: readonly Instance[];
  /** Running instances nginx does not know (a step interrupted between start and route, or started by hand). */
  readonly unrouted: readonly Instance[];
  /** Instances that are not running and get no traffic (leftovers to remove). */
  readonly stopped: readonly Instance[];
}

/** The digest most of these instances run (ties: the most recent deployment's). */
export function majorityDigest(instances: readonly Instance[]): string | null {
  const counts = new Map<string, { count: number; deploymentId: number }>();
  for (const instance of instances) {
    const entry = counts.get(instance.digest) ?? { count: 0, deploymentId: instance.deploymentId };
    counts.set(instance.digest, { count: entry.count + 1, deploymentId: Math.max(entry.deploymentId, instance.deploymentId) });
  }
  let best: { digest: string; count: number; deploymentId: number } | null = null;
  for (const [digest, entry] of counts) {
    if (!best || entry.count > best.count || (entry.count === best.count && entry.deploymentId > best.deploymentId)) best = { digest, ...entry };
  }
  return best?.digest ?? null;
}

const isRunning = (instance: Instance): boolean => instance.state === 'running';

/** The view of `instances` behind `route`. Pure, so drift can be computed from any reading. */
export function stateFrom(allInstances: readonly Instance[], route: RouteConfig | null): StateView {
  const byName = new Map(allInstances.map((instance) => [instance.name, instance]));
  const problems: string[] = [];
  const known = new Set<string>();
  const weightOf = (pool: PoolName): number => route?.weights[pool] ?? 0;

  const resolve = (servers: readonly { instanceName: string }[], what: string): Instance[] => {
    const found: Instance[] = [];
    for (const server of servers) {
      known.add(server.instanceName);
      const instance = byName.get(server.instanceName);
      if (!instance) problems.push(`nginx sends ${what} to ${server.instanceName}, which no longer exists`);
      else if (!isRunning(instance)) problems.push(`nginx sends ${what} to ${server.instanceName}, which is ${instance.state}`);
      else found.push(instance);
    }
    return found;
  };

  const serving: Instance[] = [];
  let canaryInstances: Instance[] = [];
  let canaryListed = false;
  let idle: { role: 'blue' | 'green'; instances: Instance[] } | null = null;
  for (const pool of route?.pools ?? []) {
    const weight = weightOf(pool.name);
    const running = resolve(pool.servers, `${pool.name} traffic (${weight}%)`);
    if (weight > 0 && pool.servers.length === 0) problems.push(`the ${pool.name} pool gets ${weight}% of the traffic but has no instance`);
    if (pool.name === 'canary') {
      canaryListed = true;
      canaryInstances = running;
    } else if (weight > 0) {
      serving.push(...running);
    } else if ((pool.name === 'blue' || pool.name === 'green') && running.length > 0) {
      idle = { role: pool.name, instances: running };
    }
  }
  const mirrored = route?.mirror ? resolve(route.mirror.servers, 'mirrored requests') : [];

  const unrouted: Instance[] = [];
  const stopped: Instance[] = [];
  for (const instance of allInstances) {
    if (known.has(instance.name)) continue;
    if (isRunning(instance)) {
      unrouted.push(instance);
      problems.push(`${instance.name} (${instance.role}, ${shortDigest(instance.digest)}) runs but nginx does not send it traffic`);
    } else {
      stopped.push(instance);
      problems.push(`${instance.name} (${instance.role}) is ${instance.state}`);
    }
  }

  // Unrouted canary instances (started, not yet given a weight) still make a canary in progress.
  const canaryRole = canaryInstances.length > 0 ? canaryInstances : unrouted.filter((instance) => instance.role === 'canary');
  const canaryDigest = majorityDigest(canaryRole);
  const servingDigest = majorityDigest(serving) ?? (weightOf('canary') > 0 ? canaryDigest : null);
  const idleDigest = idle ? majorityDigest(idle.instances) : null;
  const mirrorDigest = majorityDigest(mirrored);

  return {
    instances: allInstances,
    route,
    servingDigest,
    canary: canaryDigest && (canaryListed || canaryRole.length > 0) ? { digest: canaryDigest, weight: weightOf('canary') } : null,
    idle: idle && idleDigest ? { role: idle.role, digest: idleDigest } : null,
    shadow: mirrorDigest ? { digest: mirrorDigest } : null,
    problems,
    serving,
    canaryInstances,
    idleInstances: idle?.instances ?? [],
    mirrored,
    unrouted,
    stopped
  };
}

export async function readStateView(
  runtime: EnvironmentRuntimePort,
  router: TrafficRouterPort,
  service: string,
  environment: string,
  signal?: AbortSignal
): Promise<StateView> {
  const [instances, route] = await Promise.all([runtime.listInstances(service, environment, signal), router.current(service, environment)]);
  return stateFrom(instances, route);
}

/** The public part of the view (plain data, for the orchestrator and the board). */
export function environmentState(view: StateView): EnvironmentState {
  const { instances, route, servingDigest, canary, idle, shadow, problems } = view;
  return { instances, route, servingDigest, canary, idle, shadow, problems };
}
