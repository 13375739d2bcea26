/**
 * Keeps Prometheus told where an environment's instances are: after an instance starts or goes, the
 * environment's scrape targets are written again from what really runs, each instance with the labels
 * the analysis' queries select on — service, environment, version and role (stable → baseline, canary →
 * canary). Only environments with analysis (a Prometheus known) are written; the writes never hold up a
 * release, and one environment's writes happen in order.
 */
import type { EnvironmentRuntimePort, Instance, InstanceRole } from '../../ports/environment-runtime';
import type { ScrapeTarget, ScrapeTargetsPort } from '../../ports/metrics';

export interface ScrapeTargetSyncDeps {
  readonly runtime: EnvironmentRuntimePort;
  readonly targets: ScrapeTargetsPort;
  /** The version label of an artifact (its version, else its short digest). */
  readonly versionOf: (service: string, digest: string) => string;
  /** Whether the environment has analysis (a Prometheus known): only those are written. */
  readonly analysed: (service: string, environment: string) => boolean;
}

export interface ScrapeTargetSync {
  /** Writes the environment's targets from what runs now. */
  sync(service: string, environment: string): Promise<void>;
  /** The runtime, which syncs after each instance starts or is removed. */
  readonly runtime: EnvironmentRuntimePort;
}

/** How the analysis names an instance's side: the stable instances are the baseline. */
export const analysisRole = (role: InstanceRole): string => (role === 'stable' ? 'baseline' : role);

export function scrapeTargetsOf(instances: readonly Instance[], versionOf: (digest: string) => string): ScrapeTarget[] {
  return instances
    .filter((instance) => instance.state === 'running' && instance.hostPort !== null)
    .map((instance) => ({
      address: `127.0.0.1:${instance.hostPort ?? 0}`,
      labels: {
        service: instance.service,
        environment: instance.environment,
        version: versionOf(instance.digest),
        role: analysisRole(instance.role),
        container: instance.name
      }
    }));
}

export function createScrapeTargetSync(deps: ScrapeTargetSyncDeps): ScrapeTargetSync {
  const { runtime } = deps;
  // Which environment an instance belongs to, for its removal (which names only the container).
  const known = new Map<string, { readonly service: string; readonly environment: string }>();
  const chains = new Map<string, Promise<void>>();

  const write = async (service: string, environment: string): Promise<void> => {
    const instances = await runtime.listInstances(service, environment);
    for (const instance of instances) known.set(instance.id, { service, environment });
    await deps.targets.write(service, environment, scrapeTargetsOf(instances, (digest) => deps.versionOf(service, digest)));
  };

  const sync = (service: string, environment: string): Promise<void> => {
    if (!deps.analysed(service, environment)) return Promise.resolve();
    const key = `${service}\u0000${environment}`;
    const next = (chains.get(key) ?? Promise.resolve()).then(() => write(service, environment));
    const settled = next.catch(() => undefined);
    chains.set(key, settled);
    void settled.then(() => {
      if (chains.get(key) === settled) chains.delete(key);
    });
    return next;
  };

  const later = (service: string, environment: string): void =>
    void sync(service, environment).catch((error: unknown) => console.warn(`[shipdeck] the scrape targets of ${service}/${environment} could not be written:`, error));

  return {
    sync,
    runtime: {
      ping: (signal) => runtime.ping(signal),
      imageExists: (reference, signal) => runtime.imageExists(reference, signal),
      imageConfig: (reference) => runtime.imageConfig(reference),
      async startInstance(spec, signal) {
        const instance = await runtime.startInstance(spec, signal);
        known.set(instance.id, { service: instance.service, environment: instance.environment });
        later(instance.service, instance.environment);
        return instance;
      },
      waitHealthy: (instance, options) => runtime.waitHealthy(instance, options),
      probe: (instance, path, timeoutMs) => runtime.probe(instance, path, timeoutMs),
      async removeInstance(id, graceSeconds) {
        await runtime.removeInstance(id, graceSeconds);
        const where = known.get(id);
        known.delete(id);
        if (where) later(where.service, where.environment);
      },
      async listInstances(service, environment, signal) {
        const instances = await runtime.listInstances(service, environment, signal);
        for (const instance of instances) known.set(instance.id, { service: instance.service, environment: instance.environment });
        return instances;
      },
      lastLogLines: (id, count) => runtime.lastLogLines(id, count)
    }
  };
}
