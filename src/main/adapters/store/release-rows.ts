import type { CanaryVerdict, DeploymentStatus, DeploymentStrategy } from '../../../shared/domain/deployments';
import { settingsFrom } from '../../../shared/domain/environment-settings';
import type { Release, ReleaseEvent, ReleaseEventData, ReleasePhase, ReleaseTrigger } from '../../../shared/domain/releases';

/** A release's status is its latest event's; once it is one of these, the release has ended. */
export const FINAL_STATUSES: ReadonlySet<DeploymentStatus> = new Set(['succeeded', 'failed', 'rolled-back', 'interrupted']);
export const isFinal = (status: DeploymentStatus): boolean => FINAL_STATUSES.has(status);

/** Records written before releases had phases (and by the plain Deployment API) read as the phase their status implies. */
export function phaseOfStatus(status: DeploymentStatus): ReleasePhase {
  switch (status) {
    case 'pending-approval':
      return 'approval-requested';
    case 'in-progress':
      return 'started';
    case 'succeeded':
      return 'completed';
    case 'failed':
      return 'failed';
    case 'rolled-back':
      return 'rolled-back';
    case 'interrupted':
      return 'interrupted';
  }
}

export interface ReleaseRow {
  id: number;
  environment_id: number;
  service: string;
  environment: string;
  artifact_id: number;
  digest: string;
  version: string | null;
  commit_sha: string;
  previous_artifact_id: number | null;
  previous_digest: string | null;
  previous_version: string | null;
  previous_commit_sha: string | null;
  strategy: DeploymentStrategy;
  started_by: string;
  created_at: string;
  rollback_of_id: number | null;
  trigger: ReleaseTrigger;
  reason: string | null;
  override_reason: string | null;
  settings: string | null;
  status: DeploymentStatus;
  phase: ReleasePhase | null;
  status_at: string;
  weight: number | null;
  canary_verdict: CanaryVerdict | null;
}

/**
 * One row per deployment with what a release adds: the status and phase of its latest event, the latest
 * weight and verdict given, both artifacts. A rejection's comment is the reason when none was given at start.
 */
export const RELEASES = `SELECT d.id, d.environment_id, s.name AS service, e.name AS environment,
  d.artifact_id, a.digest, a.version, a.commit_sha,
  d.previous_artifact_id, pa.digest AS previous_digest, pa.version AS previous_version, pa.commit_sha AS previous_commit_sha,
  d.strategy, d.started_by, d.created_at, d.rollback_of_id, d.trigger,
  coalesce(d.reason, (SELECT comment FROM approvals WHERE deployment_id = d.id AND decision = 'rejected' ORDER BY id DESC LIMIT 1)) AS reason,
  d.override_reason, d.settings,
  latest.status, latest.phase, latest.at AS status_at,
  (SELECT weight FROM deployment_events WHERE deployment_id = d.id AND weight IS NOT NULL ORDER BY id DESC LIMIT 1) AS weight,
  (SELECT canary_verdict FROM deployment_events WHERE deployment_id = d.id AND canary_verdict IS NOT NULL ORDER BY id DESC LIMIT 1) AS canary_verdict
  FROM deployments d JOIN environments e ON e.id = d.environment_id JOIN services s ON s.id = e.service_id
  JOIN artifacts a ON a.id = d.artifact_id LEFT JOIN artifacts pa ON pa.id = d.previous_artifact_id
  JOIN deployment_events latest ON latest.id = (SELECT max(id) FROM deployment_events WHERE deployment_id = d.id)`;

export const toRelease = (row: ReleaseRow): Release => ({
  id: row.id,
  service: row.service,
  environment: row.environment,
  artifactId: row.artifact_id,
  digest: row.digest,
  previousArtifactId: row.previous_artifact_id,
  strategy: row.strategy,
  startedBy: row.started_by,
  createdAt: row.created_at,
  rollbackOfId: row.rollback_of_id,
  status: row.status,
  canaryVerdict: row.canary_verdict,
  trigger: row.trigger,
  reason: row.reason,
  overrideReason: row.override_reason,
  settings: row.settings === null ? null : settingsFrom(JSON.parse(row.settings)),
  version: row.version,
  commitSha: row.commit_sha,
  previousDigest: row.previous_digest,
  previousVersion: row.previous_version,
  previousCommitSha: row.previous_commit_sha,
  phase: row.phase ?? phaseOfStatus(row.status),
  weight: row.weight
});

export interface ReleaseEventRow {
  id: number;
  status: DeploymentStatus;
  detail: string | null;
  canary_verdict: CanaryVerdict | null;
  at: string;
  phase: ReleasePhase | null;
  step: number | null;
  weight: number | null;
  actor: string | null;
  data: string;
}

export const RELEASE_EVENT_COLUMNS = 'id, status, detail, canary_verdict, at, phase, step, weight, actor, data';

export const toReleaseEvent = (row: ReleaseEventRow): ReleaseEvent => ({
  id: row.id,
  status: row.status,
  detail: row.detail,
  canaryVerdict: row.canary_verdict,
  at: row.at,
  phase: row.phase ?? phaseOfStatus(row.status),
  step: row.step,
  weight: row.weight,
  actor: row.actor,
  data: JSON.parse(row.data) as ReleaseEventData
});

/** How a person recognises an artifact in a sentence: its version, else the start of its digest. */
export const artifactName = (version: string | null, digest: string): string => version ?? digest.replace(/^sha256:/, '').slice(0, 12);
