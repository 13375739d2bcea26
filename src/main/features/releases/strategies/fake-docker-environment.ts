/**
 * In-memory stand-ins for the engine and nginx, for the strategies' unit tests. They keep a log of what
 * was done, in order, and check the rules a user relies on at every step: a route only sends traffic to
 * running instances that answered their health path, and no instance is removed while the loaded route
 * still names it (either would fail requests).
 */
import { DEFAULT_ENVIRONMENT_SETTINGS, type EnvironmentSettings } from '../../../../shared/domain/environment-settings';
import { AppError } from '../../../../shared/result';
import type { EnvironmentRuntimePort, Instance, InstanceSpec, InstanceState } from '../../../ports/environment-runtime';
import type { RouteConfig, TrafficRouterPort } from '../../../ports/traffic-router';
import type { GateDecision, StrategyReport, StrategyRun } from './strategy';

export const SERVICE = 'shop';
export const ENVIRONMENT = 'prod';

export const settingsWith = (overrides: Partial<EnvironmentSettings>): EnvironmentSettings => ({ ...DEFAULT_ENVIRONMENT_SETTINGS, publicPort: 18080, ...overrides });

export class FakeDockerEnvironment {
  readonly log: string[] = [];
  readonly violations: string[] = [];
  readonly applied: RouteConfig[] = [];
  /** Digests whose instances never answer their health path. */
  readonly unhealthyDigests = new Set<string>();
  /** Instances (by the order they were started, 1-based) that never answer their health path. */
  readonly unhealthyStarts = new Set<number>();
  /** Which instances fail their one-off probe (the smoke check). */
  probeFails: (instance: Instance) => boolean = () => false;
  /** Makes the next apply fail as `nginx -t` would. */
  failNextApply = false;

  private readonly instances = new Map<string, Instance>();
  private readonly healthy = new Set<string>();
  private readonly unhealthyByStart = new Map<string, boolean>();
  private route: RouteConfig | null = null;
  private starts = 0;
  private nextPort = 20000;

  readonly runtime: EnvironmentRuntimePort = {
    ping: async () => undefined,
    imageExists: async () => true,
    imageConfig: async () => null,
    startInstance: async (spec: InstanceSpec) => {
      this.starts += 1;
      const generation = this.starts;
      const name = `${spec.service}-${spec.environment}-${spec.role}-${spec.index}-g${generation}`;
      const port = this.nextPort++;
      const instance: Instance = {
        id: `id-${generation}`,
        name,
        service: spec.service,
        environment: spec.environment,
        role: spec.role,
        index: spec.index,
        digest: spec.digest,
        imageReference: spec.imageReference,
        deploymentId: spec.deploymentId,
        containerPort: 8080,
        hostPort: port,
        networkAddress: `${name}:8080`,
        state: 'running',
        startedAt: new Date(0).toISOString()
      };
      this.instances.set(instance.id, instance);
      this.unhealthyByStart.set(instance.id, this.unhealthyStarts.has(generation));
      this.log.push(`start ${this.label(instance)}`);
      return instance;
    },
    waitHealthy: async (instance: Instance) => {
      if (this.unhealthyDigests.has(instance.digest) || this.unhealthyByStart.get(instance.id)) {
        this.log.push(`unhealthy ${this.label(instance)}`);
        throw new AppError('INSTANCE_UNHEALTHY', `${instance.name} did not answer /healthz within 60 s. Last log lines:\nboom: cannot connect to db`);
      }
      this.healthy.add(instance.id);
      this.log.push(`healthy ${this.label(instance)}`);
    },
    probe: async (instance: Instance) => {
      this.log.push(`probe ${this.label(instance)}`);
      return this.healthy.has(instance.id) && !this.probeFails(instance);
    },
    removeInstance: async (id: string) => {
      const instance = this.instances.get(id);
      if (!instance) return;
      const named = this.namesIn(this.route);
      if (named.has(instance.name)) this.violations.push(`removed ${this.label(instance)} while the route still names it`);
      this.instances.delete(id);
      this.log.push(`remove ${this.label(instance)}`);
    },
    listInstances: async (service: string, environment?: string) =>
      [...this.instances.values()].filter((i) => i.service === service && (environment === undefined || i.environment === environment)),
    lastLogLines: async () => ['boom: cannot connect to db']
  };

