/**
 * Retention: which of a service's artifacts may be pruned from the registry, and why each other one is
 * kept. Pure: the caller gathers the artifacts and the deployment facts; the plan is the same for a
 * dry run and a real prune.
 */

export interface RetentionPolicy {
  /** Keep the newest N artifacts of the service. */
  readonly keepLast: number;
  /** Keep every artifact younger than D days. */
  readonly keepDays: number;
  /** Keep the last K artifacts deployed to each environment (rollback candidates). */
  readonly keepPerEnvironment: number;
}

/** The policy a service has until someone sets one: generous, so nothing surprising goes. */
export const DEFAULT_RETENTION: RetentionPolicy = { keepLast: 20, keepDays: 90, keepPerEnvironment: 3 };

export interface StoredRetentionPolicy extends RetentionPolicy {
  readonly service: string;
  /** False while the service uses DEFAULT_RETENTION. */
  readonly custom: boolean;
  readonly updatedAt: string | null;
  readonly updatedBy: string | null;
}

/** Why an artifact stays. Deployed and rollback-candidate reasons name the environment. */
export type KeepReason =
  | { readonly kind: 'deployed'; readonly environment: string }
  | { readonly kind: 'rollback-candidate'; readonly environment: string; readonly rank: number }
  | { readonly kind: 'recent'; readonly rank: number }
  | { readonly kind: 'young'; readonly ageDays: number };

export interface RetentionCandidate {
  readonly id: number;
  readonly digest: string;
  readonly commitSha: string;
  readonly version: string | null;
  readonly createdAt: string;
}

/** What one environment's deployments say: what runs now, and the last distinct artifacts deployed, newest first. */
export interface EnvironmentHistory {
  readonly environment: string;
  readonly currentArtifactId: number | null;
  readonly recentArtifactIds: readonly number[];
}

export interface PlannedKeep<A extends RetentionCandidate = RetentionCandidate> {
  readonly artifact: A;
  readonly reasons: readonly KeepReason[];
}

export interface RetentionPlan<A extends RetentionCandidate = RetentionCandidate> {
  readonly policy: RetentionPolicy;
  /** Live artifacts that would be pruned, oldest first. */
  readonly prune: readonly A[];
  /** Live artifacts that stay, newest first, each with every reason it stays. */
  readonly keep: readonly PlannedKeep<A>[];
}

const DAY_MS = 86_400_000;

/**
 * Plans a prune of `live` (the service's artifacts not yet pruned). An artifact goes only when no rule
 * keeps it: not among the newest `keepLast`, older than `keepDays`, not deployed anywhere, and not among
 * the last `keepPerEnvironment` artifacts of any environment.
 */
export function planRetention<A extends RetentionCandidate>(
  live: readonly A[],
  policy: RetentionPolicy,
  environments: readonly EnvironmentHistory[],
  now: Date
): RetentionPlan<A> {
  const newestFirst = [...live].sort((a, b) => b.createdAt.localeCompare(a.createdAt) || b.id - a.id);
  const keep: PlannedKeep<A>[] = [];
  const prune: A[] = [];
  newestFirst.forEach((artifact, index) => {
    const reasons: KeepReason[] = [];
    for (const env of environments) {
      if (env.currentArtifactId === artifact.id) reasons.push({ kind: 'deployed', environment: env.environment });
      const rank = env.recentArtifactIds.slice(0, policy.keepPerEnvironment).indexOf(artifact.id);
      if (rank >= 0 && env.currentArtifactId !== artifact.id) {
        reasons.push({ kind: 'rollback-candidate', environment: env.environment, rank: rank + 1 });
      }
    }
    if (index < policy.keepLast) reasons.push({ kind: 'recent', rank: index + 1 });
    const ageDays = (now.getTime() - Date.parse(artifact.createdAt)) / DAY_MS;
    if (ageDays < policy.keepDays) reasons.push({ kind: 'young', ageDays: Math.max(0, Math.floor(ageDays)) });
    if (reasons.length > 0) keep.push({ artifact, reasons });
    else prune.push(artifact);
  });
  return { policy, prune: prune.reverse(), keep };
}

/** One line a person reads: why this artifact stays. */
export function describeKeepReason(reason: KeepReason, policy: RetentionPolicy): string {
  switch (reason.kind) {
    case 'deployed':
      return `deployed to ${reason.environment}`;
    case 'rollback-candidate':
      return `rollback candidate in ${reason.environment} (#${reason.rank} of the last ${policy.keepPerEnvironment})`;
    case 'recent':
      return `among the newest ${policy.keepLast} (#${reason.rank})`;
    case 'young':
      return `younger than ${policy.keepDays} days (${reason.ageDays} d old)`;
  }
}
