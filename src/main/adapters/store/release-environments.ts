import type Database from 'better-sqlite3';
import { serviceNotFound } from '../../../shared/domain/workspace-errors';
import { AppError } from '../../../shared/result';

export interface ActiveEnvironment {
  readonly id: number;
  readonly serviceId: number;
  readonly service: string;
  readonly environment: string;
}

/** Resolves the environment a release goes to: only an active environment of an active service can be released. */
export function createEnvironmentResolver(db: Database.Database) {
  const service = db.prepare<[string], { id: number; name: string }>(
    'SELECT id, name FROM services WHERE name = ? COLLATE NOCASE AND retired_at IS NULL'
  );
  const environment = db.prepare<[number, string], { id: number; name: string }>(
    'SELECT id, name FROM environments WHERE service_id = ? AND name = ? AND retired_at IS NULL'
  );
  const names = db.prepare<[number], { name: string }>('SELECT name FROM environments WHERE service_id = ? AND retired_at IS NULL ORDER BY position');
  return {
    requireActive: (serviceName: string, environmentName: string): ActiveEnvironment => {
      const serviceRow = service.get(serviceName);
      if (!serviceRow) throw serviceNotFound(serviceName);
      const row = environment.get(serviceRow.id, environmentName);
      if (!row) {
        const known = names.all(serviceRow.id).map((env) => env.name);
        throw new AppError(
          'NOT_FOUND',
          `Service "${serviceRow.name}" has no environment named "${environmentName}" (its environments: ${known.join(', ') || 'none'}).`,
          `Check the name, or create it: shipdeck env set ${serviceRow.name} ${environmentName}.`
        );
      }
      return { id: row.id, serviceId: serviceRow.id, service: serviceRow.name, environment: row.name };
    }
  };
}

export type EnvironmentResolver = ReturnType<typeof createEnvironmentResolver>;