  readonly router: TrafficRouterPort = {
    apply: async (config: RouteConfig) => {
      if (this.failNextApply) {
        this.failNextApply = false;
        this.log.push('apply refused');
        throw new AppError('ROUTER_CONFIG_INVALID', 'nginx -t: invalid upstream');
      }
      this.check(config);
      this.route = config;
      this.applied.push(config);
      this.log.push(`apply ${describeRoute(config)}`);
    },
    current: async () => this.route,
    status: async () => ({ running: this.route !== null, kind: 'host', processId: null, configFile: '/tmp/fake.conf' }),
    remove: async () => {
      this.route = null;
    }
  };

  get currentRoute(): RouteConfig | null {
    return this.route;
  }

  list(): Instance[] {
    return [...this.instances.values()];
  }

  /** What the engine would show after a container was stopped or removed by hand. */
  setState(name: string, state: InstanceState | 'gone'): void {
    const instance = this.list().find((i) => i.name === name);
    if (!instance) throw new Error(`no instance ${name}`);
    if (state === 'gone') this.instances.delete(instance.id);
    else this.instances.set(instance.id, { ...instance, state, hostPort: state === 'running' ? instance.hostPort : null });
  }

  clearLog(): void {
    this.log.length = 0;
  }

  /** role-index:digest — short enough to compare logs in tests. */
  label(instance: Instance): string {
    return `${instance.role}-${instance.index}:${instance.digest}`;
  }

  private namesIn(route: RouteConfig | null): Set<string> {
    const names = new Set<string>();
    for (const pool of route?.pools ?? []) for (const server of pool.servers) names.add(server.instanceName);
    for (const server of route?.mirror?.servers ?? []) names.add(server.instanceName);
    return names;
  }

  private check(config: RouteConfig): void {
    const sum = config.pools.reduce((total, pool) => total + (config.weights[pool.name] ?? 0), 0);
    if (sum !== 100) this.violations.push(`a route's weights sum to ${sum}`);
    const byName = new Map(this.list().map((i) => [i.name, i]));
    for (const pool of [...config.pools, ...(config.mirror ? [config.mirror] : [])]) {
      for (const server of pool.servers) {
        const instance = byName.get(server.instanceName);
        if (!instance || instance.state !== 'running' || !this.healthy.has(instance.id)) {
          this.violations.push(`routed ${pool.name} traffic to ${server.instanceName}, which is not a healthy running instance`);
        }
      }
    }
  }
}

export function describeRoute(config: RouteConfig): string {
  const pools = config.pools.map((pool) => `${pool.name}=${config.weights[pool.name] ?? 0}[${pool.servers.length}]`).join(' ');
  return config.mirror ? `${pools} mirror[${config.mirror.servers.length}]` : pools;
}

export interface RecordedRun {
  readonly run: StrategyRun;
  readonly reports: StrategyReport[];
  readonly gates: { step: number; weight: number }[];
}

/** A run whose reports are kept and whose gates answer from `decide` (continue by default). */
export function recordedRun(
  strategy: StrategyRun['strategy'],
  settings: EnvironmentSettings,
  digest: string,
  options: {
    deploymentId?: number;
    decide?: (step: { step: number; weight: number }) => Promise<GateDecision> | GateDecision;
    signal?: AbortSignal;
    /** Another runner's tests name their own service and image. */
    service?: string;
    imageReference?: string;
  } = {}
): RecordedRun {
  const reports: StrategyReport[] = [];
  const gates: { step: number; weight: number }[] = [];
  const run: StrategyRun = {
    service: options.service ?? SERVICE,
    environment: ENVIRONMENT,
    deploymentId: options.deploymentId ?? 1,
    strategy,
    settings,
    artifact: { digest, imageReference: options.imageReference ?? `shop@${digest}` },
    report: async (report) => {
      reports.push(report);
    },
    gate: async (step) => {
      gates.push(step);
      return options.decide ? options.decide(step) : 'continue';
    },
    signal: options.signal ?? new AbortController().signal
  };
  return { run, reports, gates };
}
