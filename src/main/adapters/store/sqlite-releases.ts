import type Database from 'better-sqlite3';
import type { Approval, ApprovalDecision } from '../../../shared/domain/deployments';
import type { Hold, Release, ReleaseEvent, ReleasePhase } from '../../../shared/domain/releases';
import { AppError } from '../../../shared/result';
import type {
  AuditWrites,
  NewRelease,
  NewReleaseEvent,
  ReleaseLock,
  ReleasesReads,
  ReleasesWrites,
  WorkspaceReads
} from '../../ports/store';
import { pageBinds, toPage } from './paging';
import { createEnvironmentResolver, type ActiveEnvironment } from './release-environments';
import { alreadyPendingApproval, notPendingApproval, releaseEnded, releaseInProgress, releaseNotFound } from './release-refusals';
import {
  isFinal,
  RELEASE_EVENT_COLUMNS,
  RELEASES,
  toRelease,
  toReleaseEvent,
  type ReleaseEventRow,
  type ReleaseRow
} from './release-rows';
import type { ServiceIds } from './service-ids';
import { createSqliteReleaseSettings } from './sqlite-release-settings';
import { toApproval, type ApprovalRow } from './sqlite-deployments';

interface LockRow {
  service: string;
  environment: string;
  deployment_id: number;
  holder: string;
  pid: number | null;
  since: string;
}
interface HoldRow {
  service: string;
  environment: string;
  action: 'hold' | 'release';
  deployment_id: number | null;
  actor: string;
  reason: string | null;
  at: string;
}

const toLock = (row: LockRow): ReleaseLock => ({
  service: row.service,
  environment: row.environment,
  deploymentId: row.deployment_id,
  holder: row.holder,
  pid: row.pid,
  since: row.since
});
const toHold = (row: HoldRow): Hold => ({
  service: row.service,
  environment: row.environment,
  since: row.at,
  by: row.actor,
  reason: row.reason,
  deploymentId: row.deployment_id
});

/** Events that note something about a release after it ended, without changing how it ended. */
const NOTES_AFTER_END: ReadonlySet<ReleasePhase> = new Set(['idle-removed', 'reconciled', 'hold-placed', 'hold-released']);

/** Who is named in the audit log for what Shipdeck did by itself. */
const SHIPDECK = 'shipdeck';

const LOCK = `SELECT s.name AS service, e.name AS environment, l.deployment_id, l.holder, l.pid, l.since
  FROM release_locks l JOIN environments e ON e.id = l.environment_id JOIN services s ON s.id = e.service_id`;
const HOLD = `SELECT s.name AS service, e.name AS environment, h.action, h.deployment_id, h.actor, h.reason, h.at
  FROM environment_holds h JOIN environments e ON e.id = h.environment_id JOIN services s ON s.id = e.service_id`;

/**
 * Releases on SQLite, over the deployment records (append-only), the environment's lock row (the one
 * thing here that is rewritten and deleted: it is not a record) and the appended holds. Each write is a
 * (nestable) transaction that also appends its audit entry.
 */
