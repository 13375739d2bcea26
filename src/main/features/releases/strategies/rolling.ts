/**
 * Rolling: replace the serving instances `rollingBatchSize` at a time. Each batch: start the new
 * instances, wait until they are healthy, load a route that adds them and drops as many old ones, let
 * in-flight requests drain, stop the old ones. A batch that fails is stopped and the route stays (or goes
 * back) on the instances that served before it. Nothing serving yet: start them all, then route.
 *
 * From the real state, so a second run continues an interrupted one: instances already running the
 * target are kept, new ones started but never routed are health-checked and used.
 */
import type { Instance } from '../../../ports/environment-runtime';
import { errorMessage, isCancellation, shortDigest, StepFailure, type ReleaseContext } from './release-context';
import { routeOf } from './route-plan';
import type { StrategyOutcome } from './strategy';

export async function runRolling(ctx: ReleaseContext): Promise<StrategyOutcome> {
  const { instances: wanted, rollingBatchSize } = ctx.settings;
  const digest = ctx.target.digest;
  const base = ctx.routeBase();
  const state = await ctx.read();
  const stableRoute = (instances: readonly Instance[]) => routeOf(base, [{ name: 'stable', instances, weight: 100 }]);

  // What serves stays serving; a canary, an idle colour or a mirror left by another strategy goes first.
  const serving = state.serving.length > 0 ? state.serving : state.canaryInstances;
  const spare = state.unrouted.filter((instance) => instance.role === 'stable' && instance.digest === digest);
  if (serving.length > 0 && (await ctx.applyIfChanged(stableRoute(serving)))) {
    await ctx.report({ phase: 'traffic', detail: `all traffic on the ${serving.length} serving instance(s) before replacing them`, data: { instances: serving.length } });
  }
  await ctx.removeLeftovers(state, [...serving, ...spare]);

  if (serving.length === 0) {
    ctx.undo = async () => ctx.restoreRoute(state.route);
    const started = await ctx.startHealthy('stable', Math.max(0, wanted - spare.length), spare.slice(0, wanted), { step: 1, progress: 0.8 });
    ctx.undo = async () => {
      await ctx.restoreRoute(state.route);
      await ctx.retire(started, 1);
    };
    await ctx.apply(stableRoute(started));
    ctx.undo = null;
    await ctx.report({ phase: 'traffic', detail: `nothing served before: all traffic on the ${started.length} new instance(s)`, step: 1, weight: 100, progress: 0.95 });
    await ctx.discard(spare.slice(wanted));
    return { kind: 'succeeded', detail: `${started.length} instance(s) run ${shortDigest(digest)}` };
  }

  let kept = serving.filter((instance) => instance.digest === digest);
  let old = serving.filter((instance) => instance.digest !== digest);
  const unusedSpare = [...spare];
  const batches = Math.max(1, Math.ceil(Math.max(old.length, wanted - kept.length) / rollingBatchSize));
  let batch = 0;
  while (old.length > 0 || kept.length < wanted) {
    batch += 1;
    const before = stableRoute([...kept, ...old]);
    try {
      const count = Math.min(rollingBatchSize, Math.max(0, wanted - kept.length));
      const reuse = unusedSpare.splice(0, count);
      ctx.undo = async () => ctx.restoreRoute(before);
      const fresh = await ctx.startHealthy('stable', count - reuse.length, reuse, { step: batch });
      ctx.undo = async () => {
        await ctx.restoreRoute(before);
        await ctx.retire(fresh, batch);
      };
      const nowKept = [...kept, ...fresh];
      const retiring = nowKept.length >= wanted ? old : old.slice(0, Math.min(count, old.length));
      const remaining = old.filter((instance) => !retiring.includes(instance));
      await ctx.apply(stableRoute([...nowKept, ...remaining]));
      ctx.undo = null;
      const weight = Math.round((100 * nowKept.length) / (nowKept.length + remaining.length));
      await ctx.report({
        phase: 'traffic',
        detail: `batch ${batch} of ${batches}: ${nowKept.length} of ${nowKept.length + remaining.length} instance(s) serve ${shortDigest(digest)}`,
        step: batch,
        weight,
        progress: Math.min(0.95, batch / batches)
      });
      await ctx.retire(retiring, batch);
      kept = nowKept;
      old = remaining;
    } catch (error) {
      if (isCancellation(error, ctx.signal)) throw error;
      const done = kept.length > 0 ? ` ${kept.length} of ${wanted} instance(s) already ran ${shortDigest(digest)} before this batch and keep serving beside the old ones.` : '';
      throw new StepFailure(`batch ${batch} of ${batches} failed: ${errorMessage(error)}.${done}`);
    }
  }

  if (kept.length > wanted) {
    const surplus = kept.slice(wanted);
    kept = kept.slice(0, wanted);
    await ctx.apply(stableRoute(kept));
    await ctx.retire(surplus, batch);
  }
  await ctx.discard(unusedSpare);
  return { kind: 'succeeded', detail: `${kept.length} instance(s) run ${shortDigest(digest)}` };
}
