/**
 * The strategy runner of `kubernetes` environments, written against KubernetesPort only: rolling is the
 * Deployment's own rolling update, blue-green two colour Deployments behind a Service's selector, canary a
 * canary Deployment beside stable (or an Argo Rollout's steps when the target names one). Each run reads
 * the cluster first and moves it to the target; a step that fails is undone and reported; a cancelled run
 * stops following and says whether traffic is still on what served before.
 */
import { DEFAULT_ENVIRONMENT_SETTINGS, type EnvironmentSettings } from '../../../../../shared/domain/environment-settings';
import type { KubernetesTarget } from '../../../../../shared/domain/kubernetes';
import type { StrategyOutcome, StrategyRun, StrategyRunner } from '../strategy';
import { abortCanaryToStable, runKubeCanary } from './canary';
import { removeIdleColour, runKubeBlueGreen, switchBackToIdle } from './blue-green';
import { changeCauseFor, errorMessage, isCancellation, KubeRelease, shortDigest, type KubeRunnerDeps } from './kube-release';
import { readKubeState } from './kube-state';
import { kubeOperations, type KubeOperations } from './kube-operations';
import { abortRolloutToStable, runRolloutCanary } from './rollout-canary';
import { runKubeRolling } from './rolling';
import { undoToDigest } from './undo-to-digest';

export type { KubeRunnerDeps } from './kube-release';
export type KubernetesStrategyRunner = StrategyRunner & KubeOperations;

const noReport: StrategyRun['report'] = async () => undefined;

export function createKubernetesStrategyRunner(deps: KubeRunnerDeps): KubernetesStrategyRunner {
  const now = deps.now ?? Date.now;
  const targetOf = (service: string, environment: string, settings?: EnvironmentSettings): KubernetesTarget => settings?.kubernetes ?? deps.targetOf(service, environment);
  const contextFor = (service: string, environment: string, settings: EnvironmentSettings, report: StrategyRun['report'], run?: StrategyRun): KubeRelease => {
    const changeCause = run ? changeCauseFor(run.deploymentId, run.artifact.digest, deps.describeRelease?.(run.deploymentId) ?? null) : `shipdeck: rollback of ${service}/${environment}`;
    const ctx = new KubeRelease(deps.kube, targetOf(service, environment, settings), settings, run?.artifact ?? null, run?.deploymentId ?? null, changeCause, report, run?.signal, now);
    if (deps.sleep) ctx.sleep = deps.sleep;
    return ctx;
  };

  const strategyOf = (ctx: KubeRelease, run: StrategyRun): Promise<StrategyOutcome> => {
    if (run.strategy === 'canary') return ctx.target.rollout !== null ? runRolloutCanary(ctx, ctx.target.rollout, run.gate) : runKubeCanary(ctx, run.gate);
    if (run.strategy === 'blue-green') return runKubeBlueGreen(ctx);
    return runKubeRolling(ctx);
  };

  const withWarnings = (detail: string, ctx: KubeRelease): string => (ctx.warnings.length > 0 ? `${detail} (${ctx.warnings.join('; ')})` : detail);

  async function failed(ctx: KubeRelease, run: StrategyRun, error: unknown): Promise<StrategyOutcome> {
    const open = ctx.open;
    let detail = errorMessage(error);
    let restored = open === null || !open.trafficMoved;
    if (isCancellation(error, run.signal)) {
      // Stopped: no more writes. The cluster goes on with what was written.
      detail = `the release was stopped (${detail}); ${restored ? 'traffic stays on what served before' : `${shortDigest(run.artifact.digest)} may already get traffic, as written so far`}`;
    } else if (open) {
      await run.report({ phase: 'instance-unhealthy', detail: `${detail}: putting back what served before` });
      try {
        await open.undo();
        restored = true;
      } catch (undoError) {
        if (open.trafficMoved) detail += `\nTraffic could not be put back on what served before: ${errorMessage(undoError)}`;
        else ctx.warnings.push(`cleaning up failed: ${errorMessage(undoError)}`);
      }
    }
    detail = withWarnings(detail, ctx);
    await run.report({ phase: 'failed', detail, data: { restored } });
    return { kind: 'failed', detail, restored };
  }

  return {
    async run(run) {
      const ctx = contextFor(run.service, run.environment, run.settings, (report) => run.report(report), run);
      try {
        ctx.checkCancelled();
        const outcome = await strategyOf(ctx, run);
        const detail = withWarnings(outcome.detail, ctx);
        await run.report({ phase: outcome.kind === 'aborted' ? 'aborted' : 'completed', detail, progress: 1 });
        return { ...outcome, detail };
      } catch (error) {
        return failed(ctx, run, error);
      }
    },

    async fastRollback(service, environment, settings, digest, report) {
      const ctx = contextFor(service, environment, settings, report);
      if (ctx.target.rollout !== null) return abortRolloutToStable(ctx, ctx.target.rollout, digest);
      const rolling = settings.strategy !== 'blue-green' && settings.strategy !== 'canary';
      // Rolling: kubectl rollout undo to the revision that ran it, while a ReplicaSet keeps it — first, the
      // one thing between the click and the template restored. Else (and for the other strategies) what
      // the state allows: switch back to the idle colour, abort a canary; false and the orchestrator sets
      // the image back.
      if (rolling && (await undoToDigest(ctx, digest))) return true;
      if (await switchBackToIdle(ctx, digest)) return true;
      return abortCanaryToStable(ctx, digest);
    },

    readState(service, environment, signal) {
      return readKubeState(deps.kube, targetOf(service, environment), service, environment, signal);
    },

    async removeIdle(service, environment) {
      const ctx = contextFor(service, environment, { ...DEFAULT_ENVIRONMENT_SETTINGS, kubernetes: targetOf(service, environment) }, noReport);
      await removeIdleColour(ctx);
    },

    ...kubeOperations(deps.kube, (service, environment) => targetOf(service, environment), now)
  };
}
