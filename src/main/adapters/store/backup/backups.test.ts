// Automatic backups, `backup` and `restore`, against real SQLite files and a real second process.
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { migrate } from '../migrate';
import { MIGRATIONS } from '../migrations';
import { DATABASE_FILE_NAME, openReleaseStore } from '../sqlite-release-store';
import { holdStore } from '../testing/hold-store';
import { audit, newService, useTempDirs } from '../testing/temp-store';
import { listBackups } from './backup-files';
import { backupReleaseStore } from './backup-release-store';
import { restoreReleaseStore } from './restore-release-store';

const tempDir = useTempDirs('shipdeck-backup-');
const at = (iso: string) => () => iso;
const serviceNames = (file: string): string[] => {
  const db = new Database(file, { readonly: true });
  try {
    return (db.prepare('SELECT name FROM services ORDER BY name').all() as { name: string }[]).map((row) => row.name);
  } finally {
    db.close();
  }
};
const restore = (dataDir: string, source: string) => restoreReleaseStore({ dataDir, source, fileName: DATABASE_FILE_NAME });

describe('automatic backups', () => {
  it('are made on open at most once a day, as single files named with the time and schema', async () => {
    const dir = tempDir();
    const created = openReleaseStore(dir, { now: at('2026-03-01T08:00:00.000Z') });
    await created.workspace.addService(newService('api'), audit('service.add'));
    expect(await created.dailyBackup).toBeNull(); // a store made just now holds nothing worth a copy
    created.close();

    const nextMorning = openReleaseStore(dir, { now: at('2026-03-02T08:00:00.000Z') });
    const first = await nextMorning.dailyBackup;
    nextMorning.close();
    expect(first).toBe(path.join(dir, 'backups', `shipdeck-2026-03-02T08-00-00-000Z-schema${MIGRATIONS.length}.db`));
    expect(serviceNames(first as string)).toEqual(['api']);
    expect(fs.readdirSync(path.join(dir, 'backups'))).toEqual([path.basename(first as string)]);

    const sameDay = openReleaseStore(dir, { now: at('2026-03-02T20:00:00.000Z') });
    expect(await sameDay.dailyBackup).toBeNull();
    sameDay.close();
    const dayAfter = openReleaseStore(dir, { now: at('2026-03-03T08:00:00.001Z') });
    expect(await dayAfter.dailyBackup).not.toBeNull();
    dayAfter.close();
    expect(listBackups(dir)).toHaveLength(2);
  });

  it('keep the newest seven', async () => {
    const dir = tempDir();
    let day = 1;
    const store = openReleaseStore(dir, { now: () => `2026-03-${String(day).padStart(2, '0')}T08:00:00.000Z` });
    for (; day <= 10; day++) await store.backup();
    store.close();
    expect(listBackups(dir).map((b) => b.takenAt.getUTCDate())).toEqual([10, 9, 8, 7, 6, 5, 4]);
  });

  it('are made before migrations change an existing store', () => {
    const dir = tempDir();
    const file = path.join(dir, DATABASE_FILE_NAME);
    const old = new Database(file);
    migrate(old, MIGRATIONS.slice(0, 1), at('t'));
    old.prepare("INSERT INTO services (name, repo_path, pipeline_file, created_at) VALUES ('legacy', '/r', 'p', 't')").run();
    old.close();

    const store = openReleaseStore(dir, { now: at('2026-03-01T08:00:00.000Z') });
    expect(store.appliedMigrations()).toEqual(MIGRATIONS.map((m) => m.version));
    store.close();
    const [backup] = listBackups(dir);
    expect(backup).toMatchObject({ schema: 1 });
    expect(serviceNames(backup?.file as string)).toEqual(['legacy']);
    const copy = new Database(backup?.file as string, { readonly: true });
    expect(copy.prepare('SELECT max(version) AS v FROM schema_migrations').get()).toEqual({ v: 1 });
    copy.close();
  });
});

