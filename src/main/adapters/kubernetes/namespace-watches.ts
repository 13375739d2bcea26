/**
 * The watch part of KubernetesPort: one watch per (context, namespace) however many listeners, shared
 * and ref-counted (the last unsubscribe stops it), over Deployments and — where the cluster has the
 * CRD — Argo Rollouts; a cache of WorkloadSnapshots (not the full objects) the board reads; and each
 * watch's health.
 */
import type { KubeConfig } from '@kubernetes/client-node';
import type { WatchHealth, WorkloadEvent, WorkloadKind, WorkloadRef, WorkloadSnapshot } from '../../ports/kubernetes';
import { DEFAULT_BACKOFF, type BackoffSettings } from './watch-backoff';
import { WorkloadKindWatch } from './workload-kind-watch';

export interface NamespaceWatchesDeps {
  /** The kubeconfig for a context (null: the current context). */
  readonly openConfig: (context: string | null) => KubeConfig;
  /** Whether the context's cluster serves Argo Rollouts; absent: Deployments only. */
  readonly hasArgoRollouts?: (context: string | null) => Promise<boolean>;
  readonly now?: () => number;
  readonly backoff?: BackoffSettings;
}

export interface NamespaceWatches {
  watchNamespace(context: string | null, namespace: string, listener: (event: WorkloadEvent) => void): () => void;
  cached(ref: WorkloadRef): WorkloadSnapshot | null | undefined;
  watchHealth(): readonly WatchHealth[];
  close(): Promise<void>;
  /** Requests made by every watch so far (lists count pages): for tests and the benchmark. */
  requestCounts(): { readonly lists: number; readonly watches: number; readonly relists: number };
}

type Listener = (event: WorkloadEvent) => void;

/** One namespace's watch: a list-then-watch per kind, and its listeners. */
interface NamespaceWatch {
  readonly context: string | null;
  readonly namespace: string;
  readonly kinds: Map<WorkloadKind, WorkloadKindWatch>;
  /** One entry per subscription (the same function may subscribe twice). */
  readonly listeners: Set<{ readonly listener: Listener }>;
  stopped: boolean;
}

const keyOf = (context: string | null, namespace: string) => JSON.stringify([context, namespace]);

const STATE_ORDER: Record<WatchHealth['state'], number> = { live: 0, listing: 1, 'backing-off': 2 };

export function createNamespaceWatches(deps: NamespaceWatchesDeps): NamespaceWatches {
  const now = deps.now ?? Date.now;
  const backoff = deps.backoff ?? DEFAULT_BACKOFF;
  const watches = new Map<string, NamespaceWatch>();
  const stopping = new Set<Promise<void>>();
  const finished = { lists: 0, watches: 0, relists: 0 };

  const deliver = (watch: NamespaceWatch, event: WorkloadEvent) => {
    for (const subscription of [...watch.listeners]) {
      try {
        subscription.listener(event);
      } catch {
        // One listener's failure must not keep the event from the others, nor stop the watch.
      }
    }
  };

  const addKind = (watch: NamespaceWatch, kind: WorkloadKind, config: () => KubeConfig) => {
    const kindWatch = new WorkloadKindWatch({
      kind,
      context: watch.context,
      namespace: watch.namespace,
      config,
      backoff,
      now,
      onEvent: (event) => deliver(watch, event)
    });
    watch.kinds.set(kind, kindWatch);
    kindWatch.start();
  };

  const start = (context: string | null, namespace: string): NamespaceWatch => {
    const watch: NamespaceWatch = { context, namespace, kinds: new Map(), listeners: new Set(), stopped: false };
    // Resolved at each attempt, never here: a context not (yet) in the kubeconfig makes the watch back off with why, not throw.
    const config = (): KubeConfig => {
      const opened = deps.openConfig(context);
      if (context !== null && opened.getCurrentContext() !== context) opened.setCurrentContext(context);
      return opened;
    };
    addKind(watch, 'Deployment', config);
    if (deps.hasArgoRollouts) {
      deps.hasArgoRollouts(context).then(
        (has) => {
          if (has && !watch.stopped) addKind(watch, 'Rollout', config);
        },
        // Without an answer, Rollouts stay unwatched; cached() then says undefined for them, so callers read the API.
        () => undefined
      );
    }
    return watch;
  };

  const stop = (key: string, watch: NamespaceWatch) => {
    watch.stopped = true;
    watches.delete(key);
    for (const kind of watch.kinds.values()) {
      finished.lists += kind.counters.lists;
      finished.watches += kind.counters.watches;
      finished.relists += kind.counters.relists;
      const stopped = kind.stop();
      stopping.add(stopped);
      void stopped.finally(() => stopping.delete(stopped));
    }
  };

  return {
    watchNamespace(context, namespace, listener) {
      const key = keyOf(context, namespace);
      let watch = watches.get(key);
      if (!watch) {
        watch = start(context, namespace);
        watches.set(key, watch);
      }
      const subscription = { listener };
      watch.listeners.add(subscription);
      const subscribed = watch;
      return () => {
        subscribed.listeners.delete(subscription);
        if (subscribed.listeners.size === 0 && !subscribed.stopped) stop(key, subscribed);
      };
    },

    cached(ref) {
      return watches.get(keyOf(ref.context, ref.namespace))?.kinds.get(ref.kind)?.cached(ref.name);
    },

    watchHealth() {
      return [...watches.values()].map((watch): WatchHealth => {
        // The namespace is as healthy as its least healthy kind.
        const kinds = [...watch.kinds.values()];
        const worst = kinds.reduce((a, b) => (STATE_ORDER[b.state] > STATE_ORDER[a.state] ? b : a));
        const since = Math.max(...kinds.filter((kind) => kind.state === worst.state).map((kind) => kind.since));
        return { context: watch.context, namespace: watch.namespace, state: worst.state, problem: worst.state === 'live' ? null : worst.problem, since: new Date(since).toISOString() };
      });
    },

    async close() {
      for (const [key, watch] of [...watches]) stop(key, watch);
      await Promise.all([...stopping]);
    },

    requestCounts() {
      const counts = { ...finished };
      for (const watch of watches.values()) {
        for (const kind of watch.kinds.values()) {
          counts.lists += kind.counters.lists;
          counts.watches += kind.counters.watches;
          counts.relists += kind.counters.relists;
        }
      }
      return counts;
    }
  };
}
