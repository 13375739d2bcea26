/**
 * The traffic router in front of a `docker` environment: a real nginx that Shipdeck starts (the host's
 * nginx when installed, otherwise the nginx image as a container), configures from a generated file and
 * reloads gracefully. Every change is tested (`nginx -t`) before it is loaded: a config that fails is
 * never loaded and the old one keeps serving. One router per environment, on 127.0.0.1:publicPort.
 *
 * Errors (AppError): ROUTER_CONFIG_INVALID (nginx -t refused it; the message quotes nginx), PORT_IN_USE
 * (the public port is taken by something else), ROUTER_FAILED (nginx missing, did not start, reload
 * failed), CANCELLED.
 */
import type { StickyKey } from '../../shared/domain/environment-settings';

export type PoolName = 'stable' | 'canary' | 'blue' | 'green';

export interface RouteServer {
  /** Container name, for reading back which instances get traffic. */
  readonly instanceName: string;
  /** 127.0.0.1:hostPort — how a router on the host reaches it. */
  readonly hostPort: number;
  /** name:port on the managed network — how a router in a container reaches it. */
  readonly networkAddress: string;
}

export interface RoutePool {
  readonly name: PoolName;
  readonly servers: readonly RouteServer[];
}

export interface RouteConfig {
  readonly service: string;
  readonly environment: string;
  readonly publicPort: number;
  /** Pools that may get traffic; a pool with weight 0 may be listed (kept warm) or left out. */
  readonly pools: readonly RoutePool[];
  /** Percentage of requests per pool; the listed pools' weights sum to 100. */
  readonly weights: Readonly<Partial<Record<PoolName, number>>>;
  /** With a key, a user (the key's value) stays on one side for as long as the weights allow. */
  readonly sticky: StickyKey | null;
  /** Shadow: every request is also sent here; its responses are discarded. */
  readonly mirror: RoutePool | null;
  /** The release that wrote this config (kept in the file, read back after an interruption). */
  readonly deploymentId: number | null;
}

export interface RouterStatus {
  readonly running: boolean;
  readonly kind: 'host' | 'container';
  /** nginx master pid (host) or container id. */
  readonly processId: string | null;
  readonly configFile: string;
}

export interface TrafficRouterPort {
  /** Writes, tests and loads the config, starting the router when it is not running. */
  apply(config: RouteConfig, signal?: AbortSignal): Promise<void>;
  /** What the running router has loaded (read back from its config), or null when it has none. */
  current(service: string, environment: string): Promise<RouteConfig | null>;
  status(service: string, environment: string): Promise<RouterStatus>;
  /** Stops the environment's router and removes its config. */
  remove(service: string, environment: string): Promise<void>;
}
