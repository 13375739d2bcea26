import path from 'node:path';
import type { AuditEntry, Environment, Service, TargetKind } from '../../../shared/domain/workspace';
import { AppError } from '../../../shared/result';
import type { AuditInput, NewService, ReleaseStore } from '../../ports/store';
import { migrate } from './migrate';
import { createWriter } from './non-blocking-write';
import { MIGRATIONS } from './migrations';
import { openDatabase, type OpenDatabaseOptions } from './open-database';
import { serviceNotFound } from '../../../shared/domain/workspace-errors';

export const DATABASE_FILE_NAME = 'shipdeck.db';

interface ServiceRow {
  id: number;
  name: string;
  repo_path: string;
  image_repository: string | null;
  pipeline_file: string;
  created_at: string;
  retired_at: string | null;
}
interface EnvironmentRow {
  name: string;
  position: number;
  target_kind: TargetKind;
  requires_approval: 0 | 1;
}
interface AuditRow {
  id: number;
  at: string;
  actor: string;
  action: string;
  subject: string;
  details: string;
}

type EnvironmentSpec = Omit<Environment, 'position'>;

/** The release store on SQLite, in `<dataDir>/shipdeck.db`. */
export function openReleaseStore(
  dataDir: string,
  options: OpenDatabaseOptions & { readonly now?: () => string } = {}
): ReleaseStore {
  const now = options.now ?? (() => new Date().toISOString());
  const file = path.join(dataDir, DATABASE_FILE_NAME);
  const db = openDatabase(file, options);
  try {
    guard(() => migrate(db, MIGRATIONS, now));
  } catch (error) {
    db.close();
    throw error;
  }

  const statements = {
    allServices: db.prepare<[], ServiceRow>(
      'SELECT * FROM services WHERE retired_at IS NULL ORDER BY name COLLATE NOCASE'
    ),
    // Names are matched without regard to case: "API" finds "api".
    serviceByName: db.prepare<[string], ServiceRow>(
      'SELECT * FROM services WHERE name = ? COLLATE NOCASE AND retired_at IS NULL'
    ),
    retiredByName: db.prepare<[string], ServiceRow>(
      'SELECT * FROM services WHERE name = ? COLLATE NOCASE AND retired_at IS NOT NULL ORDER BY id DESC LIMIT 1'
    ),
    reviveService: db.prepare(
      'UPDATE services SET retired_at = NULL, repo_path = ?, image_repository = ?, pipeline_file = ? WHERE id = ?'
    ),
    retireService: db.prepare('UPDATE services SET retired_at = ? WHERE id = ?'),
    setServicePath: db.prepare('UPDATE services SET repo_path = ? WHERE id = ?'),
    activeEnvironments: db.prepare<[number], EnvironmentRow>(
      'SELECT name, position, target_kind, requires_approval FROM environments WHERE service_id = ? AND retired_at IS NULL ORDER BY position'
    ),
    insertService: db.prepare(
      'INSERT INTO services (name, repo_path, image_repository, pipeline_file, created_at) VALUES (?, ?, ?, ?, ?)'
    ),
    upsertEnvironment: db.prepare(`
      INSERT INTO environments (service_id, name, position, target_kind, requires_approval)
      VALUES (@serviceId, @name, @position, @targetKind, @requiresApproval)
      ON CONFLICT (service_id, name) DO UPDATE SET
        position = excluded.position, target_kind = excluded.target_kind,
        requires_approval = excluded.requires_approval, retired_at = NULL`),
    retireOthers: db.prepare(
      `UPDATE environments SET retired_at = ? WHERE service_id = ? AND retired_at IS NULL
       AND name NOT IN (SELECT value FROM json_each(?))`
    ),
    insertAudit: db.prepare('INSERT INTO audit_log (at, actor, action, subject, details) VALUES (?, ?, ?, ?, ?)'),
    auditPage: db.prepare<[number, number], AuditRow>('SELECT * FROM audit_log WHERE id < ? ORDER BY id DESC LIMIT ?'),
    migrations: db.prepare<[], { version: number }>('SELECT version FROM schema_migrations ORDER BY version')
  };

  // Migrations above may wait for another process; from here on a read waits at most a moment (WAL
  // readers are not blocked by writers) and writes wait on a timer, never blocking the event loop.
  db.pragma('busy_timeout = 250');
  const write = createWriter(db, options.busyTimeoutMs ?? 10_000);

  const toService = (row: ServiceRow): Service => ({
    name: row.name,
    repoPath: row.repo_path,
    imageRepository: row.image_repository,
    pipelineFile: row.pipeline_file,
    createdAt: row.created_at,
    environments: statements.activeEnvironments.all(row.id).map((env) => ({
      name: env.name,
      position: env.position,
      targetKind: env.target_kind,
      requiresApproval: env.requires_approval === 1
    }))
  });

  const requireServiceRow = (name: string): ServiceRow => {
    const row = statements.serviceByName.get(name);
    if (!row) throw serviceNotFound(name);
    return row;
  };

  const writeEnvironments = (serviceId: number, environments: readonly EnvironmentSpec[]): void => {
    statements.retireOthers.run(now(), serviceId, JSON.stringify(environments.map((env) => env.name)));
    environments.forEach((env, position) =>
      statements.upsertEnvironment.run({
        serviceId,
        name: env.name,
        position,
        targetKind: env.targetKind,
        requiresApproval: env.requiresApproval ? 1 : 0
      })
    );
  };

  const appendAudit = (audit: AuditInput): void => {
    statements.insertAudit.run(now(), audit.actor, audit.action, audit.subject, JSON.stringify(audit.details));
  };

  const addService = db.transaction((service: NewService, audit: AuditInput): Service => {
    const existing = statements.serviceByName.get(service.name);
    if (existing) {
      throw new AppError(
        'ALREADY_EXISTS',
        existing.name === service.name
          ? `A service named "${service.name}" already exists.`
          : `A service named "${existing.name}" already exists (names do not differ by case alone).`,
        'Pick another name, or open the existing service.'
      );
    }
    // A removed service of that name comes back with its records, rather than a second service.
    const retired = statements.retiredByName.get(service.name);
    let serviceId: number;
    if (retired) {
      statements.reviveService.run(service.repoPath, service.imageRepository, service.pipelineFile, retired.id);
      serviceId = retired.id;
    } else {
      const inserted = statements.insertService.run(
        service.name,
        service.repoPath,
        service.imageRepository,
        service.pipelineFile,
        now()
      );
      serviceId = Number(inserted.lastInsertRowid);
    }
    writeEnvironments(serviceId, service.environments);
    appendAudit(audit);
    return toService(requireServiceRow(service.name));
  });

  const retireService = db.transaction((serviceName: string, audit: AuditInput): Service => {
    const row = requireServiceRow(serviceName);
    const service = toService(row);
    statements.retireService.run(now(), row.id);
    appendAudit(audit);
    return service;
  });

  const setServicePath = db.transaction((serviceName: string, repoPath: string, audit: AuditInput): Service => {
    const row = requireServiceRow(serviceName);
    statements.setServicePath.run(repoPath, row.id);
    appendAudit(audit);
    return toService(requireServiceRow(row.name));
  });

  const setEnvironments = db.transaction(
    (serviceName: string, environments: readonly EnvironmentSpec[], audit: AuditInput): Service => {
      const row = requireServiceRow(serviceName);
      writeEnvironments(row.id, environments);
      appendAudit(audit);
      return toService(row);
    }
  );

  return {
    file,
    listServices: () => guard(() => statements.allServices.all().map(toService)),
    findService: (name) =>
      guard(() => {
        const row = statements.serviceByName.get(name);
        return row ? toService(row) : null;
      }),
    // IMMEDIATE: take the write lock up front, so two processes never both pass the name check.
    addService: (service, audit) => write(() => addService.immediate(service, audit)),
    setEnvironments: (name, environments, audit) => write(() => setEnvironments.immediate(name, environments, audit)),
    retireService: (name, audit) => write(() => retireService.immediate(name, audit)),
    setServicePath: (name, repoPath, audit) => write(() => setServicePath.immediate(name, repoPath, audit)),
    listAudit: (limit, beforeId) =>
      guard(() => statements.auditPage.all(beforeId ?? Number.MAX_SAFE_INTEGER, limit)).map(
        (row): AuditEntry => ({
          id: row.id,
          at: row.at,
          actor: row.actor,
          action: row.action,
          subject: row.subject,
          details: JSON.parse(row.details) as AuditEntry['details']
        })
      ),
    appliedMigrations: () => statements.migrations.all().map((row) => row.version),
    close: () => db.close()
  };
}

/**
 * Another process on the same data folder holds the write lock: SQLite waits (busy_timeout) and then
 * reports SQLITE_BUSY, which the user should read as "try again", not as a crash.
 */
function guard<T>(work: () => T): T {
  try {
    return work();
  } catch (error) {
    const code = (error as { code?: unknown } | null)?.code;
    if (typeof code === 'string' && code.startsWith('SQLITE_BUSY')) {
      throw new AppError(
        'STORE_BUSY',
        'Another Shipdeck process kept the release store busy for too long.',
        'Wait for it to finish (or close it) and try again.'
      );
    }
    throw error;
  }
}
