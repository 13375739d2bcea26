/**
 * Canary on Kubernetes without a traffic router: the stable `<deployment>` and `<deployment>-canary`
 * (label `shipdeck.dev/track: canary`) behind one Service that selects the app labels both share, so each
 * gets traffic by its share of the pods. For each step w below 100 the canary gets max(1, round(instances
 * × w / 100)) pods and stable the rest (at least one), both followed until available; the weight reported
 * is the canary's share of the pods; then the gate. Abort: stable back to `instances`, the canary deleted.
 * At 100 the stable Deployment rolls to the new image and the canary goes.
 *
 * A second run (a canary continued in another process) keeps a canary of the target and goes on at the
 * first step with more canary pods than run (the gate of what runs was just passed). Steps that would not
 * change the pod counts (few instances) are skipped.
 */
import type { WorkloadRef } from '../../../../ports/kubernetes';
import type { StrategyOutcome, StrategyRun } from '../strategy';
import { digestOf, imageOf, shortDigest, TRACK_LABEL, type KubeRelease } from './kube-release';
import { runKubeRolling, undoRolling } from './rolling';

export const canaryName = (ctx: KubeRelease): string => `${ctx.target.deployment}-canary`;

/** Pods of each side at a weight: the canary at least one, stable at least one while below 100. */
export function canaryPods(total: number, weight: number): { readonly canary: number; readonly stable: number } {
  const canary = Math.max(1, Math.round((total * weight) / 100));
  return { canary, stable: Math.max(1, total - canary) };
}

export async function runKubeCanary(ctx: KubeRelease, gate: StrategyRun['gate']): Promise<StrategyOutcome> {
  const total = ctx.settings.instances;
  const stableRef = ctx.ref(ctx.target.deployment);
  const canaryRef = ctx.ref(canaryName(ctx));
  const stable = await ctx.mustRead(stableRef);
  const existing = await ctx.read(canaryRef);
  const ofTarget = existing !== null && existing.desiredReplicas > 0 && digestOf(existing) === ctx.digest;
  if (existing && !ofTarget) {
    await ctx.kube.deleteWorkload(canaryRef, ctx.signal);
    await ctx.report({ phase: 'instance-removed', detail: `deleted ${canaryRef.name}, a canary of ${imageOf(existing) ?? 'another image'} left by an earlier release` });
  }
  if (!ofTarget && stable.availableReplicas === 0) {
    const outcome = await runKubeRolling(ctx);
    return outcome.kind === 'succeeded' ? { ...outcome, detail: `nothing served before, so no canary: ${outcome.detail}` } : outcome;
  }
  if (!ofTarget && digestOf(stable) === ctx.digest) return runKubeRolling(ctx);

  const restoreStable = async (): Promise<void> => restoreToStable(ctx, stableRef, canaryRef, total);
  let running = ofTarget ? existing.desiredReplicas : 0;
  ctx.open = { undo: restoreStable, trafficMoved: running > 0 };
  const steps = ctx.settings.canarySteps;
  for (const [i, weight] of steps.entries()) {
    if (weight >= 100) continue;
    const pods = canaryPods(total, weight);
    if (pods.canary <= running) continue;
    const step = i + 1;
    await ctx.report({ phase: 'instance-started', detail: `step ${step}: ${pods.canary} canary pod(s) of ${shortDigest(ctx.digest)}, ${pods.stable} stable`, step, progress: 0.1 + (0.8 * i) / steps.length });
    await ctx.kube.applySibling({ name: canaryRef.name, from: stableRef, image: ctx.image, replicas: pods.canary, labels: { [TRACK_LABEL]: 'canary' }, changeCause: ctx.changeCause }, ctx.signal);
    ctx.open = { undo: restoreStable, trafficMoved: true };
    await ctx.followToEnd(canaryRef, { step, progress: [0.1 + (0.8 * i) / steps.length, 0.1 + (0.8 * (i + 0.5)) / steps.length] });
    await ctx.kube.scale(stableRef, pods.stable, ctx.signal);
    await ctx.followToEnd(stableRef, { step, progress: [0.1 + (0.8 * (i + 0.5)) / steps.length, 0.1 + (0.8 * step) / steps.length] });
    running = pods.canary;
    const share = Math.round((100 * pods.canary) / (pods.canary + pods.stable));
    await ctx.report({ phase: 'traffic', detail: `${share}% of the pods behind the Service are the canary (${pods.canary} of ${pods.canary + pods.stable})`, step, weight: share });
    if ((await gate({ step, weight: share })) === 'abort') {
      await restoreStable();
      ctx.open = null;
      return { kind: 'aborted', detail: `the canary was aborted at ${share}%: deployment ${stableRef.name} serves on ${total} pod(s) again, the canary is deleted` };
    }
  }

  const step = steps.length;
  await ctx.report({ phase: 'instance-started', detail: `promoting: deployment ${stableRef.name} rolls to ${shortDigest(ctx.digest)} on ${total} pod(s)`, step, progress: 0.9 });
  const before = await ctx.mustRead(stableRef);
  ctx.open = {
    undo: async () => {
      if (imageOf(before) !== ctx.image) await undoRolling(ctx, stableRef, before);
      await restoreStable();
    },
    trafficMoved: true
  };
  await ctx.kube.setImage(stableRef, { container: null, image: ctx.image, changeCause: ctx.changeCause }, ctx.signal);
  await ctx.kube.scale(stableRef, total, ctx.signal);
  await ctx.followToEnd(stableRef, { step, progress: [0.9, 0.97] });
  ctx.open = null;
  await ctx.report({ phase: 'traffic', detail: `promoted: deployment ${stableRef.name} runs ${shortDigest(ctx.digest)} on ${total} pod(s)`, step, weight: 100, progress: 0.97 });
  if (await ctx.read(canaryRef)) {
    await ctx.kube.deleteWorkload(canaryRef, ctx.signal);
    await ctx.report({ phase: 'instance-removed', detail: `deleted ${canaryRef.name}`, step });
  }
  return { kind: 'succeeded', detail: `the canary was promoted: deployment ${stableRef.name} runs ${shortDigest(ctx.digest)} on ${total} pod(s)` };
}

/** Stable back to all its pods first (capacity), then the canary deleted. */
async function restoreToStable(ctx: KubeRelease, stableRef: WorkloadRef, canaryRef: WorkloadRef, total: number): Promise<void> {
  await ctx.kube.scale(stableRef, total, ctx.signal);
  await ctx.followToEnd(stableRef, { step: null, progress: [0.95, 0.99] });
  await ctx.report({ phase: 'traffic', detail: `deployment ${stableRef.name} serves on ${total} pod(s) again`, weight: 0 });
  if (await ctx.read(canaryRef)) {
    await ctx.kube.deleteWorkload(canaryRef, ctx.signal);
    await ctx.report({ phase: 'instance-removed', detail: `deleted ${canaryRef.name}`, weight: 0 });
  }
}

/** Rollback of a canary in progress: stable (running `digest`) takes all pods again, the canary goes. */
export async function abortCanaryToStable(ctx: KubeRelease, digest: string): Promise<boolean> {
  const stableRef = ctx.ref(ctx.target.deployment);
  const canaryRef = ctx.ref(canaryName(ctx));
  const [stable, canary] = await Promise.all([ctx.read(stableRef), ctx.read(canaryRef)]);
  if (!stable || !canary || digestOf(stable) !== digest) return false;
  await restoreToStable(ctx, stableRef, canaryRef, ctx.settings.instances);
  return true;
}
