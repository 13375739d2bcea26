import type Database from 'better-sqlite3';

/**
 * What a database file holds: `empty` (a new file), `shipdeck` with its schema version, or `foreign`
 * (a SQLite database of something else, which Shipdeck must not write its tables into).
 */
export type StoreContents = { readonly kind: 'empty' } | { readonly kind: 'shipdeck'; readonly schema: number } | { readonly kind: 'foreign' };

export function readStoreContents(db: Database.Database): StoreContents {
  const tables = db.prepare<[], { name: string }>("SELECT name FROM sqlite_master WHERE type = 'table'").all().map((row) => row.name);
  if (tables.length === 0) return { kind: 'empty' };
  if (!tables.includes('schema_migrations')) return { kind: 'foreign' };
  const row = db.prepare<[], { version: number | null }>('SELECT max(version) AS version FROM schema_migrations').get();
  return { kind: 'shipdeck', schema: row?.version ?? 0 };
}
