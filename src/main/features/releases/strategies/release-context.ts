/**
 * The moves every strategy is made of, with their reports: start instances and wait until they are
 * healthy, load a route, take instances out of service (after in-flight requests drained) and remove
 * them. A strategy says what to undo while a step is open; when the step fails the runner undoes it.
 */
import type { EnvironmentSettings } from '../../../../shared/domain/environment-settings';
import { AppError } from '../../../../shared/result';
import type { EnvironmentRuntimePort, Instance, InstanceRole } from '../../../ports/environment-runtime';
import type { RouteConfig, TrafficRouterPort } from '../../../ports/traffic-router';
import { readStateView, type StateView } from './read-state';
import type { RouteBase } from './route-plan';
import { sameTraffic } from './route-plan';
import type { StrategyReport, StrategyRun, TargetArtifact } from './strategy';
import { shortDigest } from '../../../../shared/domain/artifacts';

export type { Sleep } from './sleep';
import type { Sleep } from './sleep';

export { shortDigest };

export interface ContextDeps {
  readonly runtime: EnvironmentRuntimePort;
  readonly router: TrafficRouterPort;
  readonly sleep: Sleep;
  /** How long in-flight requests get after a route stops sending traffic to an instance, before it stops. */
  readonly drainMs: number;
}

/** A step that did not work; its message goes into the outcome. */
export class StepFailure extends Error {}

export const errorMessage = (error: unknown): string => (error instanceof Error ? error.message : String(error));

export const isCancellation = (error: unknown, signal?: AbortSignal): boolean =>
  signal?.aborted === true || (error instanceof AppError && error.code === 'CANCELLED');

export class ReleaseContext {
  /** What restores the state before the open step when it fails; null when nothing is open. */
  undo: (() => Promise<void>) | null = null;
  /** Things that went wrong without changing the outcome (an old instance that would not go). */
  readonly warnings: string[] = [];
  private readonly takenIndexes = new Map<InstanceRole, Set<number>>();

  constructor(
    private readonly deps: ContextDeps,
    readonly service: string,
    readonly environment: string,
    readonly settings: EnvironmentSettings,
    readonly artifact: TargetArtifact | null,
    readonly deploymentId: number | null,
    private readonly reportTo: StrategyRun['report'],
    readonly signal: AbortSignal | undefined
  ) {}

  get runtime(): EnvironmentRuntimePort {
    return this.deps.runtime;
  }

  get target(): TargetArtifact {
    if (!this.artifact) throw new AppError('INTERNAL', 'this step needs the artifact being released');
    return this.artifact;
  }

  routeBase(sticky = this.settings.sticky, deploymentId = this.deploymentId): RouteBase {
    const publicPort = this.settings.publicPort;
    if (publicPort === null) {
      throw new AppError('ENVIRONMENT_NOT_CONFIGURED', `${this.service}/${this.environment} has no public port`, `Set one: shipdeck env set ${this.service} ${this.environment} --port N`);
    }
    return { service: this.service, environment: this.environment, publicPort, sticky, deploymentId };
  }

  report(report: StrategyReport): Promise<void> {
    return this.reportTo(report);
  }

  checkCancelled(): void {
    if (this.signal?.aborted) throw new AppError('CANCELLED', `the release of ${this.service} to ${this.environment} was stopped`);
  }

  /** Reads the real state (and remembers which instance indexes are taken, so new names never collide). */
  async read(): Promise<StateView> {
    const view = await readStateView(this.deps.runtime, this.deps.router, this.service, this.environment, this.signal);
    for (const instance of view.instances) this.takeIndex(instance.role, instance.index);
    return view;
  }

  private takeIndex(role: InstanceRole, index: number): void {
    const taken = this.takenIndexes.get(role) ?? new Set<number>();
    taken.add(index);
    this.takenIndexes.set(role, taken);
  }

  private nextIndex(role: InstanceRole): number {
    const taken = this.takenIndexes.get(role) ?? new Set<number>();
    let index = 0;
    while (taken.has(index)) index += 1;
    this.takeIndex(role, index);
    return index;
  }

  currentRoute(): Promise<RouteConfig | null> {
    return this.deps.router.current(this.service, this.environment);
  }

  async apply(route: RouteConfig): Promise<void> {
    this.checkCancelled();
    await this.deps.router.apply(route, this.signal);
  }

  /** Loads `route` unless nginx already sends the same traffic; true when it changed anything. */
  async applyIfChanged(route: RouteConfig): Promise<boolean> {
    if (sameTraffic(await this.currentRoute(), route)) return false;
    await this.apply(route);
    return true;
  }

  /** Puts `route` back when nginx no longer has it (used by undo; a failed apply leaves the old config loaded). */
  async restoreRoute(route: RouteConfig | null): Promise<void> {
    if (route === null) return;
    if (!sameTraffic(await this.currentRoute(), route)) await this.deps.router.apply(route);
  }

