/**
 * KubernetesPort over @kubernetes/client-node: the kubeconfig as kubectl reads it, one KubeApi per call's
 * context, the workload operations, and the namespace watches (./namespace-watches).
 */
import type { KubernetesPort, WorkloadRef } from '../../ports/kubernetes';
import { abortRollout, analysisRuns, hasArgoRollouts, promoteRollout, retryRollout } from './argo-rollouts';
import { followRollout } from './follow-rollout';
import { KubeApi } from './kube-api';
import { createKubeconfigSource, type KubeconfigSource } from './kubeconfig';
import { createNamespaceWatches } from './namespace-watches';
import { revisions, undo } from './revisions';
import { PatchStrategy } from './kube-api';
import { applySibling } from './sibling-deployment';
import { deleteWorkload, getWorkload, restart, scale, setImage, setPaused } from './workload-client';

export interface KubernetesAdapterOptions {
  readonly env?: NodeJS.ProcessEnv;
  readonly homeDir?: string;
  /** Kubeconfig files read after the user's (first wins, as kubectl merges), e.g. the demo's emulator; asked on every call. */
  readonly extraKubeconfigs?: () => readonly string[];
}

function apiFor(source: KubeconfigSource, context: string | null): KubeApi {
  const config = source.openConfig(context);
  return new KubeApi(config, source.describe(context));
}

export function createKubernetesAdapter(options: KubernetesAdapterOptions = {}): KubernetesPort {
  const source = createKubeconfigSource({
    ...(options.env ? { env: options.env } : {}),
    ...(options.homeDir !== undefined ? { homeDir: options.homeDir } : {}),
    ...(options.extraKubeconfigs ? { extraFiles: options.extraKubeconfigs } : {})
  });
  // Rollouts are watched where the CRD exists (asked through the adapter, whose answer is cached).
  const watches = createNamespaceWatches({ openConfig: (context) => source.openConfig(context), hasArgoRollouts: (context) => adapter.hasArgoRollouts(context) });
  /** Per resolved context name and server: whether the Rollouts CRD exists (it rarely changes). */
  const argoPresence = new Map<string, boolean>();
  const api = (ref: Pick<WorkloadRef, 'context'>): KubeApi => apiFor(source, ref.context);

  const adapter: KubernetesPort = {
    kubeconfig: () => source.view(),
    async hasArgoRollouts(context, signal) {
      const client = apiFor(source, context);
      const key = `${client.scene.context}\n${client.scene.server}`;
      const known = argoPresence.get(key);
      if (known !== undefined) return known;
      const present = await hasArgoRollouts(client, signal);
      argoPresence.set(key, present);
      return present;
    },
    getWorkload: async (ref, signal) => getWorkload(api(ref), ref, signal),
    setImage: async (ref, change, signal) => setImage(api(ref), ref, change, signal),
    followRollout: async (ref, followOptions) => followRollout(api(ref), ref, followOptions),
    revisions: async (ref, signal) => revisions(api(ref), ref, signal),
    undo: async (ref, toRevision, changeCause, signal) => undo(api(ref), ref, toRevision, changeCause, signal),
    pause: async (ref, signal) => setPaused(api(ref), ref, true, signal),
    resume: async (ref, signal) => setPaused(api(ref), ref, false, signal),
    restart: async (ref, signal) => restart(api(ref), ref, new Date(), signal),
    scale: async (ref, replicas, signal) => scale(api(ref), ref, replicas, signal),
    applySibling: async (sibling, signal) => applySibling(api(sibling.from), sibling, signal),
    deleteWorkload: async (ref, signal) => deleteWorkload(api(ref), ref, signal),
    async getService(context, namespace, name, signal) {
      const selector = await apiFor(source, context).getServiceSelector(namespace, name, signal);
      return selector === null ? null : { name, selector };
    },
    async setServiceSelector(context, namespace, name, selector, signal) {
      // A JSON patch replaces the whole map; a merge patch would keep keys not named.
      await apiFor(source, context).patchService(namespace, name, [{ op: 'add', path: '/spec/selector', value: selector }], PatchStrategy.JsonPatch, signal);
    },
    promoteRollout: async (ref, full, signal) => promoteRollout(api(ref), ref, full, signal),
    abortRollout: async (ref, signal) => abortRollout(api(ref), ref, signal),
    retryRollout: async (ref, signal) => retryRollout(api(ref), ref, signal),
    analysisRuns: async (ref, signal) => analysisRuns(api(ref), ref, signal),
    watchNamespace: (context, namespace, listener) => watches.watchNamespace(context, namespace, listener),
    cached: (ref) => watches.cached(ref),
    watchHealth: () => watches.watchHealth(),
    close: () => watches.close()
  };
  return adapter;
}
