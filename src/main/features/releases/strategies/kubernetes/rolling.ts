/**
 * Rolling on Kubernetes: the Deployment's own rolling update. Set the image by digest with a change cause
 * naming the release, follow the rollout as `kubectl rollout status` does; when it fails (never ready,
 * ProgressDeadlineExceeded, the environment's timeout) the runner undoes it to the revision that ran before
 * (`kubectl rollout undo --to-revision`) and follows that back.
 */
import type { WorkloadRef, WorkloadSnapshot } from '../../../../ports/kubernetes';
import type { StrategyOutcome } from '../strategy';
import { errorMessage, imageOf, isCancellation, shortDigest, StepFailure, type KubeRelease } from './kube-release';

export async function runKubeRolling(ctx: KubeRelease): Promise<StrategyOutcome> {
  const ref = ctx.ref(ctx.target.deployment);
  const before = await ctx.mustRead(ref);
  if (before.paused) throw new StepFailure(`deployment ${ref.name} is paused: resume it (kubectl rollout resume deployment/${ref.name}) before releasing`);
  const changed = imageOf(before) !== ctx.image;
  await ctx.report({
    phase: 'instance-started',
    detail: changed ? `setting deployment ${ref.name}'s image to ${ctx.image} (${ctx.changeCause})` : `deployment ${ref.name} already has ${shortDigest(ctx.digest)}: following its rollout`,
    step: 1,
    weight: 0,
    progress: 0.05
  });
  if (changed) ctx.open = { undo: () => undoRolling(ctx, ref, before), trafficMoved: true };
  const after = await ctx.kube.setImage(ref, { container: null, image: ctx.image, changeCause: ctx.changeCause }, ctx.signal);
  try {
    await ctx.followToEnd(ref, { step: 1, progress: [0.1, 0.95], weighted: true });
  } catch (error) {
    if (isCancellation(error, ctx.signal)) throw error;
    throw new StepFailure(`deployment ${ref.name} did not roll out ${shortDigest(ctx.digest)}: ${errorMessage(error)}`);
  }
  ctx.open = null;
  // The revision the controller gave the rollout (the write's answer predates it).
  const done = (await ctx.read(ref).catch(() => null)) ?? after;
  return { kind: 'succeeded', detail: `deployment ${ref.name} runs ${shortDigest(ctx.digest)} on ${done.desiredReplicas} pod(s)${done.revision !== null ? ` (revision ${done.revision})` : ''}` };
}

/** Back to the revision that ran before the release, then follows that rollout. */
export async function undoRolling(ctx: KubeRelease, ref: WorkloadRef, before: WorkloadSnapshot): Promise<void> {
  const result = await ctx.kube.undo(ref, before.revision ?? 0, `shipdeck: undo release #${ctx.deploymentId ?? 0}, back to revision ${before.revision ?? 'before'}`, ctx.signal);
  await ctx.report({
    phase: 'traffic',
    detail: result.unchanged ? `deployment ${ref.name} already runs revision ${result.toRevision}` : `kubectl rollout undo: deployment ${ref.name} back to revision ${result.toRevision} (${imageOf(before) ?? 'its image'})`,
    weight: 0
  });
  await ctx.followToEnd(ref, { step: null, progress: [0.95, 0.99] });
}
