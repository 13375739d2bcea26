/**
 * Canary: the new version beside the stable one, its share of the traffic raised step by step
 * (`canarySteps`, e.g. 5 → 25 → 50 → 100), with a gate after each step below 100 where a person, the pause
 * timer or an analysis decides. Abort sends all traffic back to stable and removes the canary. At 100 the
 * canary is promoted: a full set of stable instances of the new version starts, becomes healthy and takes
 * all traffic in one reload; then the old stable instances and the canary go.
 *
 * Canary instances: ceil(instances × the largest step below 100 / 100), at least one, started once — so
 * the canary can carry its largest share before promotion.
 *
 * From the real state: canary instances already running the target at weight w are kept, and the run
 * goes on at the first step above w (the gate of w was passed when the orchestrator ran it again).
 */
import type { Instance } from '../../../ports/environment-runtime';
import type { StateView } from './read-state';
import { shortDigest, type ReleaseContext } from './release-context';
import { routeOf } from './route-plan';
import { runRolling } from './rolling';
import type { StrategyOutcome, StrategyRun } from './strategy';

export function canaryInstanceCount(instances: number, steps: readonly number[]): number {
  const largest = Math.max(0, ...steps.filter((step) => step < 100));
  return Math.max(1, Math.ceil((instances * largest) / 100));
}

export async function runCanary(ctx: ReleaseContext, gate: StrategyRun['gate']): Promise<StrategyOutcome> {
  const { instances: wanted, canarySteps } = ctx.settings;
  const digest = ctx.target.digest;
  const base = ctx.routeBase();
  const state = await ctx.read();
  const stable = state.serving;
  const isTarget = (instance: Instance): boolean => instance.digest === digest && instance.state === 'running';

  if (stable.length === 0) {
    // No stable version to compare against: the first release of an environment starts the full set.
    const outcome = await runRolling(ctx);
    return outcome.kind === 'succeeded' ? { ...outcome, detail: `nothing served before, so no canary: ${outcome.detail}` } : outcome;
  }
  const routedCanary = state.canaryInstances.filter(isTarget);
  if (stable.every(isTarget) && routedCanary.length === 0) {
    const route = routeOf(base, [{ name: 'stable', instances: stable, weight: 100 }]);
    await ctx.applyIfChanged(route);
    await ctx.removeLeftovers(state, stable);
    return { kind: 'succeeded', detail: `${stable.length} stable instance(s) already run ${shortDigest(digest)}` };
  }

  const currentWeight = routedCanary.length > 0 ? (state.canary?.weight ?? 0) : 0;
  const stableRoute = routeOf(base, [{ name: 'stable', instances: stable, weight: 100 }]);
  const splitRoute = (canary: readonly Instance[], weight: number) =>
    routeOf(base, [
      { name: 'stable', instances: stable, weight: 100 - weight },
      { name: 'canary', instances: canary, weight }
    ]);

  // Keep what serves and a canary of the target at its weight; anything else (an old canary, an idle colour, a mirror) goes.
  const spareCanary = state.unrouted.filter((instance) => instance.role === 'canary' && isTarget(instance));
  const spareStable = state.unrouted.filter((instance) => instance.role === 'stable' && isTarget(instance));
  await ctx.applyIfChanged(routedCanary.length > 0 ? splitRoute(routedCanary, currentWeight) : stableRoute);
  await ctx.removeLeftovers(state, [...stable, ...routedCanary, ...spareCanary, ...spareStable]);

  const restoreStable = async (canary: readonly Instance[]): Promise<void> => {
    await ctx.restoreRoute(stableRoute);
    await ctx.retire(canary, null);
  };
  ctx.undo = async () => restoreStable(routedCanary);
  const missing = Math.max(0, canaryInstanceCount(wanted, canarySteps) - routedCanary.length - spareCanary.length);
  const canary = [...routedCanary, ...(await ctx.startHealthy('canary', missing, spareCanary, { step: null, progress: 0.1 }))];
  ctx.undo = async () => restoreStable(canary);

  const total = canarySteps.length;
  for (const [i, weight] of canarySteps.entries()) {
    if (weight <= currentWeight || weight >= 100) continue;
    const step = i + 1;
    await ctx.smokeCheck(canary, step);
    await ctx.apply(splitRoute(canary, weight));
    await ctx.report({ phase: 'traffic', detail: `${weight}% of the traffic on the canary (${shortDigest(digest)})`, step, weight, progress: 0.1 + (0.8 * step) / total });
    if ((await gate({ step, weight })) === 'abort') {
      await ctx.apply(stableRoute);
      ctx.undo = null;
      await ctx.report({ phase: 'traffic', detail: 'all traffic back on stable', step, weight: 0 });
      await ctx.retire(canary, step);
      return { kind: 'aborted', detail: `the canary was aborted at ${weight}%: all traffic is back on stable, the canary is removed` };
    }
  }

  // Promotion: a full stable set of the new version, then one reload moves all traffic to it.
  await ctx.smokeCheck(canary, total);
  const reuse = spareStable.slice(0, wanted);
  const promoted = await ctx.startHealthy('stable', Math.max(0, wanted - reuse.length), reuse, { step: total, progress: 0.9 });
  ctx.undo = async () => {
    await restoreStable(canary);
    await ctx.retire(promoted, total);
  };
  await ctx.apply(routeOf(base, [{ name: 'stable', instances: promoted, weight: 100 }]));
  ctx.undo = null;
  await ctx.report({ phase: 'traffic', detail: `promoted: all traffic on ${promoted.length} stable instance(s) of ${shortDigest(digest)}`, step: total, weight: 100, progress: 0.95 });
  await ctx.retire([...stable, ...canary], total);
  await ctx.discard(spareStable.slice(wanted));
  return { kind: 'succeeded', detail: `the canary was promoted: ${promoted.length} stable instance(s) run ${shortDigest(digest)}` };
}

/** Rollback of a canary in progress to its stable version: all traffic to stable, the canary removed. */
export async function abortCanaryToStable(ctx: ReleaseContext, state: StateView, digest: string): Promise<boolean> {
  if (!state.canary || state.servingDigest !== digest || state.serving.length === 0) return false;
  await ctx.applyIfChanged(routeOf(ctx.routeBase(ctx.settings.sticky, state.route?.deploymentId ?? null), [{ name: 'stable', instances: state.serving, weight: 100 }]));
  await ctx.report({ phase: 'traffic', detail: `all traffic back on stable (${shortDigest(digest)}); the canary is removed`, weight: 0, progress: 1 });
  await ctx.retire(state.canaryInstances, null);
  await ctx.discard(state.unrouted.filter((instance) => instance.role === 'canary'));
  return true;
}
