/**
 * STUB — replaced by the namespace-watch helper's implementation (one watch per context and namespace,
 * a cache the board reads). Kept only so the adapter composes; its file wins in the merge.
 */
import type { KubeConfig } from '@kubernetes/client-node';
import type { KubernetesPort } from '../../ports/kubernetes';

export interface NamespaceWatches {
  readonly watchNamespace: KubernetesPort['watchNamespace'];
  readonly cached: KubernetesPort['cached'];
  readonly watchHealth: KubernetesPort['watchHealth'];
  readonly close: KubernetesPort['close'];
}

export function createNamespaceWatches(deps: { openConfig: (context: string | null) => KubeConfig; now?: () => number }): NamespaceWatches {
  void deps;
  return {
    watchNamespace: () => () => undefined,
    cached: () => undefined,
    watchHealth: () => [],
    close: () => Promise.resolve()
  };
}
