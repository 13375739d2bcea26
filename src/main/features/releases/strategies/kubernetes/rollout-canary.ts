/**
 * Canary with an Argo Rollout: Argo's controller runs the steps (setWeight, pause, analysis); Shipdeck sets
 * the image, follows, and at each pause step reports the canary weight and asks the gate — continue
 * promotes to the next step, abort aborts the Rollout. An analysis that fails makes Argo abort by itself
 * (it scales back to stable): the outcome is failed with the AnalysisRun's message. After an abort the
 * Rollout's image is set back to the stable one, which Argo takes at once (no steps) and is Healthy again.
 */
import type { WorkloadRef, WorkloadSnapshot } from '../../../../ports/kubernetes';
import type { StrategyOutcome, StrategyRun } from '../strategy';
import { errorMessage, imageOf, isCancellation, shortDigest, StepFailure, type KubeRelease } from './kube-release';

/** A promote is taken up by Argo's controller within moments; this long at most before the run fails. */
const STALE_FOLLOWS = 40;
const STALE_WAIT_MS = 250;

/** The image of the Rollout's stable ReplicaSet (its template is the canary's while steps run). */
export async function stableImageOf(ctx: KubeRelease, snapshot: WorkloadSnapshot): Promise<string | null> {
  const stableHash = snapshot.rollout?.stableHash ?? null;
  if (stableHash === null || stableHash === snapshot.rollout?.currentHash) return imageOf(snapshot);
  const revisions = await ctx.kube.revisions(snapshot.ref, ctx.signal);
  return revisions.find((revision) => revision.name.endsWith(`-${stableHash}`))?.containers[0]?.image ?? null;
}

export const midCanary = (snapshot: WorkloadSnapshot): boolean => {
  const status = snapshot.rollout;
  return status !== null && !status.aborted && status.stableHash !== null && status.currentHash !== status.stableHash;
};

/** Aborts (Argo sends everything to stable) and sets the image back to stable's so the Rollout is Healthy. */
async function abortToStable(ctx: KubeRelease, ref: WorkloadRef, stableImage: string | null): Promise<void> {
  await ctx.kube.abortRollout(ref, ctx.signal);
  await ctx.report({ phase: 'traffic', detail: `aborted rollout ${ref.name}: Argo Rollouts sends all traffic to stable`, weight: 0 });
  await restoreStableSpec(ctx, ref, stableImage);
}

async function restoreStableSpec(ctx: KubeRelease, ref: WorkloadRef, stableImage: string | null): Promise<void> {
  if (stableImage === null) return;
  try {
    await ctx.kube.setImage(ref, { container: null, image: stableImage, changeCause: `shipdeck: back to stable after release #${ctx.deploymentId ?? 0}` }, ctx.signal);
  } catch (error) {
    ctx.warnings.push(`rollout ${ref.name} stays aborted: its image could not be set back to ${stableImage}: ${errorMessage(error)}`);
  }
}

/** Why Argo aborted the Rollout: the newest failed AnalysisRun's message, or the Rollout's own. */
async function whyAborted(ctx: KubeRelease, ref: WorkloadRef, snapshot: WorkloadSnapshot | null): Promise<string> {
  const runs = await ctx.kube.analysisRuns(ref, ctx.signal).catch(() => []);
  const failed = runs.find((run) => run.phase === 'Failed' || run.phase === 'Error') ?? null;
  if (failed) {
    const metric = failed.metrics.find((m) => m.phase === 'Failed' || m.phase === 'Error');
    return `analysis ${failed.name} ${failed.phase.toLowerCase()}: ${failed.message ?? metric?.message ?? `metric ${metric?.name ?? '?'} ${metric?.phase ?? ''}`}`;
  }
  return snapshot?.rollout?.message ?? 'the Rollout was aborted';
}

