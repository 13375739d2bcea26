/**
 * The kubernetes feature's calls: the kubeconfig and watches for Settings, a workload's revisions joined
 * with the records, pause / resume / restart (audited), an Argo Rollout's AnalysisRuns; and the
 * `kubernetes.changes` hint fed by the watches.
 */
import type { KubernetesOverview, kubernetesContract } from '../../../shared/contract/kubernetes';
import type { KubernetesTarget } from '../../../shared/domain/kubernetes';
import type { Release } from '../../../shared/domain/releases';
import type { Environment } from '../../../shared/domain/workspace';
import { AppError } from '../../../shared/result';
import type { CallNamesOf, FeatureHandlers, StreamNamesOf } from '../../api/handlers';
import { feed } from '../../event-bus';
import type { EventPort } from '../../ports/events';
import type { KubernetesPort } from '../../ports/kubernetes';
import type { ReleaseStore } from '../../ports/store';
import { mainRef } from '../releases/kubernetes/kube-environment';
import { mainWorkload } from '../releases/strategies/kubernetes/kube-operations';
import { findServiceOrThrow } from '../releases/release-targets';
import { joinRevisions } from './revision-history';

type KubernetesHandlers = FeatureHandlers<CallNamesOf<typeof kubernetesContract>, StreamNamesOf<typeof kubernetesContract>>;

export interface KubernetesHandlerDeps {
  /** `ready` loads a lazily loaded port, so the kubeconfig can be read at once. */
  readonly kube: KubernetesPort & { readonly ready?: () => Promise<unknown> };
  readonly store: Pick<ReleaseStore, 'workspace' | 'releases' | 'audit' | 'artifacts'>;
  readonly events: EventPort;
  readonly actor: string;
  /** The demo's emulator, when this Shipdeck started one. */
  readonly emulator: () => KubernetesOverview['emulator'];
}

const HISTORY_LIMIT = 500;
const DONE = { pause: 'paused', resume: 'resumed', restart: 'restarted' } as const;

export function createKubernetesHandlers(deps: KubernetesHandlerDeps): KubernetesHandlers {
  const { kube, store } = deps;

  function kubeEnvironment(serviceName: string, environmentName: string): { environment: Environment; target: KubernetesTarget } {
    const service = findServiceOrThrow(store.workspace, serviceName);
    const environment = service.environments.find((candidate) => candidate.name === environmentName);
    if (!environment) throw new AppError('NOT_FOUND', `${service.name} has no environment named "${environmentName}".`, `See its environments: shipdeck status ${service.name}`);
    const target = environment.settings.kubernetes;
    if (environment.targetKind !== 'kubernetes' || target === null) {
      throw new AppError(
        'ENVIRONMENT_NOT_CONFIGURED',
        `${service.name}/${environment.name} is not a Kubernetes environment (it targets ${environment.targetKind}).`,
        `Point it at a workload: shipdeck env set ${service.name} ${environment.name} --target kubernetes --namespace N --deployment D`
      );
    }
    return { environment, target };
  }

  /** The workload a person means: blue-green's live colour (its base Deployment is at 0 after the first switch), else the Deployment or Rollout. */
  const workloadOf = (environment: Environment, target: KubernetesTarget, signal: AbortSignal) =>
    environment.settings.strategy === 'blue-green' && target.rollout === null ? mainWorkload(kube, target, signal) : Promise.resolve(mainRef(target));

  return {
    calls: {
      'kubernetes.overview': async () => {
        await kube.ready?.();
        return { kubeconfig: kube.kubeconfig(), watches: kube.watchHealth(), emulator: deps.emulator() };
      },
      'kubernetes.revisions': async ({ service, environment }, { signal }) => {
        const { environment: env, target } = kubeEnvironment(service, environment);
        const ref = await workloadOf(env, target, signal);
        const [snapshot, replicaSets] = await Promise.all([kube.getWorkload(ref, signal), kube.revisions(ref, signal)]);
        const releases: Release[] = [...store.releases.listReleases(service, environment, { limit: HISTORY_LIMIT }).items];
        // A revision Shipdeck did not release (kubectl, another tool) still gets its version when its digest is a known artifact.
        return joinRevisions(replicaSets, releases, snapshot?.revision ?? null).map((revision) => {
          if (revision.version !== null || revision.digest === null) return revision;
          const digest = revision.digest;
          const artifact = store.artifacts.searchArtifacts({ service, search: digest, status: 'all', sort: 'newest', limit: 5 }).items.find((item) => item.digest === digest);
          return artifact ? { ...revision, version: artifact.version } : revision;
        });
      },
      'kubernetes.control': async ({ service, environment, action }, { signal }) => {
        const { environment: env, target } = kubeEnvironment(service, environment);
        const ref = await workloadOf(env, target, signal);
        if (action === 'pause') await kube.pause(ref, signal);
        // A Rollout waits at a pause step in its status, not in spec.paused: resuming it is the plugin's promote (which clears both).
        else if (action === 'resume') await (ref.kind === 'Rollout' ? kube.promoteRollout(ref, false, signal) : kube.resume(ref, signal));
        else await kube.restart(ref, signal);
        await store.audit.append({
          actor: deps.actor,
          action: `workload.${DONE[action]}`,
          subject: `service:${service}`,
          details: { environment, kind: ref.kind, namespace: ref.namespace, name: ref.name, context: ref.context }
        });
        deps.events.emit('kubernetes.changed', { service, environment });
        return { service, environment, action };
      },
      'kubernetes.analysisRuns': ({ service, environment }, { signal }) => {
        const { target } = kubeEnvironment(service, environment);
        if (target.rollout === null) return Promise.resolve([]);
        return kube.analysisRuns(mainRef(target), signal);
      }
    },
    streams: {
      'kubernetes.changes': (_input, sink, { signal }) => feed(deps.events, 'kubernetes.changed', (change) => sink.push(change), signal)
    }
  };
}
