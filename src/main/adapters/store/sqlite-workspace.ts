import type Database from 'better-sqlite3';
import { settingsFrom } from '../../../shared/domain/environment-settings';
import type { Service, TargetKind } from '../../../shared/domain/workspace';
import { serviceNotFound } from '../../../shared/domain/workspace-errors';
import { AppError } from '../../../shared/result';
import type { AuditInput, AuditWrites, EnvironmentSpec, NewService, WorkspaceReads, WorkspaceWrites } from '../../ports/store';

interface ServiceRow {
  id: number;
  name: string;
  repo_path: string;
  image_repository: string | null;
  pipeline_file: string;
  created_at: string;
  retired_at: string | null;
  read_only: 0 | 1;
}
interface EnvironmentRow {
  name: string;
  position: number;
  target_kind: TargetKind;
  requires_approval: 0 | 1;
  target_config: string;
}

/**
 * Services and environments on SQLite. Each write is its own (nestable) transaction that also appends
 * its audit entry; callers run it under the non-blocking writer or inside a larger transaction.
 */
export function createSqliteWorkspace(
  db: Database.Database,
  now: () => string,
  audit: Pick<AuditWrites, 'append'>
): WorkspaceReads & WorkspaceWrites {
  const statements = {
    allServices: db.prepare<[], ServiceRow>('SELECT * FROM services WHERE retired_at IS NULL ORDER BY name COLLATE NOCASE'),
    // Names are matched without regard to case: "API" finds "api".
    serviceByName: db.prepare<[string], ServiceRow>('SELECT * FROM services WHERE name = ? COLLATE NOCASE AND retired_at IS NULL'),
    retiredByName: db.prepare<[string], ServiceRow>(
      'SELECT * FROM services WHERE name = ? COLLATE NOCASE AND retired_at IS NOT NULL ORDER BY id DESC LIMIT 1'
    ),
    reviveService: db.prepare(
      'UPDATE services SET retired_at = NULL, repo_path = ?, image_repository = ?, pipeline_file = ? WHERE id = ?'
    ),
    retireService: db.prepare('UPDATE services SET retired_at = ? WHERE id = ?'),
    setServicePath: db.prepare('UPDATE services SET repo_path = ? WHERE id = ?'),
    activeEnvironments: db.prepare<[number], EnvironmentRow>(
      'SELECT name, position, target_kind, requires_approval, target_config FROM environments WHERE service_id = ? AND retired_at IS NULL ORDER BY position'
    ),
    insertService: db.prepare(
      'INSERT INTO services (name, repo_path, image_repository, pipeline_file, created_at) VALUES (?, ?, ?, ?, ?)'
    ),
    upsertEnvironment: db.prepare(`
      INSERT INTO environments (service_id, name, position, target_kind, requires_approval, target_config)
      VALUES (@serviceId, @name, @position, @targetKind, @requiresApproval, coalesce(@settings, '{}'))
      ON CONFLICT (service_id, name) DO UPDATE SET
        position = excluded.position, target_kind = excluded.target_kind,
        requires_approval = excluded.requires_approval, retired_at = NULL,
        -- Without settings, an environment keeps its own.
        target_config = coalesce(@settings, environments.target_config)`),
    retireOthers: db.prepare(
      `UPDATE environments SET retired_at = ? WHERE service_id = ? AND retired_at IS NULL
       AND name NOT IN (SELECT value FROM json_each(?))`
    )
  };

  const toService = (row: ServiceRow): Service => ({
    name: row.name,
    repoPath: row.repo_path,
    imageRepository: row.image_repository,
    pipelineFile: row.pipeline_file,
    createdAt: row.created_at,
    readOnly: row.read_only === 1,
    environments: statements.activeEnvironments.all(row.id).map((env) => ({
      name: env.name,
      position: env.position,
      targetKind: env.target_kind,
      requiresApproval: env.requires_approval === 1,
      settings: settingsFrom(JSON.parse(env.target_config))
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
        requiresApproval: env.requiresApproval ? 1 : 0,
        settings: env.settings ? JSON.stringify(env.settings) : null
      })
    );
  };

  const addService = db.transaction((service: NewService, entry: AuditInput): Service => {
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
      const inserted = statements.insertService.run(service.name, service.repoPath, service.imageRepository, service.pipelineFile, now());
      serviceId = Number(inserted.lastInsertRowid);
    }
    writeEnvironments(serviceId, service.environments);
    audit.append(entry);
    return toService(requireServiceRow(service.name));
  });

  const retireService = db.transaction((serviceName: string, entry: AuditInput): Service => {
    const row = requireServiceRow(serviceName);
    const service = toService(row);
    statements.retireService.run(now(), row.id);
    audit.append(entry);
    return service;
  });

  const setServicePath = db.transaction((serviceName: string, repoPath: string, entry: AuditInput): Service => {
    const row = requireServiceRow(serviceName);
    statements.setServicePath.run(repoPath, row.id);
    audit.append(entry);
    return toService(requireServiceRow(row.name));
  });

  const setEnvironments = db.transaction(
    (serviceName: string, environments: readonly EnvironmentSpec[], entry: AuditInput): Service => {
      const row = requireServiceRow(serviceName);
      writeEnvironments(row.id, environments);
      audit.append(entry);
      return toService(row);
    }
  );

  return {
    listServices: () => statements.allServices.all().map(toService),
    findService: (name) => {
      const row = statements.serviceByName.get(name);
      return row ? toService(row) : null;
    },
    addService: (service, entry) => addService(service, entry),
    setEnvironments: (name, environments, entry) => setEnvironments(name, environments, entry),
    retireService: (name, entry) => retireService(name, entry),
    setServicePath: (name, repoPath, entry) => setServicePath(name, repoPath, entry)
  };
}
