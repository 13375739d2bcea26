/**
 * The strategy runner of `docker` environments: instances on a Docker engine (EnvironmentRuntimePort)
 * behind nginx (TrafficRouterPort). Each run reads the real state and moves it to the target; a step
 * that fails is undone (traffic back on what served before it) and reported; a cancelled run (the
 * signal, or a gate that rejects CANCELLED) leaves the state as it is, for the next run to continue.
 */
import { DEFAULT_ENVIRONMENT_SETTINGS, type ReleaseStrategy } from '../../../../shared/domain/environment-settings';
import { AppError } from '../../../../shared/result';
import type { EnvironmentRuntimePort } from '../../../ports/environment-runtime';
import type { TrafficRouterPort } from '../../../ports/traffic-router';
import { abortCanaryToStable, runCanary } from './canary';
import { removeIdleColour, runBlueGreen, switchBackToIdle } from './blue-green';
import { environmentState, readStateView } from './read-state';
import { errorMessage, isCancellation, ReleaseContext, type ContextDeps, type Sleep } from './release-context';
import { runRolling } from './rolling';
import { runShadow } from './shadow';
import type { StrategyOutcome, StrategyRun, StrategyRunner } from './strategy';
import { sleepFor } from './sleep';

export interface DockerStrategyRunnerDeps {
  readonly runtime: EnvironmentRuntimePort;
  readonly router: TrafficRouterPort;
  /** Waits between a route change and stopping the instances it dropped (tests pass an instant one). */
  readonly sleep?: Sleep;
  /** In-flight requests' time to finish after nginx reloaded, before dropped instances stop; 1.5 s by default. */
  readonly drainMs?: number;
}

const DEFAULT_DRAIN_MS = 1_500;


const noReport: StrategyRun['report'] = async () => undefined;

export function createDockerStrategyRunner(deps: DockerStrategyRunnerDeps): StrategyRunner {
  const contextDeps: ContextDeps = { runtime: deps.runtime, router: deps.router, sleep: deps.sleep ?? sleepFor, drainMs: deps.drainMs ?? DEFAULT_DRAIN_MS };

  const strategyOf = (strategy: ReleaseStrategy, ctx: ReleaseContext, run: StrategyRun): Promise<StrategyOutcome> => {
    switch (strategy) {
      case 'rolling':
        return runRolling(ctx);
      case 'blue-green':
        return runBlueGreen(ctx);
      case 'canary':
        return runCanary(ctx, run.gate);
      case 'shadow':
        return runShadow(ctx, run.gate);
    }
  };

  const withWarnings = (detail: string, ctx: ReleaseContext): string => (ctx.warnings.length > 0 ? `${detail} (${ctx.warnings.join('; ')})` : detail);

  return {
    async run(run) {
      if (run.settings.publicPort === null) {
        throw new AppError('ENVIRONMENT_NOT_CONFIGURED', `${run.service}/${run.environment} has no public port`, `Set one: shipdeck env set ${run.service} ${run.environment} --port N`);
      }
      const ctx = new ReleaseContext(contextDeps, run.service, run.environment, run.settings, run.artifact, run.deploymentId, (report) => run.report(report), run.signal);
      try {
        ctx.checkCancelled();
        const outcome = await strategyOf(run.strategy, ctx, run);
        const detail = withWarnings(outcome.detail, ctx);
        await run.report({ phase: outcome.kind === 'aborted' ? 'aborted' : 'completed', detail, progress: 1 });
        return { ...outcome, detail };
      } catch (error) {
        if (isCancellation(error, run.signal)) throw error;
        let detail = errorMessage(error);
        let restored = true;
        if (ctx.undo) {
          try {
            await ctx.undo();
          } catch (undoError) {
            restored = false;
            detail += `\nTraffic could not be put back on what served before: ${errorMessage(undoError)}`;
          }
        }
        detail = withWarnings(detail, ctx);
        await run.report({ phase: 'failed', detail, data: { restored } });
        return { kind: 'failed', detail, restored };
      }
    },

    async fastRollback(service, environment, settings, digest, report) {
      const ctx = new ReleaseContext(contextDeps, service, environment, settings, null, null, report, undefined);
      const state = await ctx.read();
      if (await switchBackToIdle(ctx, state, digest, settings)) return true;
      return abortCanaryToStable(ctx, state, digest);
    },

    async readState(service, environment, signal) {
      return environmentState(await readStateView(deps.runtime, deps.router, service, environment, signal));
    },

    async removeIdle(service, environment) {
      const route = await deps.router.current(service, environment);
      if (!route) return;
      const ctx = new ReleaseContext(contextDeps, service, environment, DEFAULT_ENVIRONMENT_SETTINGS, null, route.deploymentId, noReport, undefined);
      await removeIdleColour(ctx);
    }
  };
}
