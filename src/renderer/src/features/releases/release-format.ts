/** How releases read on screen: artifacts, statuses, triggers, phases, progress. */
import type { DeploymentStatus } from '../../../../shared/domain/deployments';
import type { ArtifactRef, Health, Release, ReleaseEvent, ReleasePhase, ReleaseTrigger, StrategyStep } from '../../../../shared/domain/releases';
import { shortDigest } from '../../../../shared/domain/artifacts';

export { shortDigest };

/** `sha256:3f1a…` → `3f1a2b3c4d5e` (what people compare by eye). */

export const shortSha = (sha: string): string => sha.slice(0, 7);

/** The version when the artifact has one, else its short digest. */
export const artifactLabel = (artifact: Pick<ArtifactRef, 'digest' | 'version'>): string => artifact.version ?? shortDigest(artifact.digest);

export const HEALTH_LABEL: Readonly<Record<Health, string>> = {
  healthy: 'healthy',
  degraded: 'degraded',
  down: 'down',
  unknown: 'unknown'
};

export const STATUS_LABEL: Readonly<Record<DeploymentStatus, string>> = {
  'pending-approval': 'pending approval',
  'in-progress': 'in progress',
  succeeded: 'succeeded',
  failed: 'failed',
  'rolled-back': 'rolled back',
  interrupted: 'interrupted'
};

/** What a status means to the eye: good, bad, going, waiting. */
export type Tone = 'good' | 'bad' | 'active' | 'waiting' | 'neutral';

export const STATUS_TONE: Readonly<Record<DeploymentStatus, Tone>> = {
  'pending-approval': 'waiting',
  'in-progress': 'active',
  succeeded: 'good',
  failed: 'bad',
  'rolled-back': 'neutral',
  interrupted: 'bad'
};

export const TRIGGER_LABEL: Readonly<Record<ReleaseTrigger, string>> = {
  manual: 'deploy',
  promotion: 'promotion',
  rollback: 'rollback',
  'automatic-rollback': 'automatic rollback',
  'branch-watch': 'branch watch'
};

const PHASE_LABEL: Readonly<Record<ReleasePhase, string>> = {
  'approval-requested': 'approval requested',
  approved: 'approved',
  rejected: 'rejected',
  started: 'started',
  'instance-started': 'instance started',
  'instance-healthy': 'instance healthy',
  'instance-unhealthy': 'instance unhealthy',
  'instance-removed': 'instance removed',
  traffic: 'traffic shifted',
  paused: 'paused',
  continued: 'continued',
  switched: 'switched',
  completed: 'completed',
  aborted: 'aborted',
  failed: 'failed',
  interrupted: 'interrupted',
  reconciled: 'state read back',
  'rolled-back': 'rolled back',
  'hold-placed': 'hold placed',
  'hold-released': 'hold released',
  'idle-removed': 'idle colour removed'
};

export const phaseLabel = (phase: ReleasePhase): string => PHASE_LABEL[phase];

/** `manual:ana` or `ana` → `ana`; Shipdeck's own actors keep their prefix (`demo:ana` stays readable). */
export const personLabel = (who: string): string => who.replace(/^manual:/, '');

/** A release that has not settled: it waits for a person or is moving. */
export const isUnsettled = (status: DeploymentStatus): boolean => status === 'pending-approval' || status === 'in-progress';

/** A paused canary: in progress, its latest event a pause. */
export const isPaused = (release: Pick<Release, 'status' | 'phase'>): boolean => release.status === 'in-progress' && release.phase === 'paused';

/** One line for a release that has not settled: "waiting for approval", "canary at 25 %, paused", "rolling 50 %". */
export function activeSummary(release: Pick<Release, 'status' | 'phase' | 'weight' | 'strategy' | 'trigger'>): string {
  if (release.status === 'pending-approval') return 'waiting for approval';
  const what = release.trigger === 'rollback' || release.trigger === 'automatic-rollback' ? 'rolling back' : release.strategy;
  const weight = release.weight === null ? '' : ` at ${release.weight} %`;
  if (release.phase === 'paused') return `${what}${weight}, paused`;
  return `${what}${weight}`;
}

export interface Progress {
  readonly completed: number;
  readonly total: number;
  readonly step: string;
}

/**
 * How far a release has come, for a progress bar: by its strategy's steps when they are known (a current
 * step counts half), else by the traffic on the new version; null for a release that is not moving.
 */
export function releaseProgress(release: Pick<Release, 'status' | 'phase' | 'weight' | 'strategy' | 'trigger'>, steps: readonly StrategyStep[] = []): Progress | null {
  if (release.status !== 'in-progress') return null;
  const step = activeSummary(release);
  if (steps.length > 0) {
    const done = steps.filter((s) => s.state === 'done' || s.state === 'skipped').length;
    const current = steps.some((s) => s.state === 'current') ? 0.5 : 0;
    return { completed: done + current, total: steps.length, step };
  }
  if (release.weight !== null) return { completed: release.weight, total: 100, step };
  return { completed: 0, total: 0, step };
}

/** A step's weight beside its label, unless the label already says it ("25 %"). */
export function stepWeight(step: Pick<StrategyStep, 'label' | 'weight'>): string | null {
  if (step.weight === null) return null;
  return new RegExp(`(^|\\D)${step.weight}\\s?%`).test(step.label) ? null : `${step.weight} %`;
}

/** "3 commits", "1 commit". */
export const plural = (count: number, word: string): string => `${count} ${word}${count === 1 ? '' : 's'}`;

/** Events appended in id order; one seen twice (a resumed stream) is kept once. */
export function mergeEvents(known: readonly ReleaseEvent[], incoming: readonly ReleaseEvent[]): readonly ReleaseEvent[] {
  const seen = new Set(known.map((e) => e.id));
  const fresh = incoming.filter((e) => !seen.has(e.id));
  return fresh.length === 0 ? known : [...known, ...fresh].sort((a, b) => a.id - b.id);
}
