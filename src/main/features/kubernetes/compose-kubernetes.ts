/**
 * Builds the kubernetes feature: the port (loaded on first use), the watches that keep kubernetes
 * environments' board cells live (long-lived cores only: a CLI command reads what it needs once), and
 * the calls.
 */
import type { KubernetesOverview } from '../../../shared/contract/kubernetes';
import type { EventPort } from '../../ports/events';
import type { KubernetesPort } from '../../ports/kubernetes';
import type { ReleaseStore } from '../../ports/store';
import { createKubernetesHandlers } from './handlers';
import { lazyKubernetesPort } from './lazy-kubernetes-port';
import { watchKubernetesEnvironments } from './watch-environments';

export interface KubernetesFeatureDeps {
  readonly store: ReleaseStore;
  readonly events: EventPort;
  readonly actor: string;
  readonly load: () => Promise<KubernetesPort>;
  /** Whether environments are watched (long-lived cores); a CLI core does not. */
  readonly watch: boolean;
  readonly emulator?: () => KubernetesOverview['emulator'];
}

export function composeKubernetes(deps: KubernetesFeatureDeps) {
  const kube = lazyKubernetesPort(deps.load);
  const hasKubernetesEnvironment = () => deps.store.workspace.listServices().some((service) => service.environments.some((environment) => environment.targetKind === 'kubernetes'));
  // The watches load the client only once there is something to watch.
  const watches = deps.watch ? watchKubernetesEnvironments({ kube, workspace: deps.store.workspace, events: deps.events }) : null;
  if (deps.watch && hasKubernetesEnvironment()) void kube.ready().catch(() => undefined);
  const handlers = createKubernetesHandlers({ kube, store: deps.store, events: deps.events, actor: deps.actor, emulator: deps.emulator ?? (() => null) });
  return {
    kube,
    handlers,
    async close() {
      watches?.close();
      await kube.close();
    }
  };
}
