/**
 * The nginx configs a release writes, built from instances: which pools get which share of the traffic,
 * and where requests are mirrored. Pure functions; the runner applies what they return.
 */
import type { StickyKey } from '../../../../shared/domain/environment-settings';
import { AppError } from '../../../../shared/result';
import type { Instance } from '../../../ports/environment-runtime';
import type { PoolName, RouteConfig, RoutePool, RouteServer } from '../../../ports/traffic-router';

/** What every config of one environment shares. */
export interface RouteBase {
  readonly service: string;
  readonly environment: string;
  readonly publicPort: number;
  readonly sticky: StickyKey | null;
  readonly deploymentId: number | null;
}

export interface PoolPlan {
  readonly name: PoolName;
  readonly instances: readonly Instance[];
  /** Percentage of requests; 0 keeps the pool listed (warm) without traffic. */
  readonly weight: number;
}

/**
 * The pool name the shadow's mirror target is written under. The mirror is its own field of the config,
 * so the name only has to be a valid pool name; the shadow never runs beside a canary.
 */
export const MIRROR_POOL_NAME: PoolName = 'canary';

/** The shared part of a loaded config (for a change that has no settings at hand). */
export const baseOf = (route: RouteConfig): RouteBase => ({
  service: route.service,
  environment: route.environment,
  publicPort: route.publicPort,
  sticky: route.sticky,
  deploymentId: route.deploymentId
});

export function serverOf(instance: Instance): RouteServer {
  if (instance.hostPort === null) {
    throw new AppError('INTERNAL', `instance ${instance.name} has no published port, so it cannot take traffic`);
  }
  return { instanceName: instance.name, hostPort: instance.hostPort, networkAddress: instance.networkAddress };
}

const poolOf = (name: PoolName, instances: readonly Instance[]): RoutePool => ({ name, servers: instances.map(serverOf) });

/**
 * A config sending each pool its weight. Pools without instances are left out; the weights of the pools
 * kept must sum to 100 (a plan that would send traffic nowhere is a bug, not a state to load).
 */
export function routeOf(base: RouteBase, pools: readonly PoolPlan[], mirror: readonly Instance[] | null = null): RouteConfig {
  const kept = pools.filter((pool) => pool.instances.length > 0);
  const total = kept.reduce((sum, pool) => sum + pool.weight, 0);
  if (total !== 100) {
    throw new AppError('INTERNAL', `a route for ${base.service}/${base.environment} would send ${total}% of the traffic to running instances`);
  }
  const weights: Partial<Record<PoolName, number>> = {};
  for (const pool of kept) weights[pool.name] = pool.weight;
  return {
    service: base.service,
    environment: base.environment,
    publicPort: base.publicPort,
    pools: kept.map((pool) => poolOf(pool.name, pool.instances)),
    weights,
    sticky: base.sticky,
    mirror: mirror && mirror.length > 0 ? poolOf(MIRROR_POOL_NAME, mirror) : null,
    deploymentId: base.deploymentId
  };
}

/** The same config with the mirror added or taken away. */
export function withMirror(route: RouteConfig, mirror: readonly Instance[] | null, deploymentId: number | null): RouteConfig {
  return { ...route, mirror: mirror && mirror.length > 0 ? poolOf(MIRROR_POOL_NAME, mirror) : null, deploymentId };
}

const canonical = (route: RouteConfig | null): string =>
  route === null
    ? 'null'
    : JSON.stringify({
        port: route.publicPort,
        pools: [...route.pools]
          .map((pool) => ({ name: pool.name, weight: route.weights[pool.name] ?? 0, servers: pool.servers.map((s) => `${s.instanceName}@${s.hostPort}`).sort() }))
          .sort((a, b) => a.name.localeCompare(b.name)),
        sticky: route.sticky ? `${route.sticky.kind}:${route.sticky.name}` : null,
        mirror: route.mirror ? route.mirror.servers.map((s) => `${s.instanceName}@${s.hostPort}`).sort() : null
      });

/** True when both configs send the same traffic to the same servers (the deployment id aside). */
export const sameTraffic = (a: RouteConfig | null, b: RouteConfig | null): boolean => canonical(a) === canonical(b);
