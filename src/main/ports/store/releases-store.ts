/**
 * Releases over the deployment records: one release at a time per environment (a lock that names its
 * holder), holds placed by manual rollbacks, the richer events a strategy appends (phase, step, weight,
 * actor), and environment settings. Records, events, approvals and holds are appended, never rewritten.
 */
import type { ApprovalDecision, DeploymentStatus } from '../../../shared/domain/deployments';
import type { EnvironmentSettings, ReleaseStrategy } from '../../../shared/domain/environment-settings';
import type { Hold, Release, ReleaseEvent, ReleaseEventData, ReleasePhase, ReleaseTrigger } from '../../../shared/domain/releases';
import type { Approval } from '../../../shared/domain/deployments';
import type { Service, TargetKind } from '../../../shared/domain/workspace';
import type { AuditInput } from './audit-store';
import type { Deferred } from './deferred';
import type { Page, PageRequest } from './paging';

/** Who runs a release now: the process (pid) executing its steps; null while it waits for a person. */
export interface ReleaseLock {
  readonly service: string;
  readonly environment: string;
  readonly deploymentId: number;
  readonly holder: string;
  readonly pid: number | null;
  readonly since: string;
}

export interface NewRelease {
  readonly service: string;
  readonly environment: string;
  /** The artifact, by digest (must be an artifact of the service). */
  readonly digest: string;
  /** What ran before (null for a first release). */
  readonly previousDigest: string | null;
  readonly strategy: ReleaseStrategy;
  readonly trigger: ReleaseTrigger;
  readonly startedBy: string;
  readonly rollbackOfId: number | null;
  readonly reason: string | null;
  readonly overrideReason: string | null;
  readonly settings: EnvironmentSettings;
  /**
   * `pending-approval` records it waiting (no lock; refused when another release of the environment is
   * already waiting for approval); `in-progress` takes the lock for `pid` (refused with RELEASE_IN_PROGRESS
   * naming the holder and since when, when the environment is locked).
   */
  readonly status: Extract<DeploymentStatus, 'pending-approval' | 'in-progress'>;
  readonly pid: number | null;
  readonly detail?: string | undefined;
}

export interface NewReleaseEvent {
  readonly status: DeploymentStatus;
  readonly phase: ReleasePhase;
  readonly detail?: string | undefined;
  readonly step?: number | null | undefined;
  readonly weight?: number | null | undefined;
  readonly actor?: string | null | undefined;
  readonly data?: ReleaseEventData | undefined;
  readonly canaryVerdict?: 'pass' | 'fail' | 'inconclusive' | undefined;
}

export interface EnvironmentPatch {
  readonly targetKind?: TargetKind | undefined;
  readonly requiresApproval?: boolean | undefined;
  /** Merged over the current settings. */
  readonly settings?: Partial<EnvironmentSettings> | undefined;
}

export interface ReleasesReads {
  getRelease(deploymentId: number): (Release & { readonly events: readonly ReleaseEvent[]; readonly approvals: readonly Approval[] }) | null;
  /** Newest first; all environments of the service when `environment` is null. */
  listReleases(service: string, environment: string | null, page: PageRequest): Page<Release>;
  /** Every release of an artifact (by digest), oldest first. */
  releasesOfDigest(digest: string): readonly Release[];
  /** The latest succeeded release: what the record says runs there. */
  currentRelease(service: string, environment: string): Release | null;
  /** Releases that have not settled (pending approval or in progress, incl. paused), oldest first. */
  unsettledReleases(): readonly Release[];
  /**
   * Succeeded releases not later undone, newest first, one per digest: the current one first, then the
   * rollback candidates.
   */
  goodReleases(service: string, environment: string, limit: number): readonly Release[];
  lock(service: string, environment: string): ReleaseLock | null;
  hold(service: string, environment: string): Hold | null;
  holds(): readonly Hold[];
}

/** Every write appends; each also appends its audit entry in the same transaction. */
export interface ReleasesWrites {
  startRelease(release: NewRelease): Release;
  /**
   * Appends an event. A final status (succeeded, failed, rolled-back, interrupted) frees the
   * environment's lock in the same transaction.
   */
  appendReleaseEvent(deploymentId: number, event: NewReleaseEvent): ReleaseEvent;
  /**
   * Records the decision with its event (approved keeps it pending until `takeLock`; rejected ends it
   * failed). Throws RELEASE_REFUSED when it is not pending approval.
   */
  decideApproval(deploymentId: number, decision: ApprovalDecision, decidedBy: string, comment: string | null): Approval;
  /** Takes the environment's lock for a release (after approval, or to continue a paused one). RELEASE_IN_PROGRESS when another holds it. */
  takeLock(deploymentId: number, holder: string, pid: number | null): ReleaseLock;
  /** The release keeps its lock but no process executes it (paused, waiting for a person); or a process takes it up again. */
  setLockPid(deploymentId: number, pid: number | null): void;
  placeHold(service: string, environment: string, hold: { readonly deploymentId: number | null; readonly by: string; readonly reason: string | null }): Hold;
  /** Throws NOT_FOUND when the environment is not held. */
  releaseHold(service: string, environment: string, by: string): void;
  /** Changes one environment; creates it last in the promotion order when it does not exist. Audited. */
  configureEnvironment(service: string, environment: string, patch: EnvironmentPatch, audit: AuditInput): Service;
  setServiceReadOnly(service: string, readOnly: boolean, audit: AuditInput): Service;
}

export type ReleasesStore = ReleasesReads & Deferred<ReleasesWrites>;
