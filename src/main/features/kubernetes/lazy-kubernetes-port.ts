/**
 * The Kubernetes port, loaded on first use: @kubernetes/client-node takes ~0.4 s to import, which a
 * core without kubernetes environments (and every short CLI command) should not pay. Async methods wait
 * for the load; the synchronous ones answer as "not watched yet" until it is done (`cached` undefined,
 * `watchHealth` empty), and a watch asked for before then starts once it is.
 */
import { lazyPort } from '../../lazy-port';
import type { KubernetesPort, WatchHealth } from '../../ports/kubernetes';

export interface LazyKubernetesPort extends KubernetesPort {
  /** Loads the adapter (once) and resolves with it. */
  ready(): Promise<KubernetesPort>;
}

type AsyncKeys = {
  [K in keyof KubernetesPort]: KubernetesPort[K] extends (...args: never[]) => Promise<unknown> ? K : never;
}[keyof KubernetesPort];

const ASYNC_METHODS: { readonly [K in AsyncKeys]: true } = {
  hasArgoRollouts: true,
  getWorkload: true,
  setImage: true,
  followRollout: true,
  revisions: true,
  undo: true,
  pause: true,
  resume: true,
  restart: true,
  scale: true,
  applySibling: true,
  deleteWorkload: true,
  getService: true,
  setServiceSelector: true,
  promoteRollout: true,
  abortRollout: true,
  retryRollout: true,
  analysisRuns: true,
  close: true
};

export function lazyKubernetesPort(load: () => Promise<KubernetesPort>): LazyKubernetesPort {
  let loaded: KubernetesPort | null = null;
  let loading: Promise<KubernetesPort> | null = null;
  let closed = false;
  const ready = (): Promise<KubernetesPort> => {
    if (loading === null) {
      const attempt = load().then((port) => (loaded = port));
      loading = attempt;
      // A failed load (a broken install) is tried again by the next call.
      attempt.catch(() => {
        if (loading === attempt) loading = null;
      });
    }
    return loading;
  };
  // The async methods wait for the load (the project's lazyPort); close never loads the client to close it.
  const asyncMethods = lazyPort<Pick<KubernetesPort, AsyncKeys>>(ready, ASYNC_METHODS);
  const close = async (): Promise<void> => {
    closed = true;
    await loaded?.close();
  };
  return {
    ...asyncMethods,
    close,
    ready,
    kubeconfig: () => (loaded ? loaded.kubeconfig() : { sources: [], currentContext: null, contexts: [], problem: 'The Kubernetes client is still loading; ask again in a moment.' }),
    cached: (ref) => loaded?.cached(ref),
    watchHealth: (): readonly WatchHealth[] => loaded?.watchHealth() ?? [],
    watchNamespace(context, namespace, listener) {
      if (loaded) return loaded.watchNamespace(context, namespace, listener);
      let unsubscribe: (() => void) | null = null;
      let cancelled = false;
      ready()
        .then((port) => {
          if (!cancelled && !closed) unsubscribe = port.watchNamespace(context, namespace, listener);
        })
        // A load that failed, or a watch that could not start: said, never an unhandled rejection in the core.
        .catch((error: unknown) => console.error('[shipdeck] the Kubernetes watch could not start:', error));
      return () => {
        cancelled = true;
        unsubscribe?.();
      };
    }
  };
}
