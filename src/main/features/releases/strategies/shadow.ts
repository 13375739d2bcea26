/**
 * Shadow: the new version receives a copy of every request (nginx `mirror`) and its responses are
 * discarded; what serves users does not change. After one gate (a person or the pause timer) the mirror
 * is taken away and the shadow instances go. Succeeded means "the shadow ran its course", never "serves".
 * Shadow instances: as many as the environment's instances, since each one gets the full load.
 */
import { shortDigest, StepFailure, type ReleaseContext } from './release-context';
import { withMirror } from './route-plan';
import type { StrategyOutcome, StrategyRun } from './strategy';

export async function runShadow(ctx: ReleaseContext, gate: StrategyRun['gate']): Promise<StrategyOutcome> {
  const digest = ctx.target.digest;
  const state = await ctx.read();
  if (!state.route || state.serving.length === 0) {
    throw new StepFailure(`a shadow mirrors the traffic of a serving version, and nothing serves ${ctx.service} in ${ctx.environment} yet: deploy with another strategy first`);
  }
  const route = { ...state.route, sticky: ctx.settings.sticky };
  const unmirrored = withMirror(route, null, ctx.deploymentId);
  const mirroring = state.mirrored.length > 0 && state.mirrored.every((instance) => instance.digest === digest) ? state.mirrored : [];
  const spare = state.unrouted.filter((instance) => instance.role === 'shadow' && instance.digest === digest);

  // Users' traffic stays as it is; only another shadow (a mirror of another digest, leftovers) goes.
  if (mirroring.length === 0 && state.route.mirror !== null) await ctx.apply(unmirrored);
  const oldShadows = state.instances.filter((instance) => instance.role === 'shadow' && !mirroring.includes(instance) && !spare.includes(instance));
  await ctx.retire(oldShadows.filter((instance) => state.mirrored.includes(instance)), null);
  await ctx.discard(oldShadows.filter((instance) => !state.mirrored.includes(instance)));

  ctx.undo = async () => ctx.restoreRoute(unmirrored);
  let shadow = mirroring;
  if (shadow.length === 0) {
    const reuse = spare.slice(0, ctx.settings.instances);
    shadow = await ctx.startHealthy('shadow', Math.max(0, ctx.settings.instances - reuse.length), reuse, { step: 1, progress: 0.3 });
    ctx.undo = async () => {
      await ctx.restoreRoute(unmirrored);
      await ctx.retire(shadow, 1);
    };
    await ctx.apply(withMirror(route, shadow, ctx.deploymentId));
  }
  const running = shadow;
  ctx.undo = async () => {
    await ctx.restoreRoute(unmirrored);
    await ctx.retire(running, 1);
  };
  await ctx.report({ phase: 'traffic', detail: `every request is mirrored to ${shadow.length} shadow instance(s) of ${shortDigest(digest)}; their responses are discarded`, step: 1, weight: 0, progress: 0.5, data: { mirror: true } });

  const decision = await gate({ step: 1, weight: 0 });
  await ctx.apply(unmirrored);
  ctx.undo = null;
  await ctx.report({ phase: 'traffic', detail: 'mirroring stopped', step: 1, weight: 0, progress: 0.9, data: { mirror: false } });
  await ctx.retire(shadow, 1);
  return decision === 'abort'
    ? { kind: 'aborted', detail: `the shadow of ${shortDigest(digest)} was stopped; users were served by the stable version throughout` }
    : { kind: 'succeeded', detail: `the shadow of ${shortDigest(digest)} finished; users were served by the stable version throughout` };
}