  /**
   * Starts `count` instances of the target in `role` beside `reuse` (already running instances of the
   * target, left by an interrupted run), and waits until all of them answer their health path. Throws
   * StepFailure after removing what it started when one never gets healthy (the message carries the
   * runtime's, with the container's last log lines).
   */
  async startHealthy(role: InstanceRole, count: number, reuse: readonly Instance[], meta: { step?: number | null; progress?: number }): Promise<Instance[]> {
    const target = this.target;
    const started: Instance[] = [];
    try {
      for (let i = 0; i < count; i += 1) {
        this.checkCancelled();
        const instance = await this.deps.runtime.startInstance(
          { service: this.service, environment: this.environment, role, index: this.nextIndex(role), imageReference: target.imageReference, digest: target.digest, deploymentId: this.deploymentId ?? 0 },
          this.signal
        );
        started.push(instance);
        await this.report({ phase: 'instance-started', detail: `started ${instance.name} (${role}, ${shortDigest(target.digest)})`, step: meta.step ?? null, data: { instance: instance.name, role } });
      }
    } catch (error) {
      if (isCancellation(error, this.signal)) throw error;
      await this.discard(started);
      throw new StepFailure(`could not start a ${role} instance of ${shortDigest(target.digest)}: ${errorMessage(error)}`);
    }

    const all = [...reuse, ...started];
    const healthOptions = { healthPath: this.settings.healthPath, timeoutMs: this.settings.healthTimeoutSeconds * 1000, signal: this.signal };
    const results = await Promise.allSettled(all.map((instance) => this.deps.runtime.waitHealthy(instance, healthOptions)));
    const failures: string[] = [];
    for (const [i, result] of results.entries()) {
      const instance = all[i] as Instance;
      if (result.status === 'fulfilled') {
        await this.report({ phase: 'instance-healthy', detail: `${instance.name} answers ${this.settings.healthPath}`, step: meta.step ?? null, data: { instance: instance.name, role }, ...(meta.progress === undefined ? {} : { progress: meta.progress }) });
      } else {
        if (isCancellation(result.reason, this.signal)) throw result.reason;
        const message = `${instance.name} never became healthy: ${errorMessage(result.reason)}`;
        failures.push(message);
        await this.report({ phase: 'instance-unhealthy', detail: message, step: meta.step ?? null, data: { instance: instance.name, role } });
      }
    }
    if (failures.length > 0) {
      await this.discard(all);
      throw new StepFailure(failures.join('\n'));
    }
    return all;
  }

  /** Every instance answers one health probe (the smoke check before a switch). */
  async smokeCheck(instances: readonly Instance[], step: number | null): Promise<void> {
    const answers = await Promise.all(instances.map((instance) => this.deps.runtime.probe(instance, this.settings.healthPath, 5_000)));
    const failing = instances.filter((_, i) => !answers[i]).map((instance) => instance.name);
    if (failing.length > 0) {
      for (const name of failing) await this.report({ phase: 'instance-unhealthy', detail: `${name} did not answer ${this.settings.healthPath} in the smoke check`, step, data: { instance: name } });
      throw new StepFailure(`the smoke check failed: ${failing.join(', ')} did not answer ${this.settings.healthPath}`);
    }
  }

  /**
   * Removes every instance of `state` not in `keep`, once the route no longer sends them anything: those
   * that had traffic when `state` was read get the drain first.
   */
  async removeLeftovers(state: StateView, keep: readonly Instance[], step: number | null = null): Promise<void> {
    const kept = new Set(keep.map((instance) => instance.id));
    const idle = new Set([...state.unrouted, ...state.stopped].map((instance) => instance.id));
    const gone = state.instances.filter((instance) => !kept.has(instance.id));
    await this.retire(gone.filter((instance) => !idle.has(instance.id)), step);
    await this.discard(gone.filter((instance) => idle.has(instance.id)));
  }

  /** Removes instances that never got traffic (no drain needed); a failure to remove is a warning. */
  async discard(instances: readonly Instance[]): Promise<void> {
    await this.removeEach(instances, null);
  }

  /**
   * Removes instances that just left the route: waits for in-flight requests first, then stops them.
   * A failure to remove one is a warning (it no longer gets traffic; the board shows it as drift).
   */
  async retire(instances: readonly Instance[], step: number | null): Promise<void> {
    if (instances.length === 0) return;
    if (this.deps.drainMs > 0) await this.deps.sleep(this.deps.drainMs, this.signal);
    await this.removeEach(instances, step);
  }

  private async removeEach(instances: readonly Instance[], step: number | null): Promise<void> {
    for (const instance of instances) {
      try {
        await this.deps.runtime.removeInstance(instance.id);
        await this.report({ phase: 'instance-removed', detail: `removed ${instance.name} (${instance.role}, ${shortDigest(instance.digest)})`, step, data: { instance: instance.name, role: instance.role } });
      } catch (error) {
        this.warnings.push(`could not remove ${instance.name}: ${errorMessage(error)}`);
      }
    }
  }
}
