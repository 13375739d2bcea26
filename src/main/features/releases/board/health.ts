/**
 * An environment's health from what really runs: its instances, their answers to the health path, and
 * what nginx routes to. Healthy: every instance answers and the route has no problem; degraded: traffic
 * is served but something is wrong; down: nothing serves.
 */
import type { Health } from '../../../../shared/domain/releases';
import type { Instance } from '../../../ports/environment-runtime';
import type { RouteConfig } from '../../../ports/traffic-router';

export interface HealthReading {
  readonly instances: readonly Instance[];
  /** By instance id: whether it answered its health path (running instances only). */
  readonly answers: ReadonlyMap<string, boolean>;
  /** What nginx has loaded; null when it has no route (or it could not be read). */
  readonly route: RouteConfig | null;
  /** Whether the environment's nginx runs; null when its status could not be read. */
  readonly routerRunning: boolean | null;
  /** Route problems the read-back found (traffic sent to gone instances…), as sentences. */
  readonly problems: readonly string[];
  readonly healthPath: string;
  readonly publicPort: number | null;
}

/** Names of the instances nginx sends traffic to (pools with a weight above 0). */
export function routedInstanceNames(route: RouteConfig): Set<string> {
  const pools = route.pools.filter((pool) => (route.weights[pool.name] ?? 0) > 0);
  return new Set(pools.flatMap((pool) => pool.servers.map((server) => server.instanceName)));
}

const some = (count: number, of: number): string => (count === of ? `all ${of}` : `${count} of ${of}`);

export function healthOf(reading: HealthReading): { readonly health: Health; readonly detail: string } {
  const running = reading.instances.filter((instance) => instance.state === 'running');
  const answering = running.filter((instance) => reading.answers.get(instance.id) === true);
  const where = reading.publicPort === null ? 'the environment' : `127.0.0.1:${reading.publicPort}`;
  if (running.length === 0) return { health: 'down', detail: 'No instance is running: nothing serves traffic.' };
  if (reading.routerRunning === false) return { health: 'down', detail: `nginx is not running for this environment: nothing serves ${where}.` };
  if (reading.route === null) return { health: 'down', detail: `nginx has no route for this environment: nothing serves ${where}.` };
  const routed = routedInstanceNames(reading.route);
  if (!answering.some((instance) => routed.has(instance.name))) {
    return { health: 'down', detail: `None of the instances nginx sends traffic to answers ${reading.healthPath}.` };
  }
  const silent = running.length - answering.length;
  if (silent > 0 || reading.problems.length > 0) {
    const parts = silent > 0 ? [`${some(silent, running.length)} running instances do not answer ${reading.healthPath}.`] : [];
    return { health: 'degraded', detail: [...parts, ...reading.problems].join(' ') };
  }
  return { health: 'healthy', detail: `${running.length === 1 ? 'The instance answers' : `All ${running.length} instances answer`} ${reading.healthPath}.` };
}
