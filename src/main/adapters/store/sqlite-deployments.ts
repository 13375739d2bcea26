import type Database from 'better-sqlite3';
import type {
  Approval,
  ApprovalDecision,
  CanaryVerdict,
  Deployment,
  DeploymentEvent,
  DeploymentStatus,
  DeploymentStrategy
} from '../../../shared/domain/deployments';
import { AppError } from '../../../shared/result';
import type { DeploymentsReads, DeploymentsWrites, NewApproval, NewDeployment, NewDeploymentEvent } from '../../ports/store';
import { pageBinds, toPage } from './paging';
import { isFinal } from './release-rows';
import type { ServiceIds } from './service-ids';

interface DeploymentRow {
  id: number;
  service: string;
  environment: string;
  artifact_id: number;
  digest: string;
  previous_artifact_id: number | null;
  strategy: DeploymentStrategy;
  started_by: string;
  created_at: string;
  rollback_of_id: number | null;
  status: DeploymentStatus;
  canary_verdict: CanaryVerdict | null;
}
interface EventRow {
  id: number;
  status: DeploymentStatus;
  detail: string | null;
  canary_verdict: CanaryVerdict | null;
  at: string;
}
export interface ApprovalRow {
  id: number;
  decision: ApprovalDecision;
  decided_by: string;
  comment: string | null;
  decided_at: string;
}

// The status is the latest event's; the verdict the latest one given.
const COLUMNS = `d.id, s.name AS service, e.name AS environment, d.artifact_id, a.digest, d.previous_artifact_id, d.strategy,
  d.started_by, d.created_at, d.rollback_of_id,
  (SELECT status FROM deployment_events WHERE deployment_id = d.id ORDER BY id DESC LIMIT 1) AS status,
  (SELECT canary_verdict FROM deployment_events WHERE deployment_id = d.id AND canary_verdict IS NOT NULL ORDER BY id DESC LIMIT 1) AS canary_verdict
  FROM deployments d JOIN environments e ON e.id = d.environment_id JOIN services s ON s.id = e.service_id
  JOIN artifacts a ON a.id = d.artifact_id`;

const toDeployment = (row: DeploymentRow): Deployment => ({
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
  canaryVerdict: row.canary_verdict
});
const toEvent = (row: EventRow): DeploymentEvent => ({
  id: row.id,
  status: row.status,
  detail: row.detail,
  canaryVerdict: row.canary_verdict,
  at: row.at
});
export const toApproval = (row: ApprovalRow): Approval => ({
  id: row.id,
  decision: row.decision,
  decidedBy: row.decided_by,
  comment: row.comment,
  decidedAt: row.decided_at
});

/** Deployment records on SQLite: deployments, events and approvals are append-only tables (triggers). */
export function createSqliteDeployments(
  db: Database.Database,
  now: () => string,
  services: ServiceIds
): DeploymentsReads & DeploymentsWrites {
  const statements = {
    insert: db.prepare(
      `INSERT INTO deployments (environment_id, artifact_id, previous_artifact_id, strategy, started_by, created_at, rollback_of_id)
       VALUES (?, ?, ?, ?, ?, ?, ?)`
    ),
    insertEvent: db.prepare('INSERT INTO deployment_events (deployment_id, status, detail, canary_verdict, at) VALUES (?, ?, ?, ?, ?)'),
    // A release that ends frees its environment, whichever API recorded the end.
    freeLock: db.prepare('DELETE FROM release_locks WHERE deployment_id = ?'),
    insertApproval: db.prepare(
      'INSERT INTO approvals (deployment_id, decision, decided_by, comment, decided_at) VALUES (?, ?, ?, ?, ?)'
    ),
    byId: db.prepare<[number], DeploymentRow>(`SELECT ${COLUMNS} WHERE d.id = ?`),
    ofEnvironment: db.prepare<[number, number, number], DeploymentRow>(
      `SELECT ${COLUMNS} WHERE d.environment_id = ? AND d.id < ? ORDER BY d.id DESC LIMIT ?`
    ),
    events: db.prepare<[number], EventRow>('SELECT id, status, detail, canary_verdict, at FROM deployment_events WHERE deployment_id = ? ORDER BY id'),
    event: db.prepare<[number], EventRow>('SELECT id, status, detail, canary_verdict, at FROM deployment_events WHERE id = ?'),
    approvals: db.prepare<[number], ApprovalRow>('SELECT * FROM approvals WHERE deployment_id = ? ORDER BY id'),
    approval: db.prepare<[number], ApprovalRow>('SELECT * FROM approvals WHERE id = ?'),
    artifactOfService: db.prepare<[number, number], { id: number }>(
      'SELECT a.id FROM artifacts a JOIN environments e ON e.service_id = a.service_id WHERE a.id = ? AND e.id = ?'
    )
  };

  const requireDeployment = (id: number): DeploymentRow => {
    const row = statements.byId.get(id);
    if (!row) throw new AppError('NOT_FOUND', `There is no deployment #${id}.`, 'Check the deployment in the environment\'s history.');
    return row;
  };

  const recordDeployment = db.transaction((deployment: NewDeployment): Deployment => {
    const environmentId = services.requireEnvironment(deployment.service, deployment.environment);
    // A service deploys its own artifacts only.
    if (!statements.artifactOfService.get(deployment.artifactId, environmentId)) {
      throw new AppError(
        'NOT_FOUND',
        `Service "${deployment.service}" has no artifact #${deployment.artifactId}.`,
        'Pick an artifact from the service\'s artifact history.'
      );
    }
    if (deployment.rollbackOfId !== null) requireDeployment(deployment.rollbackOfId);
    const at = now();
    const id = Number(
      statements.insert.run(
        environmentId,
        deployment.artifactId,
        deployment.previousArtifactId,
        deployment.strategy,
        deployment.startedBy,
        at,
        deployment.rollbackOfId
      ).lastInsertRowid
    );
    statements.insertEvent.run(id, deployment.status, deployment.detail ?? null, null, at);
    return toDeployment(requireDeployment(id));
  });

  const appendEvent = db.transaction((deploymentId: number, event: NewDeploymentEvent): DeploymentEvent => {
    requireDeployment(deploymentId);
    const inserted = statements.insertEvent.run(deploymentId, event.status, event.detail ?? null, event.canaryVerdict ?? null, now());
    if (isFinal(event.status)) statements.freeLock.run(deploymentId);
    return toEvent(statements.event.get(Number(inserted.lastInsertRowid)) as EventRow);
  });

  const recordApproval = db.transaction((deploymentId: number, approval: NewApproval): Approval => {
    requireDeployment(deploymentId);
    const inserted = statements.insertApproval.run(deploymentId, approval.decision, approval.decidedBy, approval.comment ?? null, now());
    return toApproval(statements.approval.get(Number(inserted.lastInsertRowid)) as ApprovalRow);
  });

  return {
    getDeployment: (deploymentId) => {
      const row = statements.byId.get(deploymentId);
      if (!row) return null;
      return {
        ...toDeployment(row),
        events: statements.events.all(deploymentId).map(toEvent),
        approvals: statements.approvals.all(deploymentId).map(toApproval)
      };
    },
    listDeployments: (service, environment, page) => {
      const environmentId = services.requireEnvironment(service, environment);
      const { beforeId, take } = pageBinds(page);
      return toPage(statements.ofEnvironment.all(environmentId, beforeId, take), page, toDeployment);
    },
    recordDeployment: (deployment) => recordDeployment(deployment),
    appendEvent: (deploymentId, event) => appendEvent(deploymentId, event),
    recordApproval: (deploymentId, approval) => recordApproval(deploymentId, approval)
  };
}
