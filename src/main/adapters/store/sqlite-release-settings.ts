import type Database from 'better-sqlite3';
import {
  DEFAULT_ENVIRONMENT_SETTINGS,
  diffSettings,
  settingsFrom,
  type EnvironmentSettings
} from '../../../shared/domain/environment-settings';
import type { AuditDetails, Service, TargetKind } from '../../../shared/domain/workspace';
import { serviceNotFound } from '../../../shared/domain/workspace-errors';
import { AppError } from '../../../shared/result';
import type { AuditInput, AuditWrites, EnvironmentPatch, ReleasesWrites, WorkspaceReads } from '../../ports/store';

interface EnvironmentRow {
  id: number;
  target_kind: TargetKind;
  requires_approval: 0 | 1;
  target_config: string;
  retired_at: string | null;
}

/** The patch's settings over the current ones; a value that does not survive reading back is refused, not dropped. */
function mergeSettings(current: EnvironmentSettings, patch: Partial<EnvironmentSettings>): EnvironmentSettings {
  const given = Object.fromEntries(Object.entries(patch).filter(([, value]) => value !== undefined));
  const merged = settingsFrom({ ...current, ...given });
  for (const [key, value] of Object.entries(given)) {
    if (JSON.stringify(merged[key as keyof EnvironmentSettings]) !== JSON.stringify(value)) {
      throw new AppError(
        'INVALID_INPUT',
        `The environment setting ${key} cannot be ${JSON.stringify(value)}.`,
        'Give a value in range: ports 1–65535, instances 1–50, a health path starting with /, canary steps rising to 100.'
      );
    }
  }
  return merged;
}

/** Environment settings and the read-only mark of a service: changed in place, each change audited with what it changed. */
export function createSqliteReleaseSettings(
  db: Database.Database,
  now: () => string,
  audit: Pick<AuditWrites, 'append'>,
  workspace: Pick<WorkspaceReads, 'findService'>
): Pick<ReleasesWrites, 'configureEnvironment' | 'setServiceReadOnly'> {
  const statements = {
    service: db.prepare<[string], { id: number; name: string }>('SELECT id, name FROM services WHERE name = ? COLLATE NOCASE AND retired_at IS NULL'),
    environment: db.prepare<[number, string], EnvironmentRow>(
      'SELECT id, target_kind, requires_approval, target_config, retired_at FROM environments WHERE service_id = ? AND name = ?'
    ),
    nextPosition: db.prepare<[number], { next: number }>(
      'SELECT coalesce(max(position) + 1, 0) AS next FROM environments WHERE service_id = ? AND retired_at IS NULL'
    ),
    insert: db.prepare(
      'INSERT INTO environments (service_id, name, position, target_kind, requires_approval, target_config) VALUES (?, ?, ?, ?, ?, ?)'
    ),
    update: db.prepare('UPDATE environments SET target_kind = ?, requires_approval = ?, target_config = ? WHERE id = ?'),
    // A retired environment of that name comes back (with its records), last in the promotion order.
    revive: db.prepare('UPDATE environments SET retired_at = NULL, position = ?, target_kind = ?, requires_approval = ?, target_config = ? WHERE id = ?'),
    setReadOnly: db.prepare('UPDATE services SET read_only = ? WHERE id = ?')
  };

  const requireService = (name: string): { id: number; name: string } => {
    const row = statements.service.get(name);
    if (!row) throw serviceNotFound(name);
    return row;
  };
  const serviceNamed = (name: string): Service => workspace.findService(name) as Service;

  const configureEnvironment = db.transaction((serviceName: string, environment: string, patch: EnvironmentPatch, entry: AuditInput): Service => {
    const service = requireService(serviceName);
    const row = statements.environment.get(service.id, environment);
    const active = row !== undefined && row.retired_at === null;
    const before = {
      targetKind: row?.target_kind ?? 'docker',
      requiresApproval: row ? row.requires_approval === 1 : false,
      settings: row ? settingsFrom(JSON.parse(row.target_config)) : DEFAULT_ENVIRONMENT_SETTINGS
    };
    const after = {
      targetKind: patch.targetKind ?? before.targetKind,
      requiresApproval: patch.requiresApproval ?? before.requiresApproval,
      settings: mergeSettings(before.settings, patch.settings ?? {})
    };
    const binds = [after.targetKind, after.requiresApproval ? 1 : 0, JSON.stringify(after.settings)] as const;
    if (active) statements.update.run(...binds, row.id);
    else if (row) statements.revive.run(statements.nextPosition.get(service.id)?.next ?? 0, ...binds, row.id);
    else statements.insert.run(service.id, environment, statements.nextPosition.get(service.id)?.next ?? 0, ...binds);

    const changes: Record<string, string> = {};
    if (!active || after.targetKind !== before.targetKind) changes['targetKind'] = active ? `${before.targetKind} → ${after.targetKind}` : after.targetKind;
    if (after.requiresApproval !== before.requiresApproval) changes['requiresApproval'] = `${before.requiresApproval} → ${after.requiresApproval}`;
    for (const change of diffSettings(before.settings, after.settings)) changes[change.setting] = `${change.from} → ${change.to}`;
    const details: AuditDetails = { ...entry.details, service: service.name, environment, created: !active, ...changes };
    audit.append({ ...entry, details });
    return serviceNamed(service.name);
  });

  const setServiceReadOnly = db.transaction((serviceName: string, readOnly: boolean, entry: AuditInput): Service => {
    const service = requireService(serviceName);
    statements.setReadOnly.run(readOnly ? 1 : 0, service.id);
    audit.append({ ...entry, details: { ...entry.details, service: service.name, readOnly } });
    return serviceNamed(service.name);
  });

  return {
    configureEnvironment: (service, environment, patch, entry) => configureEnvironment(service, environment, patch, entry),
    setServiceReadOnly: (service, readOnly, entry) => setServiceReadOnly(service, readOnly, entry)
  };
}