export function createSqliteReleases(
  db: Database.Database,
  now: () => string,
  services: ServiceIds,
  audit: Pick<AuditWrites, 'append'>,
  workspace: Pick<WorkspaceReads, 'findService'>
): ReleasesReads & ReleasesWrites {
  const environments = createEnvironmentResolver(db);
  const statements = {
    release: db.prepare<[number], ReleaseRow>(`${RELEASES} WHERE d.id = ?`),
    ofEnvironment: db.prepare<[number, number, number], ReleaseRow>(`${RELEASES} WHERE d.environment_id = ? AND d.id < ? ORDER BY d.id DESC LIMIT ?`),
    // The page's ids first, so the latest-event columns are computed for the page only.
    ofService: db.prepare<[number, number, number], ReleaseRow>(
      `${RELEASES} WHERE d.id IN (SELECT p.id FROM deployments p JOIN environments pe ON pe.id = p.environment_id
         WHERE pe.service_id = ? AND p.id < ? ORDER BY p.id DESC LIMIT ?) ORDER BY d.id DESC`
    ),
    ofDigest: db.prepare<[string], ReleaseRow>(`${RELEASES} WHERE a.digest = ? ORDER BY d.id`),
    current: db.prepare<[number], ReleaseRow>(`${RELEASES} WHERE d.environment_id = ? AND latest.status = 'succeeded' ORDER BY d.id DESC LIMIT 1`),
    // Newest first, read only as far as the caller needs (see goodReleases).
    succeeded: db.prepare<[number], ReleaseRow>(`${RELEASES} WHERE d.environment_id = ? AND latest.status = 'succeeded' ORDER BY d.id DESC`),
    // A release that ended never becomes unsettled again (appendReleaseEvent refuses it), so the candidates
    // are those with an unsettled event and no final one: two walks of the events' status index.
    unsettled: db.prepare<[], ReleaseRow>(
      `${RELEASES} WHERE d.id IN (SELECT deployment_id FROM deployment_events WHERE status IN ('pending-approval', 'in-progress')
         EXCEPT SELECT deployment_id FROM deployment_events WHERE status IN ('succeeded', 'failed', 'rolled-back', 'interrupted'))
       AND latest.status IN ('pending-approval', 'in-progress') ORDER BY d.id`
    ),
    pendingApproval: db.prepare<[number], ReleaseRow>(
      `${RELEASES} WHERE d.environment_id = ? AND d.id IN (SELECT deployment_id FROM deployment_events WHERE status = 'pending-approval')
       AND latest.status = 'pending-approval' ORDER BY d.id LIMIT 1`
    ),
    firstEventAt: db.prepare<[number], { at: string }>('SELECT at FROM deployment_events WHERE deployment_id = ? ORDER BY id LIMIT 1'),
    events: db.prepare<[number], ReleaseEventRow>(`SELECT ${RELEASE_EVENT_COLUMNS} FROM deployment_events WHERE deployment_id = ? ORDER BY id`),
    event: db.prepare<[number], ReleaseEventRow>(`SELECT ${RELEASE_EVENT_COLUMNS} FROM deployment_events WHERE id = ?`),
    approvals: db.prepare<[number], ApprovalRow>('SELECT id, decision, decided_by, comment, decided_at FROM approvals WHERE deployment_id = ? ORDER BY id'),
    approval: db.prepare<[number], ApprovalRow>('SELECT id, decision, decided_by, comment, decided_at FROM approvals WHERE id = ?'),
    artifactOfService: db.prepare<[number, string], { id: number }>('SELECT id FROM artifacts WHERE service_id = ? AND digest = ? ORDER BY id DESC LIMIT 1'),
    insertRelease: db.prepare(
      `INSERT INTO deployments (environment_id, artifact_id, previous_artifact_id, strategy, started_by, created_at, rollback_of_id,
         trigger, reason, override_reason, settings)
       VALUES (@environmentId, @artifactId, @previousArtifactId, @strategy, @startedBy, @at, @rollbackOfId, @trigger, @reason, @overrideReason, @settings)`
    ),
    insertEvent: db.prepare(
      `INSERT INTO deployment_events (deployment_id, status, detail, canary_verdict, at, phase, step, weight, actor, data)
       VALUES (@deploymentId, @status, @detail, @canaryVerdict, @at, @phase, @step, @weight, @actor, @data)`
    ),
    insertApproval: db.prepare('INSERT INTO approvals (deployment_id, decision, decided_by, comment, decided_at) VALUES (?, ?, ?, ?, ?)'),
    lockOf: db.prepare<[number], LockRow>(`${LOCK} WHERE l.environment_id = ?`),
    lockOfRelease: db.prepare<[number], LockRow>(`${LOCK} WHERE l.deployment_id = ?`),
    insertLock: db.prepare('INSERT INTO release_locks (environment_id, deployment_id, holder, pid, since) VALUES (?, ?, ?, ?, ?)'),
    retakeLock: db.prepare('UPDATE release_locks SET holder = ?, pid = ? WHERE deployment_id = ?'),
    setLockPid: db.prepare('UPDATE release_locks SET pid = ? WHERE deployment_id = ?'),
    freeLock: db.prepare('DELETE FROM release_locks WHERE deployment_id = ?'),
    latestHold: db.prepare<[number], HoldRow>(`${HOLD} WHERE h.environment_id = ? ORDER BY h.id DESC LIMIT 1`),
    heldNow: db.prepare<[], HoldRow>(
      `${HOLD} WHERE h.id IN (SELECT max(id) FROM environment_holds GROUP BY environment_id) AND h.action = 'hold'
       AND e.retired_at IS NULL AND s.retired_at IS NULL ORDER BY h.id`
    ),
    insertHold: db.prepare('INSERT INTO environment_holds (environment_id, action, deployment_id, actor, reason, at) VALUES (?, ?, ?, ?, ?, ?)'),
    hasApproval: db.prepare<[number], { id: number }>("SELECT id FROM approvals WHERE deployment_id = ? AND decision = 'approved' LIMIT 1")
  };

  const findRelease = (id: number): Release | null => {
    const row = statements.release.get(id);
    return row ? toRelease(row) : null;
  };
  const requireRelease = (id: number): Release & { readonly environmentId: number; readonly statusAt: string } => {
    const row = statements.release.get(id);
    if (!row) throw releaseNotFound(id);
    return { ...toRelease(row), environmentId: row.environment_id, statusAt: row.status_at };
  };
  const requireArtifact = (env: ActiveEnvironment, digest: string): number => {
    const row = statements.artifactOfService.get(env.serviceId, digest);
    if (!row) {
      throw new AppError(
        'NOT_FOUND',
        `Service "${env.service}" has no artifact ${digest}.`,
        "Pick an artifact from the service's artifact history (shipdeck artifacts list)."
      );
    }
    return row.id;
  };
  const refuseIfLocked = (environmentId: number): void => {
    const row = statements.lockOf.get(environmentId);
    if (!row) return;
    const lock = toLock(row);
    const holding = findRelease(lock.deploymentId);
    if (!holding) throw new AppError('INTERNAL', `The lock of ${lock.environment} of ${lock.service} names release #${lock.deploymentId}, which does not exist.`);
    throw releaseInProgress(lock, holding);
  };

  const insertEvent = (deploymentId: number, event: NewReleaseEvent): ReleaseEvent => {
    if (event.weight !== undefined && event.weight !== null && !(Number.isInteger(event.weight) && event.weight >= 0 && event.weight <= 100)) {
      throw new AppError('INVALID_INPUT', `A traffic weight is a whole percentage from 0 to 100, not ${event.weight}.`);
    }
    const inserted = statements.insertEvent.run({
      deploymentId,
      status: event.status,
      detail: event.detail ?? null,
      canaryVerdict: event.canaryVerdict ?? null,
      at: now(),
      phase: event.phase,
      step: event.step ?? null,
      weight: event.weight ?? null,
      actor: event.actor ?? null,
      data: JSON.stringify(event.data ?? {})
    });
    // The lock names an unsettled release only: the release that ends frees its environment.
    if (isFinal(event.status)) statements.freeLock.run(deploymentId);
    return toReleaseEvent(statements.event.get(Number(inserted.lastInsertRowid)) as ReleaseEventRow);
  };

  const releaseAudit = (release: Release, actor: string, action: string, details: Record<string, string | number | boolean | null>) =>
    audit.append({
      actor,
      action,
      subject: `release:${release.id}`,
      details: { service: release.service, environment: release.environment, digest: release.digest, ...details }
    });

  const startRelease = db.transaction((release: NewRelease): Release => {
    const env = environments.requireActive(release.service, release.environment);
    const artifactId = requireArtifact(env, release.digest);
    const previousArtifactId = release.previousDigest === null ? null : requireArtifact(env, release.previousDigest);
    if (release.rollbackOfId !== null) {
      const undone = requireRelease(release.rollbackOfId);
      if (undone.environmentId !== env.id) {
        throw new AppError(
          'RELEASE_REFUSED',
          `Release #${undone.id} went to ${undone.environment} of ${undone.service}: a rollback of ${env.environment} of ${env.service} cannot undo it.`
        );
      }
    }
    if (release.status === 'in-progress') refuseIfLocked(env.id);
    else {
      const waiting = statements.pendingApproval.get(env.id);
      if (waiting) throw alreadyPendingApproval(toRelease(waiting), statements.firstEventAt.get(waiting.id)?.at ?? waiting.created_at);
    }
    const at = now();
    const id = Number(
      statements.insertRelease.run({
        environmentId: env.id,
        artifactId,
        previousArtifactId,
        strategy: release.strategy,
        startedBy: release.startedBy,
        at,
        rollbackOfId: release.rollbackOfId,
        trigger: release.trigger,
        reason: release.reason,
        overrideReason: release.overrideReason,
        settings: JSON.stringify(release.settings)
      }).lastInsertRowid
    );
    const waits = release.status === 'pending-approval';
    insertEvent(id, { status: release.status, phase: waits ? 'approval-requested' : 'started', detail: release.detail, actor: release.startedBy });
    if (!waits) statements.insertLock.run(env.id, id, release.startedBy, release.pid, at);
    const recorded = requireRelease(id);
    releaseAudit(recorded, release.startedBy, waits ? 'release.requested' : 'release.started', {
      strategy: release.strategy,
      trigger: release.trigger,
      ...(release.rollbackOfId !== null ? { rollbackOf: release.rollbackOfId } : {}),
      ...(release.reason !== null ? { reason: release.reason } : {}),
      ...(release.overrideReason !== null ? { overrideReason: release.overrideReason } : {})
    });
    return findRelease(id) as Release;
  });

  const appendReleaseEvent = db.transaction((deploymentId: number, event: NewReleaseEvent): ReleaseEvent => {
    const release = requireRelease(deploymentId);
    if (isFinal(release.status)) {
      // An ended release only learns that it was undone later, or gets a note that leaves its end as it was.
      const undone = event.status === 'rolled-back' && release.status !== 'rolled-back';
      const note = event.status === release.status && NOTES_AFTER_END.has(event.phase);
      if (!undone && !note) throw releaseEnded(release, release.statusAt, event.status);
    }
    const appended = insertEvent(deploymentId, event);
    // The audit log keeps how a release ended and what people did to it, not every step of the strategy.
    const ended = isFinal(event.status) && event.status !== release.status;
    if (ended || (event.actor ?? null) !== null) {
      releaseAudit(release, event.actor ?? SHIPDECK, `release.${event.phase}`, { status: event.status, detail: event.detail ?? null });
    }
    return appended;
  });

  const decideApproval = db.transaction((deploymentId: number, decision: ApprovalDecision, decidedBy: string, comment: string | null): Approval => {
    const release = requireRelease(deploymentId);
    if (release.status !== 'pending-approval') throw notPendingApproval(release);
    if (decision === 'approved' && statements.hasApproval.get(deploymentId)) {
      throw new AppError(
        'RELEASE_REFUSED',
        `Release #${deploymentId} is already approved; it starts when ${release.environment} of ${release.service} is free.`,
        `Reject it to cancel it: shipdeck reject ${deploymentId} --reason TEXT.`
      );
    }
    const at = now();
    const inserted = statements.insertApproval.run(deploymentId, decision, decidedBy, comment, at);
    const detail = comment ?? undefined;
    if (decision === 'approved') insertEvent(deploymentId, { status: 'pending-approval', phase: 'approved', actor: decidedBy, detail });
    else insertEvent(deploymentId, { status: 'failed', phase: 'rejected', actor: decidedBy, detail });
    releaseAudit(release, decidedBy, `release.${decision}`, { comment });
    return toApproval(statements.approval.get(Number(inserted.lastInsertRowid)) as ApprovalRow);
  });

  const takeLock = db.transaction((deploymentId: number, holder: string, pid: number | null): ReleaseLock => {
    const release = requireRelease(deploymentId);
    if (isFinal(release.status)) throw releaseEnded(release, release.statusAt, 'in-progress');
    if (release.status === 'pending-approval' && !statements.hasApproval.get(deploymentId)) {
      throw new AppError(
        'RELEASE_REFUSED',
        `Release #${deploymentId} waits for approval: it cannot start before someone approves it.`,
        `Approve it first: shipdeck approve ${deploymentId}.`
      );
    }
    const own = statements.lockOfRelease.get(deploymentId);
    if (own) statements.retakeLock.run(holder, pid, deploymentId);
    else {
      refuseIfLocked(release.environmentId);
      statements.insertLock.run(release.environmentId, deploymentId, holder, pid, now());
    }
    return toLock(statements.lockOfRelease.get(deploymentId) as LockRow);
  });

  const setLockPid = db.transaction((deploymentId: number, pid: number | null): void => {
    if (statements.setLockPid.run(pid, deploymentId).changes === 0) {
      requireRelease(deploymentId);
      throw new AppError('NOT_FOUND', `Release #${deploymentId} holds no lock: it has not started, or it has ended.`);
    }
  });

  const placeHold = db.transaction(
    (service: string, environment: string, hold: { readonly deploymentId: number | null; readonly by: string; readonly reason: string | null }): Hold => {
      const env = environments.requireActive(service, environment);
      if (hold.deploymentId !== null) requireRelease(hold.deploymentId);
      statements.insertHold.run(env.id, 'hold', hold.deploymentId, hold.by, hold.reason, now());
      audit.append({
        actor: hold.by,
        action: 'environment.hold-placed',
        subject: `environment:${env.service}/${env.environment}`,
        details: { service: env.service, environment: env.environment, deploymentId: hold.deploymentId, reason: hold.reason }
      });
      return toHold(statements.latestHold.get(env.id) as HoldRow);
    }
  );

  const releaseHold = db.transaction((service: string, environment: string, by: string): void => {
    const env = environments.requireActive(service, environment);
    const latest = statements.latestHold.get(env.id);
    if (latest?.action !== 'hold') {
      throw new AppError('NOT_FOUND', `${env.environment} of ${env.service} is not held.`, 'Nothing to release: automation already moves this environment.');
    }
    statements.insertHold.run(env.id, 'release', latest.deployment_id, by, null, now());
    audit.append({
      actor: by,
      action: 'environment.hold-released',
      subject: `environment:${env.service}/${env.environment}`,
      details: { service: env.service, environment: env.environment, heldSince: latest.at, heldBy: latest.actor }
    });
  });

  const settings = createSqliteReleaseSettings(db, now, audit, workspace);

  return {
    getRelease: (deploymentId) => {
      const release = findRelease(deploymentId);
      if (!release) return null;
      return {
        ...release,
        events: statements.events.all(deploymentId).map(toReleaseEvent),
        approvals: statements.approvals.all(deploymentId).map(toApproval)
      };
    },
    listReleases: (service, environment, page) => {
      const { beforeId, take } = pageBinds(page);
      const rows =
        environment === null
          ? statements.ofService.all(services.require(service), beforeId, take)
          : statements.ofEnvironment.all(services.requireEnvironment(service, environment), beforeId, take);
      return toPage(rows, page, toRelease);
    },
    releasesOfDigest: (digest) => statements.ofDigest.all(digest).map(toRelease),
    currentRelease: (service, environment) => {
      const row = statements.current.get(services.requireEnvironment(service, environment));
      return row ? toRelease(row) : null;
    },
    unsettledReleases: () => statements.unsettled.all().map(toRelease),
    goodReleases: (service, environment, limit) => {
      const good = new Map<string, Release>();
      if (limit <= 0) return [];
      // One per digest, its newest release: stop reading once there are enough.
      for (const row of statements.succeeded.iterate(services.requireEnvironment(service, environment))) {
        if (!good.has(row.digest)) good.set(row.digest, toRelease(row));
        if (good.size >= limit) break;
      }
      return [...good.values()];
    },
    lock: (service, environment) => {
      const row = statements.lockOf.get(services.requireEnvironment(service, environment));
      return row ? toLock(row) : null;
    },
    hold: (service, environment) => {
      const row = statements.latestHold.get(services.requireEnvironment(service, environment));
      return row?.action === 'hold' ? toHold(row) : null;
    },
    holds: () => statements.heldNow.all().map(toHold),
    startRelease: (release) => startRelease(release),
    appendReleaseEvent: (deploymentId, event) => appendReleaseEvent(deploymentId, event),
    decideApproval: (deploymentId, decision, decidedBy, comment) => decideApproval(deploymentId, decision, decidedBy, comment),
    takeLock: (deploymentId, holder, pid) => takeLock(deploymentId, holder, pid),
    setLockPid: (deploymentId, pid) => setLockPid(deploymentId, pid),
    placeHold: (service, environment, hold) => placeHold(service, environment, hold),
    releaseHold: (service, environment, by) => releaseHold(service, environment, by),
    configureEnvironment: settings.configureEnvironment,
    setServiceReadOnly: settings.setServiceReadOnly
  };
}
