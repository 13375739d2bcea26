/**
 * Blue-green: start the new colour (the one not serving; blue on a first deploy) beside the old, wait
 * until all of it is healthy, probe each instance once more (the smoke check), then switch in one reload.
 * The old colour keeps running idle (listed with weight 0) so a rollback is one more reload; the
 * orchestrator removes it after the hold (`removeIdle`).
 */
import type { EnvironmentSettings } from '../../../../shared/domain/environment-settings';
import type { PoolName } from '../../../ports/traffic-router';
import type { StateView } from './read-state';
import { shortDigest, type ReleaseContext } from './release-context';
import { baseOf, routeOf } from './route-plan';
import type { StrategyOutcome } from './strategy';

type Colour = 'blue' | 'green';

/** The pool the main traffic goes to, when it is exactly one. */
export function livePool(state: StateView): PoolName | null {
  const route = state.route;
  if (!route) return null;
  const live = route.pools.filter((pool) => pool.name !== 'canary' && (route.weights[pool.name] ?? 0) > 0);
  return live.length === 1 ? (live[0]?.name ?? null) : null;
}

const colourOf = (pool: PoolName | null): Colour | null => (pool === 'blue' || pool === 'green' ? pool : null);

export async function runBlueGreen(ctx: ReleaseContext): Promise<StrategyOutcome> {
  const wanted = ctx.settings.instances;
  const digest = ctx.target.digest;
  const base = ctx.routeBase();
  const state = await ctx.read();
  const liveColour = colourOf(livePool(state));
  const live = state.serving.length > 0 ? state.serving : state.canaryInstances;

  if (liveColour && live.length >= wanted && live.every((instance) => instance.digest === digest)) {
    // Already switched (a run interrupted after its switch, or the same digest again): keep the idle colour.
    const pools = [{ name: liveColour, instances: live, weight: 100 }, ...(state.idle ? [{ name: state.idle.role, instances: state.idleInstances, weight: 0 }] : [])];
    await ctx.applyIfChanged(routeOf(base, pools));
    await ctx.removeLeftovers(state, [...live, ...state.idleInstances]);
    return { kind: 'succeeded', detail: `${liveColour} already serves ${shortDigest(digest)} on ${live.length} instance(s)` };
  }

  const colour: Colour = liveColour === 'blue' ? 'green' : 'blue';
  const reuse = state.unrouted.filter((instance) => instance.role === colour && instance.digest === digest).slice(0, wanted);
  const idleOfTarget = state.idle?.role === colour && state.idle.digest === digest ? state.idleInstances.slice(0, wanted) : [];
  const ready = [...idleOfTarget, ...reuse];

  // Only the live set keeps a route while the new colour starts: an old idle colour, a canary or a mirror goes.
  const liveRoute = live.length > 0 ? routeOf(base, [{ name: liveColour ?? 'stable', instances: live, weight: 100 }, ...(idleOfTarget.length > 0 ? [{ name: colour, instances: idleOfTarget, weight: 0 }] : [])]) : null;
  if (liveRoute) await ctx.applyIfChanged(liveRoute);
  await ctx.removeLeftovers(state, [...live, ...ready]);

  ctx.undo = async () => ctx.restoreRoute(liveRoute);
  const started = await ctx.startHealthy(colour, Math.max(0, wanted - ready.length), ready, { step: 1, progress: 0.6 });
  ctx.undo = async () => {
    await ctx.restoreRoute(liveRoute);
    await ctx.retire(started.filter((instance) => !idleOfTarget.includes(instance)), 1);
  };
  await ctx.smokeCheck(started, 1);
  await ctx.report({ phase: 'traffic', detail: `smoke check passed: ${started.length} ${colour} instance(s) answer ${ctx.settings.healthPath}`, step: 1, weight: 0, progress: 0.7 });

  const pools = [{ name: colour, instances: started, weight: 100 }, ...(liveColour ? [{ name: liveColour, instances: live, weight: 0 }] : [])];
  await ctx.apply(routeOf(base, pools));
  ctx.undo = null;
  await ctx.report({ phase: 'switched', detail: `switched all traffic to ${colour} (${shortDigest(digest)}) in one reload`, step: 2, weight: 100, progress: 0.9, data: { colour } });

  if (!liveColour) {
    // What served had no colour (a first deploy, or rolling/canary before): nothing to keep idle.
    await ctx.retire(live, 2);
    return { kind: 'succeeded', detail: `${colour} serves ${shortDigest(digest)} on ${started.length} instance(s)` };
  }
  return {
    kind: 'succeeded',
    detail: `${colour} serves ${shortDigest(digest)} on ${started.length} instance(s); ${liveColour} stays idle for ${ctx.settings.blueGreenHoldSeconds} s for an instant rollback`
  };
}

/**
 * Rollback to the idle colour in one reload, when it runs `digest` and every instance of it answers its
 * health path. False when the state does not allow it.
 */
export async function switchBackToIdle(ctx: ReleaseContext, state: StateView, digest: string, settings: EnvironmentSettings): Promise<boolean> {
  const liveColour = colourOf(livePool(state));
  if (!state.idle || state.idle.digest !== digest || !liveColour || liveColour === state.idle.role) return false;
  if (state.idleInstances.length === 0) return false;
  const answers = await Promise.all(state.idleInstances.map((instance) => ctx.runtime.probe(instance, settings.healthPath, 5_000)));
  if (answers.some((healthy) => !healthy)) return false;
  const base = ctx.routeBase(settings.sticky, state.route?.deploymentId ?? null);
  await ctx.apply(
    routeOf(base, [
      { name: state.idle.role, instances: state.idleInstances, weight: 100 },
      { name: liveColour, instances: state.serving, weight: 0 }
    ])
  );
  await ctx.report({ phase: 'switched', detail: `switched all traffic back to ${state.idle.role} (${shortDigest(digest)}) in one reload`, weight: 100, progress: 1, data: { colour: state.idle.role } });
  return true;
}

/** Takes the idle colour out of the route and removes it (its hold has passed). */
export async function removeIdleColour(ctx: ReleaseContext): Promise<void> {
  const state = await ctx.read();
  const liveColour = colourOf(livePool(state));
  if (!state.idle || !liveColour || !state.route) return;
  await ctx.apply(routeOf(baseOf(state.route), [{ name: liveColour, instances: state.serving, weight: 100 }]));
  await ctx.retire(state.idleInstances, null);
}