describe('shipdeck backup and restore', () => {
  it('restores a backup in place of the store, backing up the current one first', async () => {
    const dir = tempDir();
    const store = openReleaseStore(dir, { dailyBackup: false });
    await store.workspace.addService(newService('api'), audit('service.add'));
    store.close();
    const backup = await backupReleaseStore(dir);
    const later = openReleaseStore(dir, { dailyBackup: false });
    await later.workspace.addService(newService('web'), audit('service.add'));
    later.close();

    const result = await restore(dir, backup);
    expect(result.restored).toBe(path.join(dir, DATABASE_FILE_NAME));
    expect(serviceNames(result.previous as string)).toEqual(['api', 'web']);
    const restored = openReleaseStore(dir, { dailyBackup: false });
    expect(restored.workspace.listServices().map((s) => s.name)).toEqual(['api']);
    await restored.workspace.addService(newService('db'), audit('service.add'));
    restored.close();
    expect(fs.readdirSync(dir).filter((name) => name.includes('restore'))).toEqual([]);
  });

  it('refuses while another Shipdeck process has the store open, and changes nothing', async () => {
    const dir = tempDir();
    const store = openReleaseStore(dir);
    await store.workspace.addService(newService('api'), audit('service.add'));
    const backup = await store.backup();
    await store.workspace.addService(newService('web'), audit('service.add'));
    store.close();

    const held = await holdStore(path.join(dir, DATABASE_FILE_NAME), 'open');
    try {
      await expect(restore(dir, backup)).rejects.toMatchObject({ code: 'STORE_BUSY', message: expect.stringMatching(/another Shipdeck process has/i) });
    } finally {
      await held.release();
    }
    expect(serviceNames(path.join(dir, DATABASE_FILE_NAME))).toEqual(['api', 'web']);
    expect(listBackups(dir)).toHaveLength(1);
  });

  it('refuses a file that is not a sound Shipdeck database of a schema it knows', async () => {
    const dir = tempDir();
    openReleaseStore(dir).close();
    const garbage = path.join(dir, 'garbage.db');
    fs.writeFileSync(garbage, 'nope '.repeat(1000));
    await expect(restore(dir, garbage)).rejects.toMatchObject({ code: 'STORE_CORRUPT' });

    const foreign = path.join(dir, 'foreign.db');
    new Database(foreign).exec('CREATE TABLE photos (id)');
    await expect(restore(dir, foreign)).rejects.toMatchObject({ code: 'INVALID_INPUT', message: expect.stringMatching(/not a Shipdeck/) });

    const future = path.join(dir, 'future.db');
    const db = new Database(future);
    migrate(db, [...MIGRATIONS, { version: 99, name: 'future', sql: '' }].map((m, i) => ({ ...m, version: i + 1 })), at('t'));
    db.close();
    await expect(restore(dir, future)).rejects.toMatchObject({ code: 'STORE_TOO_NEW' });

    const truncated = path.join(dir, 'truncated.db');
    const big = new Database(truncated);
    migrate(big, MIGRATIONS, at('t'));
    const insert = big.prepare("INSERT INTO audit_log (at, actor, action, subject) VALUES ('t', 'a', ?, 's')");
    big.transaction(() => {
      for (let i = 0; i < 5000; i++) insert.run(`action-${i}`.repeat(10));
    })();
    big.close();
    fs.truncateSync(truncated, Math.floor(fs.statSync(truncated).size / 2));
    await expect(restore(dir, truncated)).rejects.toMatchObject({ code: 'STORE_CORRUPT' });
    await expect(restore(dir, path.join(dir, 'missing.db'))).rejects.toMatchObject({ code: 'PATH_NOT_FOUND' });
    const untouched = openReleaseStore(dir, { dailyBackup: false });
    expect(untouched.appliedMigrations()).toEqual(MIGRATIONS.map((m) => m.version));
    untouched.close();
  });

  it('replaces a store too damaged to open, keeping a byte-for-byte copy of it', async () => {
    const dir = tempDir();
    const store = openReleaseStore(dir);
    await store.workspace.addService(newService('api'), audit('service.add'));
    const backup = await store.backup();
    store.close();
    const file = path.join(dir, DATABASE_FILE_NAME);
    fs.writeFileSync(file, 'garbage '.repeat(1000));

    const result = await restore(dir, backup);
    expect(path.basename(result.previous as string)).toMatch(/-unreadable\.db$/);
    expect(fs.readFileSync(result.previous as string, 'utf8')).toBe('garbage '.repeat(1000));
    const restored = openReleaseStore(dir);
    expect(restored.workspace.listServices().map((s) => s.name)).toEqual(['api']);
    restored.close();
  });
});
