/**
 * Releases: deployment records seen as a release manager sees them — what each step did, what runs where,
 * what waits for a person, what a rollback would change. Plain data shared by the core, the CLI and the
 * renderer.
 */
import type { AuditEntry } from './workspace';
import type { Commit } from './history';
import type { Approval, Deployment, DeploymentEvent } from './deployments';
import type { EnvironmentSettings, ReleaseStrategy, SettingChange } from './environment-settings';

/** Why a release was started. */
export const RELEASE_TRIGGERS = ['manual', 'promotion', 'rollback', 'automatic-rollback', 'branch-watch'] as const;
export type ReleaseTrigger = (typeof RELEASE_TRIGGERS)[number];

/** What one event of a release says happened (its `status` says where the release stands after it). */
export const RELEASE_PHASES = [
  'approval-requested',
  'approved',
  'rejected',
  'started',
  'instance-started',
  'instance-healthy',
  'instance-unhealthy',
  'instance-removed',
  'traffic',
  'paused',
  'continued',
  'switched',
  'completed',
  'aborted',
  'failed',
  'interrupted',
  'reconciled',
  'rolled-back',
  'hold-placed',
  'hold-released',
  'idle-removed'
] as const;
export type ReleasePhase = (typeof RELEASE_PHASES)[number];

export type ReleaseEventData = Readonly<Record<string, string | number | boolean | null>>;

export interface ReleaseEvent extends DeploymentEvent {
  readonly phase: ReleasePhase;
  /** 1-based step of the strategy (batch, canary weight step), when the event belongs to one. */
  readonly step: number | null;
  /** Percentage of traffic on the new version after this event, when it changed or was checked. */
  readonly weight: number | null;
  /** Who caused it (a person for approvals, continue, abort); null for Shipdeck's own steps. */
  readonly actor: string | null;
  readonly data: ReleaseEventData;
}

/** A deployment record with what a release adds to it. */
export interface Release extends Deployment {
  readonly trigger: ReleaseTrigger;
  /** Why (a rollback's reason, a rejection, an automatic rollback's cause); null when none was given. */
  readonly reason: string | null;
  /** The typed reason given to override a blocked pre-flight (a migration); null when none was needed. */
  readonly overrideReason: string | null;
  /** The environment's settings when the release started (to diff against another release). */
  readonly settings: EnvironmentSettings | null;
  readonly version: string | null;
  readonly commitSha: string;
  readonly previousDigest: string | null;
  readonly previousVersion: string | null;
  readonly previousCommitSha: string | null;
  /** Phase of the latest event. */
  readonly phase: ReleasePhase | null;
  /** Traffic on the new version after the latest event that set it. */
  readonly weight: number | null;
}

export interface StrategyStep {
  readonly label: string;
  readonly weight: number | null;
  readonly state: 'done' | 'current' | 'pending' | 'failed' | 'skipped';
}

export interface ReleaseDetail extends Release {
  readonly events: readonly ReleaseEvent[];
  readonly approvals: readonly Approval[];
  /** Commits from the previous artifact's commit to this one's (newest first); null when git could not say. */
  readonly commits: readonly Commit[] | null;
  /** Why `commits` is null (repository moved, commit not found). */
  readonly commitsProblem: string | null;
  readonly steps: readonly StrategyStep[];
  /** Audit entries about this release, oldest first. */
  readonly audit: readonly AuditEntry[];
  /** The release this one undoes, and the one that undid this one. */
  readonly rollbackOf: Release | null;
  readonly rolledBackBy: Release | null;
}

export type Health = 'healthy' | 'degraded' | 'down' | 'unknown';

/** Whether the target still runs what the record says. */
export type Drift =
  | { readonly kind: 'none' }
  | { readonly kind: 'drift'; readonly reasons: readonly string[] }
  | { readonly kind: 'unknown'; readonly reason: string };

export interface InstanceView {
  readonly name: string;
  readonly role: string;
  readonly digest: string;
  readonly state: string;
  readonly healthy: boolean | null;
  readonly hostPort: number | null;
}

export interface ArtifactRef {
  readonly digest: string;
  readonly version: string | null;
  readonly commitSha: string;
}

