/**
 * What a person does to a `kubernetes` environment's workload outside a release, with kubectl's meaning:
 * roll back to revision N (`kubectl rollout undo --to-revision`, followed until done), pause, resume,
 * restart. The workload is the Argo Rollout when the target names one, else the colour the Service
 * selects (blue-green), else the Deployment.
 */
import { DEFAULT_ENVIRONMENT_SETTINGS, type EnvironmentSettings } from '../../../../../shared/domain/environment-settings';
import type { KubernetesTarget } from '../../../../../shared/domain/kubernetes';
import type { KubernetesPort, WorkloadRef } from '../../../../ports/kubernetes';
import type { StrategyOutcome, StrategyRun } from '../strategy';
import { COLOUR_LABEL, errorMessage, KubeRelease } from './kube-release';

export interface KubeOperations {
  /** `kubectl rollout undo --to-revision=N` (0: the previous one), followed until the workload runs it. */
  undoTo(service: string, environment: string, revision: number, report: StrategyRun['report'], options?: { readonly signal?: AbortSignal; readonly settings?: EnvironmentSettings }): Promise<StrategyOutcome>;
  pause(service: string, environment: string): Promise<void>;
  resume(service: string, environment: string): Promise<void>;
  restart(service: string, environment: string): Promise<void>;
}

/** The workload a person means by the environment's: the Rollout, the live colour, or the Deployment. */
export async function mainWorkload(kube: KubernetesPort, target: KubernetesTarget, signal?: AbortSignal): Promise<WorkloadRef> {
  const ref = (name: string, kind: WorkloadRef['kind'] = 'Deployment'): WorkloadRef => ({ context: target.context, namespace: target.namespace, kind, name });
  if (target.rollout !== null) return ref(target.rollout, 'Rollout');
  const service = await kube.getService(target.context, target.namespace, target.serviceName ?? target.deployment, signal);
  const colour = service?.selector[COLOUR_LABEL];
  if (colour === 'blue' || colour === 'green') {
    const live = ref(`${target.deployment}-${colour}`);
    if (await kube.getWorkload(live, signal)) return live;
  }
  return ref(target.deployment);
}

export function kubeOperations(kube: KubernetesPort, targetOf: (service: string, environment: string) => KubernetesTarget, now: () => number): KubeOperations {
  return {
    async undoTo(service, environment, revision, report, options = {}) {
      const target = targetOf(service, environment);
      const settings = { ...(options.settings ?? DEFAULT_ENVIRONMENT_SETTINGS), kubernetes: target };
      const ctx = new KubeRelease(kube, target, settings, null, null, `shipdeck: roll back to revision ${revision}`, report, options.signal, now);
      const ref = await mainWorkload(kube, target, options.signal);
      const what = `${ref.kind.toLowerCase()} ${ref.name}`;
      try {
        await ctx.report({ phase: 'instance-started', detail: `kubectl rollout undo ${what}${revision > 0 ? ` --to-revision=${revision}` : ''}`, progress: 0.05 });
        const result = await kube.undo(ref, revision, ctx.changeCause, options.signal);
        if (result.unchanged) {
          const detail = `${what} already runs revision ${result.toRevision}: nothing changed`;
          await ctx.report({ phase: 'completed', detail, progress: 1 });
          return { kind: 'succeeded', detail };
        }
        await ctx.followToEnd(ref, { step: null, progress: [0.1, 0.95], weighted: true });
        const detail = `${what} runs revision ${result.toRevision}'s template again`;
        await ctx.report({ phase: 'completed', detail, progress: 1 });
        return { kind: 'succeeded', detail };
      } catch (error) {
        const detail = `rolling ${what} back to revision ${revision} did not finish: ${errorMessage(error)}`;
        await ctx.report({ phase: 'failed', detail, data: { restored: false } });
        return { kind: 'failed', detail, restored: false };
      }
    },
    async pause(service, environment) {
      const target = targetOf(service, environment);
      await kube.pause(await mainWorkload(kube, target), undefined);
    },
    async resume(service, environment) {
      const target = targetOf(service, environment);
      await kube.resume(await mainWorkload(kube, target), undefined);
    },
    async restart(service, environment) {
      const target = targetOf(service, environment);
      await kube.restart(await mainWorkload(kube, target), undefined);
    }
  };
}
