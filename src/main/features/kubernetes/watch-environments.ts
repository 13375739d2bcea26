/**
 * Keeps one watch per (context, namespace) that a kubernetes environment releases to, and turns each
 * change of one of its workloads (the Deployment, its -blue/-green/-canary siblings, the Rollout) into a
 * `kubernetes.changed` hint: the board refetches that moment, nothing polls. Follows the workspace: an
 * environment added, re-pointed or removed changes the watches at once.
 */
import type { Environment } from '../../../shared/domain/workspace';
import type { EventPort } from '../../ports/events';
import type { KubernetesPort, WorkloadEvent } from '../../ports/kubernetes';
import type { WorkspaceReads } from '../../ports/store';

interface Watched {
  readonly service: string;
  readonly environment: string;
  readonly names: ReadonlySet<string>;
}

const SIBLINGS = ['blue', 'green', 'canary'] as const;

const keyOf = (context: string | null, namespace: string): string => `${context ?? ''}\u0000${namespace}`;

function workloadNames(environment: Environment): Set<string> {
  const target = environment.settings.kubernetes;
  if (target === null) return new Set();
  const names = new Set([target.deployment, ...SIBLINGS.map((suffix) => `${target.deployment}-${suffix}`)]);
  if (target.rollout !== null) names.add(target.rollout);
  return names;
}

export interface EnvironmentWatches {
  /** Reads the workspace again and starts or stops watches to match. */
  refresh(): void;
  close(): void;
}

const WORKSPACE_REREAD_MS = 10_000;

export function watchKubernetesEnvironments(deps: {
  readonly kube: KubernetesPort;
  readonly workspace: Pick<WorkspaceReads, 'listServices'>;
  readonly events: EventPort;
  readonly rereadMs?: number;
}): EnvironmentWatches {
  const subscriptions = new Map<string, () => void>();
  let byNamespace = new Map<string, Watched[]>();
  const lifetime = new AbortController();

  const onChange = (key: string) => (event: WorkloadEvent) => {
    for (const watched of byNamespace.get(key) ?? []) {
      if (watched.names.has(event.snapshot.ref.name)) deps.events.emit('kubernetes.changed', { service: watched.service, environment: watched.environment });
    }
  };

  function refresh(): void {
    if (lifetime.signal.aborted) return;
    const next = new Map<string, Watched[]>();
    const where = new Map<string, { context: string | null; namespace: string }>();
    for (const service of deps.workspace.listServices()) {
      for (const environment of service.environments) {
        const target = environment.settings.kubernetes;
        if (environment.targetKind !== 'kubernetes' || target === null) continue;
        const key = keyOf(target.context, target.namespace);
        where.set(key, { context: target.context, namespace: target.namespace });
        next.set(key, [...(next.get(key) ?? []), { service: service.name, environment: environment.name, names: workloadNames(environment) }]);
      }
    }
    byNamespace = next;
    for (const [key, unsubscribe] of subscriptions) {
      if (!next.has(key)) {
        unsubscribe();
        subscriptions.delete(key);
      }
    }
    for (const [key, { context, namespace }] of where) {
      if (!subscriptions.has(key)) subscriptions.set(key, deps.kube.watchNamespace(context, namespace, onChange(key)));
    }
  }

  deps.events.on('workspace.changed', refresh, lifetime.signal);
  // Another process (the CLI) may point an environment at a cluster without an event here: the workspace
  // (local SQLite, not the cluster) is read again now and then.
  const rereading = setInterval(refresh, deps.rereadMs ?? WORKSPACE_REREAD_MS);
  rereading.unref();
  lifetime.signal.addEventListener('abort', () => clearInterval(rereading), { once: true });
  // An environment re-pointed with `env set` emits releases.changed too.
  deps.events.on('releases.changed', (change) => (change.deploymentId === null ? refresh() : undefined), lifetime.signal);
  refresh();

  return {
    refresh,
    close() {
      lifetime.abort();
      for (const unsubscribe of subscriptions.values()) unsubscribe();
      subscriptions.clear();
    }
  };
}