export async function runRolloutCanary(ctx: KubeRelease, rollout: string, gate: StrategyRun['gate']): Promise<StrategyOutcome> {
  const ref = ctx.ref(rollout, 'Rollout');
  const before = await ctx.mustRead(ref);
  const stableImage = await stableImageOf(ctx, before);
  const resuming = imageOf(before) === ctx.image && midCanary(before);
  ctx.open = { undo: () => abortToStable(ctx, ref, stableImage), trafficMoved: true };
  if (resuming && before.rollout?.paused) {
    // Continued in another process: the gate of the step it is paused at was just passed.
    await ctx.report({ phase: 'traffic', detail: `promoting rollout ${ref.name} past step ${(before.rollout.currentStepIndex ?? 0) + 1}`, weight: before.rollout.canaryWeight ?? 0 });
    await ctx.kube.promoteRollout(ref, false, ctx.signal);
  } else if (!resuming) {
    if (before.rollout?.aborted && imageOf(before) === ctx.image) {
      await ctx.report({ phase: 'instance-started', detail: `retrying aborted rollout ${ref.name} with ${shortDigest(ctx.digest)}`, step: 1, weight: 0, progress: 0.05 });
      await ctx.kube.retryRollout(ref, ctx.signal);
    } else {
      await ctx.report({ phase: 'instance-started', detail: `setting rollout ${ref.name}'s image to ${ctx.image} (${ctx.changeCause})`, step: 1, weight: 0, progress: 0.05 });
      await ctx.kube.setImage(ref, { container: null, image: ctx.image, changeCause: ctx.changeCause }, ctx.signal);
    }
  }

  const stepCount = Math.max(1, before.rollout?.stepCount ?? 1);
  let gatedAt: number | null = null;
  let stale = 0;
  for (;;) {
    let progress;
    try {
      progress = await ctx.follow(ref, { progress: [0.1, 0.9] });
    } catch (error) {
      if (isCancellation(error, ctx.signal)) throw error;
      const after = await ctx.read(ref).catch(() => null);
      if (after?.rollout?.aborted) {
        // Argo already scaled back to stable; only the spec is left to put back.
        ctx.open = { undo: () => restoreStableSpec(ctx, ref, stableImage), trafficMoved: false };
        throw new StepFailure(`Argo Rollouts aborted rollout ${ref.name}: ${await whyAborted(ctx, ref, after)}`);
      }
      throw new StepFailure(`rollout ${ref.name} did not roll out ${shortDigest(ctx.digest)}: ${errorMessage(error)}`);
    }
    if (progress.done) break;
    const status = (await ctx.mustRead(ref)).rollout;
    if (!status?.paused || status.currentStepIndex === gatedAt) {
      // The controller has not caught up with the promote yet (its phase still says Paused): follow again.
      stale += 1;
      if (stale > STALE_FOLLOWS) throw new StepFailure(`rollout ${ref.name} stopped before the end: ${progress.message}`);
      await ctx.sleep(STALE_WAIT_MS, ctx.signal);
      continue;
    }
    stale = 0;
    gatedAt = status.currentStepIndex;
    const step = (status.currentStepIndex ?? 0) + 1;
    const weight = status.canaryWeight ?? 0;
    await ctx.report({ phase: 'traffic', detail: `${weight}% of the traffic on the canary (rollout ${ref.name} paused at step ${step} of ${status.stepCount})`, step, weight, progress: 0.1 + (0.8 * step) / stepCount });
    if ((await gate({ step, weight })) === 'abort') {
      await abortToStable(ctx, ref, stableImage);
      ctx.open = null;
      return { kind: 'aborted', detail: `the canary was aborted at ${weight}%: rollout ${ref.name} is back on stable` };
    }
    await ctx.kube.promoteRollout(ref, false, ctx.signal);
  }
  ctx.open = null;
  await ctx.report({ phase: 'traffic', detail: `promoted: rollout ${ref.name} runs ${shortDigest(ctx.digest)}`, weight: 100, progress: 0.95 });
  return { kind: 'succeeded', detail: `the canary was promoted: rollout ${ref.name} runs ${shortDigest(ctx.digest)}` };
}

/** Rollback of a Rollout mid-canary whose stable runs `digest`: abort, and the spec back to stable. */
export async function abortRolloutToStable(ctx: KubeRelease, rollout: string, digest: string): Promise<boolean> {
  const ref = ctx.ref(rollout, 'Rollout');
  const snapshot = await ctx.read(ref);
  if (!snapshot || !midCanary(snapshot)) return false;
  const stableImage = await stableImageOf(ctx, snapshot);
  if (stableImage === null || !stableImage.endsWith(`@${digest}`)) return false;
  await abortToStable(ctx, ref, stableImage);
  return true;
}
