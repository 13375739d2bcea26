import type Database from 'better-sqlite3';
import { serviceNotFound } from '../../../shared/domain/workspace-errors';
import { AppError } from '../../../shared/result';

/**
 * Resolves names to row ids for the record tables. A retired service's records stay readable under its
 * name (the active service of that name first, else the newest retired one).
 */
export function createServiceIds(db: Database.Database) {
  const serviceId = db.prepare<[string], { id: number }>(
    'SELECT id FROM services WHERE name = ? COLLATE NOCASE ORDER BY retired_at IS NOT NULL, id DESC LIMIT 1'
  );
  const environmentId = db.prepare<[number, string], { id: number }>(
    'SELECT id FROM environments WHERE service_id = ? AND name = ?'
  );
  return {
    /** null when no service of that name was ever in the workspace. */
    find: (service: string): number | null => serviceId.get(service)?.id ?? null,
    require: (service: string): number => {
      const row = serviceId.get(service);
      if (!row) throw serviceNotFound(service);
      return row.id;
    },
    requireEnvironment: (service: string, environment: string): number => {
      const id = serviceId.get(service)?.id;
      if (id === undefined) throw serviceNotFound(service);
      const row = environmentId.get(id, environment);
      if (!row) {
        throw new AppError(
          'NOT_FOUND',
          `Service "${service}" has no environment named "${environment}".`,
          'Check the name against the service\'s environments.'
        );
      }
      return row.id;
    }
  };
}

export type ServiceIds = ReturnType<typeof createServiceIds>;
