/**
 * A rolling environment's rollback with `kubectl rollout undo`'s meaning: when a ReplicaSet still keeps
 * a revision that ran the digest, its whole pod template is restored (env, resources, probes — not only
 * the image) and followed until it runs; refused while the Deployment is paused, as kubectl refuses.
 * False when no ReplicaSet keeps it (revisionHistoryLimit): the orchestrator then sets the image back.
 * One call to the cluster between the Rollback click and the template restored (read, list, patch).
 */
import { AppError } from '../../../../../shared/result';
import type { KubeRelease } from './kube-release';

export async function undoToDigest(ctx: KubeRelease, digest: string): Promise<boolean> {
  if (ctx.target.rollout !== null) return false;
  const ref = ctx.ref(ctx.target.deployment);
  await ctx.report({ phase: 'instance-started', detail: `kubectl rollout undo deployment/${ref.name} to the newest revision that ran ${digest.slice(0, 19)}`, progress: 0.05 });
  let result;
  try {
    result = await ctx.kube.undo(ref, { digest }, ctx.changeCause, ctx.signal);
  } catch (error) {
    // No ReplicaSet keeps it (or the Deployment is gone): the orchestrator sets the image back, or says why not.
    if (error instanceof AppError && error.code === 'NOT_FOUND') return false;
    throw error;
  }
  if (!result.unchanged) await ctx.followToEnd(ref, { step: null, progress: [0.1, 0.95], weighted: true });
  await ctx.report({ phase: 'switched', detail: `deployment ${ref.name} runs revision ${result.toRevision}'s pod template again`, weight: 100, progress: 1 });
  return true;
}
