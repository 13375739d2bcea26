import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { migrate } from './migrate';
import { MIGRATIONS, type Migration } from './migrations';
import { openDatabase } from './open-database';

const dirs: string[] = [];
const tempFile = () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'shipdeck-migrate-'));
  dirs.push(dir);
  return path.join(dir, 'test.db');
};
afterEach(() => dirs.splice(0).forEach((dir) => fs.rmSync(dir, { recursive: true, force: true })));
const now = () => '2026-01-01T00:00:00.000Z';

const tables = (db: ReturnType<typeof openDatabase>) =>
  (db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").all() as { name: string }[]).map(
    (row) => row.name
  );

describe('migrations', () => {
  it('are numbered 1, 2, 3… with no gap', () => {
    MIGRATIONS.forEach((migration, index) => expect(migration.version).toBe(index + 1));
  });

  it('create the whole release schema on a new database, in WAL with synchronous=FULL', () => {
    const db = openDatabase(tempFile());
    expect(migrate(db, MIGRATIONS, now)).toEqual(MIGRATIONS.map((m) => m.version));
    expect(tables(db)).toEqual(
      expect.arrayContaining([
        'services',
        'environments',
        'artifacts',
        'pipeline_runs',
        'pipeline_stages',
        'deployments',
        'deployment_events',
        'approvals',
        'audit_log',
        'schema_migrations'
      ])
    );
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('synchronous', { simple: true })).toBe(2); // FULL
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    db.close();
  });

  it('apply each migration once: reopening applies nothing', () => {
    const file = tempFile();
    const first = openDatabase(file);
    migrate(first, MIGRATIONS, now);
    first.close();
    const second = openDatabase(file);
    expect(migrate(second, MIGRATIONS, now)).toEqual([]);
    second.close();
  });

  it('apply only the new ones, in order, when the app is updated', () => {
    const file = tempFile();
    const extra: Migration[] = [
      { version: MIGRATIONS.length + 1, name: 'add a', sql: 'CREATE TABLE a (x)' },
      { version: MIGRATIONS.length + 2, name: 'a needs b', sql: 'CREATE TABLE b (y); INSERT INTO b SELECT x FROM a' }
    ];
    const db = openDatabase(file);
    migrate(db, MIGRATIONS, now);
    expect(migrate(db, [...MIGRATIONS, ...extra], now)).toEqual(extra.map((m) => m.version));
    expect(tables(db)).toEqual(expect.arrayContaining(['a', 'b']));
    db.close();
  });

  it('roll everything back when one migration fails: no half-changed schema', () => {
    const db = openDatabase(tempFile());
    const broken: Migration[] = [
      ...MIGRATIONS,
      { version: MIGRATIONS.length + 1, name: 'fine', sql: 'CREATE TABLE fine (x)' },
      { version: MIGRATIONS.length + 2, name: 'broken', sql: 'CREATE TABLE oops (' }
    ];
    expect(() => migrate(db, broken, now)).toThrow();
    expect(tables(db)).not.toContain('fine');
    expect(tables(db)).not.toContain('services');
    db.close();
  });

  it('refuse a list that is out of order', () => {
    const db = openDatabase(tempFile());
    const shuffled = [{ version: 2, name: 'two', sql: '' }, { version: 1, name: 'one', sql: '' }];
    expect(() => migrate(db, shuffled, now)).toThrow(/expected 1/);
    db.close();
  });

  it('refuse a data folder written by a newer Shipdeck, saying what to do', () => {
    const file = tempFile();
    const db = openDatabase(file);
    migrate(db, [...MIGRATIONS, { version: MIGRATIONS.length + 1, name: 'future', sql: 'CREATE TABLE f (x)' }], now);
    expect(() => migrate(db, MIGRATIONS, now)).toThrow(/newer Shipdeck/);
    db.close();
  });

  it('make release records append-only', () => {
    const db = openDatabase(tempFile());
    migrate(db, MIGRATIONS, now);
    db.prepare("INSERT INTO audit_log (at, actor, action, subject) VALUES ('t', 'me', 'service.add', 'service:x')").run();
    expect(() => db.prepare("UPDATE audit_log SET actor = 'someone else'").run()).toThrow(/append-only/);
    expect(() => db.prepare('DELETE FROM audit_log').run()).toThrow(/append-only/);
    expect((db.prepare('SELECT actor FROM audit_log').get() as { actor: string }).actor).toBe('me');
    db.close();
  });
});