export interface EnvironmentStatus {
  readonly service: string;
  readonly environment: string;
  readonly position: number;
  readonly targetKind: string;
  readonly requiresApproval: boolean;
  readonly settings: EnvironmentSettings;
  /** What the latest succeeded release put there. */
  readonly current: (ArtifactRef & { readonly deploymentId: number; readonly deployedAt: string; readonly deployedBy: string; readonly strategy: string }) | null;
  /** A release that has not settled: pending approval, in progress, paused. */
  readonly active: Release | null;
  /** The latest release when it ended interrupted and nothing has succeeded since. */
  readonly interrupted: Release | null;
  readonly health: Health;
  readonly healthDetail: string;
  readonly drift: Drift;
  readonly instances: readonly InstanceView[];
  readonly hold: Hold | null;
  /** The previous good artifact: what a one-click rollback goes to. */
  readonly lastKnownGood: (ArtifactRef & { readonly deploymentId: number }) | null;
  /** What runs in the previous environment and could be promoted here (null for the first environment). */
  readonly promotable: (ArtifactRef & { readonly fromEnvironment: string }) | null;
  /** http://127.0.0.1:port when the environment has a public port. */
  readonly url: string | null;
}

export interface Hold {
  readonly service: string;
  readonly environment: string;
  readonly since: string;
  readonly by: string;
  readonly reason: string | null;
  readonly deploymentId: number | null;
}

/** `paused-workload` and `degraded`: a Kubernetes workload paused by hand, or not available (read from its watch). */
export const INBOX_KINDS = ['pending-approval', 'paused-canary', 'held', 'interrupted', 'paused-workload', 'degraded'] as const;
export type InboxKind = (typeof INBOX_KINDS)[number];

export interface InboxItem {
  readonly kind: InboxKind;
  readonly service: string;
  readonly environment: string;
  readonly deploymentId: number | null;
  readonly since: string;
  /** One sentence: what waits and for whom. */
  readonly summary: string;
}

export interface Board {
  readonly services: readonly { readonly service: string; readonly environments: readonly EnvironmentStatus[] }[];
  readonly inbox: readonly InboxItem[];
  /** When the targets were read (health, drift); null when they could not be read at all. */
  readonly checkedAt: string;
}

export type PreflightStatus = 'ok' | 'warning' | 'blocked';

export interface PreflightCheck {
  readonly id: 'artifact' | 'target' | 'changes' | 'migrations' | 'automation' | 'lock';
  readonly status: PreflightStatus;
  readonly title: string;
  readonly detail: string;
}

export const MIGRATION_KINDS = ['additive', 'rename', 'drop', 'type-change', 'other-incompatible'] as const;
export type MigrationKind = (typeof MIGRATION_KINDS)[number];

/** A migration a rollback would cross (it was added after the rollback's target). */
export interface MigrationCrossing {
  readonly file: string;
  readonly kind: MigrationKind;
  readonly backwardCompatible: boolean;
  /** The statement that makes it incompatible, or why it is considered compatible. */
  readonly explanation: string;
}

export interface RollbackCandidate extends ArtifactRef {
  readonly deploymentId: number;
  readonly deployedAt: string;
  readonly pruned: boolean;
}

export interface RollbackPreflight {
  readonly service: string;
  readonly environment: string;
  readonly from: ArtifactRef | null;
  readonly to: RollbackCandidate;
  readonly checks: readonly PreflightCheck[];
  /** Commits the rollback takes out (from `to` to `from`), newest first; null when git could not say. */
  readonly commits: readonly Commit[] | null;
  readonly settingsDiff: readonly SettingChange[];
  /** Container configuration that differs between the two artifacts' images (env, command, ports, user…). */
  readonly containerDiff: readonly SettingChange[];
  readonly migrations: readonly MigrationCrossing[];
  /** A check is blocked: the rollback is refused (unless `overridable`). */
  readonly blocked: boolean;
  /** Only migrations block: a typed override reason lets it go ahead, and is recorded. */
  readonly overridable: boolean;
  /** Other good artifacts of the environment, newest first (the older ones a rollback can go to). */
  readonly candidates: readonly RollbackCandidate[];
}

export interface TimelineEntry {
  readonly service: string;
  readonly environment: string;
  readonly deploymentId: number;
  readonly arrivedAt: string;
  readonly by: string;
  readonly strategy: ReleaseStrategy | 'recreate';
  readonly trigger: ReleaseTrigger;
  /** How the release ended: succeeded, failed, rolled-back, interrupted, or still going. */
  readonly status: string;
  /** When and how it left the environment; null while it still runs there. */
  readonly left: { readonly at: string; readonly how: string; readonly byDeploymentId: number } | null;
}

export interface ArtifactTimeline {
  readonly digest: string;
  readonly service: string;
  readonly version: string | null;
  readonly commitSha: string;
  readonly entries: readonly TimelineEntry[];
}

/** A hint that a release moved: refetch boards and details. */
export interface ReleaseChange {
  readonly service: string;
  readonly environment: string;
  readonly deploymentId: number | null;
}
