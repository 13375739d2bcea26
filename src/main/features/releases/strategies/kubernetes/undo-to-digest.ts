/**
 * A rolling environment's rollback with `kubectl rollout undo`'s meaning: when a ReplicaSet still keeps
 * the revision that ran the digest, its whole pod template is restored (env, resources, probes — not only
 * the image), and followed until it runs. Refused while the Deployment is paused, as kubectl refuses.
 * False when no ReplicaSet keeps it (revisionHistoryLimit): the orchestrator then sets the image back.
 */
import { digestOfImage } from '../../../../../shared/domain/kubernetes';
import { AppError } from '../../../../../shared/result';
import type { KubeRelease } from './kube-release';

export async function undoToDigest(ctx: KubeRelease, digest: string): Promise<boolean> {
  if (ctx.target.rollout !== null) return false;
  const ref = ctx.ref(ctx.target.deployment);
  const snapshot = await ctx.read(ref);
  if (snapshot === null) return false;
  const revisions = await ctx.kube.revisions(ref);
  const target = revisions.find((revision) => revision.revision !== snapshot.revision && digestOfImage(revision.containers[0]?.image ?? '') === digest);
  if (!target) return false;
  if (snapshot.paused) {
    throw new AppError('KUBE_INVALID', `deployment ${ref.name} is paused: you cannot roll back a paused deployment.`, 'Resume it first (shipdeck rollout resume <service> <env>), then roll back.');
  }
  await ctx.report({ phase: 'instance-started', detail: `kubectl rollout undo deployment/${ref.name} --to-revision=${target.revision} (${target.name})`, progress: 0.05 });
  const result = await ctx.kube.undo(ref, target.revision, ctx.changeCause);
  if (!result.unchanged) await ctx.followToEnd(ref, { step: null, progress: [0.1, 0.95], weighted: true });
  await ctx.report({ phase: 'switched', detail: `deployment ${ref.name} runs revision ${target.revision}'s pod template again`, weight: 100, progress: 1 });
  return true;
}
