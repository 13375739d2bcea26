/**
 * The live part of a `kubernetes` environment's board cell, from the watch cache: one row per workload
 * (replicas available of desired, paused, its image), health from the Deployment's conditions and counts
 * (or the Rollout's phase), and drift — the image running is not the one the record says (changed with
 * `kubectl set image` by hand, say), or the workload is gone.
 */
import { digestOfImage } from '../../../../shared/domain/kubernetes';
import type { Drift, Health, InstanceView, Release } from '../../../../shared/domain/releases';
import type { WorkloadSnapshot } from '../../../ports/kubernetes';
import type { KubeEnvironment, KubeWorkload } from './kube-environment';

/** Something on the cluster that waits for a person (the inbox shows it). */
export interface KubeAttention {
  readonly kind: 'paused-workload' | 'degraded';
  readonly summary: string;
  readonly since: string | null;
}

export interface KubeLiveStatus {
  readonly health: Health;
  readonly healthDetail: string;
  readonly drift: Drift;
  readonly instances: readonly InstanceView[];
  readonly attention: KubeAttention | null;
}

const firstImage = (snapshot: WorkloadSnapshot): string => snapshot.containers[0]?.image ?? '';

const condition = (snapshot: WorkloadSnapshot, type: string) => snapshot.conditions.find((candidate) => candidate.type === type) ?? null;

/** Whether the rollout ran out of time (kubectl: "exceeded its progress deadline"). */
export const deadlineExceeded = (snapshot: WorkloadSnapshot): boolean => condition(snapshot, 'Progressing')?.reason === 'ProgressDeadlineExceeded';

function rowOf(workload: KubeWorkload): InstanceView | null {
  const snapshot = workload.snapshot;
  if (snapshot === null) return null;
  const image = firstImage(snapshot);
  const paused = snapshot.paused || snapshot.rollout?.paused === true;
  const state = `${snapshot.availableReplicas}/${snapshot.desiredReplicas} available${paused ? ' · paused' : ''}${snapshot.updatedReplicas < snapshot.desiredReplicas ? ` · ${snapshot.updatedReplicas} updated` : ''}`;
  return {
    name: `${snapshot.ref.kind === 'Rollout' ? 'rollout' : 'deployment'}/${snapshot.ref.name}`,
    role: workload.role,
    digest: digestOfImage(image) ?? image,
    state,
    healthy: snapshot.desiredReplicas === 0 ? null : snapshot.availableReplicas >= snapshot.desiredReplicas && !deadlineExceeded(snapshot) && snapshot.rollout?.phase !== 'Degraded',
    hostPort: null
  };
}

function healthOf(environment: KubeEnvironment): { health: Health; detail: string } {
  const serving = environment.serving?.snapshot ?? null;
  if (serving === null) return { health: 'down', detail: 'Nothing serves: the workload is not in the cluster.' };
  const name = `${serving.ref.kind.toLowerCase()} ${serving.ref.name}`;
  const counts = `${serving.availableReplicas} of ${serving.desiredReplicas} replicas available`;
  if (serving.rollout?.phase === 'Degraded') return { health: 'degraded', detail: `The Rollout is degraded: ${serving.rollout.message ?? 'no message'}.` };
  if (deadlineExceeded(serving)) return { health: serving.availableReplicas > 0 ? 'degraded' : 'down', detail: `${name} exceeded its progress deadline (${counts}): ${condition(serving, 'Progressing')?.message ?? ''}`.trim() };
  if (serving.desiredReplicas > 0 && serving.availableReplicas === 0) return { health: 'down', detail: `${name}: no replica is available (0 of ${serving.desiredReplicas}).` };
  if (serving.availableReplicas < serving.desiredReplicas) return { health: 'degraded', detail: `${name}: ${counts}.` };
  if (environment.problems.length > 0) return { health: 'degraded', detail: environment.problems.join(' ') };
  const paused = serving.paused ? ' Paused: changes to its template wait until it is resumed.' : '';
  return { health: 'healthy', detail: `${name}: ${counts}.${paused}` };
}

function driftOf(environment: KubeEnvironment, current: Release | null, active: Release | null): Drift {
  // While a release moves the environment, what runs is meant to differ from the last record.
  if (active !== null || current === null) return { kind: 'none' };
  const serving = environment.serving?.snapshot ?? null;
  if (serving === null) return { kind: 'drift', reasons: ['The workload the record says runs here is gone from the cluster (deleted by hand?).'] };
  const image = firstImage(serving);
  const digest = digestOfImage(image);
  const reasons: string[] = [];
  if (digest === null) reasons.push(`${serving.ref.name} runs ${image}, a tag, not the recorded ${current.digest.slice(0, 19)} (changed outside Shipdeck, e.g. kubectl set image).`);
  else if (digest !== current.digest) reasons.push(`${serving.ref.name} runs ${digest.slice(0, 19)}, but the record says ${current.digest.slice(0, 19)} (changed outside Shipdeck, e.g. kubectl set image or rollout undo).`);
  return reasons.length > 0 ? { kind: 'drift', reasons } : { kind: 'none' };
}

export function kubeLiveStatus(environment: KubeEnvironment, record: { readonly current: Release | null; readonly active: Release | null }): KubeLiveStatus {
  const instances = environment.workloads.map(rowOf).filter((row): row is InstanceView => row !== null);
  if (record.current === null && record.active === null && instances.length === 0) {
    return { health: 'unknown', healthDetail: 'Nothing has been deployed here yet (the workload is not in the cluster).', drift: { kind: 'none' }, instances, attention: null };
  }
  const { health, detail } = healthOf(environment);
  return { health, healthDetail: detail, drift: driftOf(environment, record.current, record.active), instances, attention: attentionOf(environment, health, detail, record.active) };
}

/** A paused workload or a degraded one, unless a Shipdeck release is moving it (its own inbox item says so). */
function attentionOf(environment: KubeEnvironment, health: Health, detail: string, active: Release | null): KubeAttention | null {
  if (active !== null) return null;
  const serving = environment.serving?.snapshot ?? null;
  if (serving === null) return null;
  const name = `${serving.ref.kind.toLowerCase()} ${serving.ref.name}`;
  if (serving.paused || serving.rollout?.paused === true) {
    const since = condition(serving, 'Progressing')?.lastUpdateTime ?? null;
    return { kind: 'paused-workload', summary: `${name} is paused: changes to it wait until it is resumed (or roll it back after resuming).`, since };
  }
  if (health === 'degraded' || health === 'down') {
    const since = (condition(serving, 'Available') ?? condition(serving, 'Progressing'))?.lastUpdateTime ?? null;
    return { kind: 'degraded', summary: detail, since };
  }
  return null;
}
