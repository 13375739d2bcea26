import type Database from 'better-sqlite3';
import { AppError } from '../../../shared/result';
import type { Migration } from './migrations';

/**
 * Applies the pending migrations in order inside one IMMEDIATE transaction, so a second process that
 * opens the same data folder at the same moment waits and then finds them applied. A failure rolls back
 * every migration of this run: the schema is never left half-changed.
 */
export function migrate(db: Database.Database, migrations: readonly Migration[], now: () => string): number[] {
  assertOrdered(migrations);
  db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
    version    INTEGER PRIMARY KEY,
    name       TEXT NOT NULL,
    applied_at TEXT NOT NULL
  )`);
  const applyPending = db.transaction(() => {
    const applied = new Set(
      (db.prepare('SELECT version FROM schema_migrations').all() as { version: number }[]).map((row) => row.version)
    );
    const newest = Math.max(0, ...applied);
    const known = migrations.at(-1)?.version ?? 0;
    if (newest > known) {
      throw new AppError(
        'STORE_TOO_NEW',
        `This data folder was written by a newer Shipdeck (schema ${newest}; this version knows up to ${known}).`,
        'Update Shipdeck, or start it with another data folder (--data-dir).'
      );
    }
    const record = db.prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)');
    const appliedNow: number[] = [];
    for (const migration of migrations) {
      if (applied.has(migration.version)) continue;
      db.exec(migration.sql);
      record.run(migration.version, migration.name, now());
      appliedNow.push(migration.version);
    }
    db.pragma(`user_version = ${known}`);
    return appliedNow;
  });
  return applyPending.immediate();
}

function assertOrdered(migrations: readonly Migration[]): void {
  migrations.forEach((migration, index) => {
    if (migration.version !== index + 1) {
      throw new Error(`Migration "${migration.name}" has version ${migration.version}, expected ${index + 1}`);
    }
  });
}
