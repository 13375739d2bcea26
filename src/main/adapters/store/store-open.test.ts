// A store that cannot be opened says which file, what is wrong and what to do — with real broken files.
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../../shared/result';
import { migrate } from './migrate';
import { MIGRATIONS } from './migrations';
import { DATABASE_FILE_NAME, openReleaseStore } from './sqlite-release-store';
import { audit, newService, useTempDirs } from './testing/temp-store';

const tempDir = useTempDirs();

function openError(dir: string, options: Parameters<typeof openReleaseStore>[1] = {}): AppError {
  try {
    openReleaseStore(dir, options).close();
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error('the store opened');
}

/** A store with a few hundred records, closed, and one backup of it made a day ago. */
async function storeWithBackup(dir: string): Promise<string> {
  const dayAgo = new Date(Date.now() - 86_400_000).toISOString();
  const store = openReleaseStore(dir, { now: () => dayAgo });
  for (let i = 0; i < 300; i++) await store.workspace.addService(newService(`svc-${i}`), audit('service.add'));
  const backup = await store.backup();
  store.close();
  return backup;
}

describe('opening a broken store', () => {
  it('names the file and says it is not a database, pointing at the newest backup', async () => {
    const dir = tempDir();
    const backup = await storeWithBackup(dir);
    const file = path.join(dir, DATABASE_FILE_NAME);
    fs.writeFileSync(file, 'this is not a database, just garbage '.repeat(200));
    fs.rmSync(`${file}-wal`, { force: true });
    const error = openError(dir);
    expect(error.code).toBe('STORE_CORRUPT');
    expect(error.message).toContain(file);
    expect(error.message).toMatch(/not a database/);
    expect(error.hint).toContain(`shipdeck restore ${backup}`);
  });

  it('finds a store truncated in the middle damaged, and says there is no backup when there is none', async () => {
    const dir = tempDir();
    const store = openReleaseStore(dir);
    for (let i = 0; i < 300; i++) await store.workspace.addService(newService(`svc-${i}`), audit('service.add'));
    store.close();
    const file = path.join(dir, DATABASE_FILE_NAME);
    fs.truncateSync(file, Math.floor(fs.statSync(file).size / 2));
    const error = openError(dir);
    expect(error.code).toBe('STORE_CORRUPT');
    expect(error.message).toContain(file);
    expect(error.message).toMatch(/damaged|malformed/);
    expect(error.hint).toMatch(/no backup in .*backups.*Move .*shipdeck\.db aside/);
  });

  it('refuses a store written by a newer Shipdeck and migrates nothing', () => {
    const dir = tempDir();
    const file = path.join(dir, DATABASE_FILE_NAME);
    const db = new Database(file);
    migrate(db, [...MIGRATIONS, { version: MIGRATIONS.length + 1, name: 'future', sql: 'CREATE TABLE future (x)' }], () => 't');
    db.close();
    const error = openError(dir);
    expect(error.code).toBe('STORE_TOO_NEW');
    expect(error.message).toContain(file);
    expect(error.message).toContain(`newer Shipdeck (schema ${MIGRATIONS.length + 1}; this version knows up to ${MIGRATIONS.length})`);
    expect(error.hint).toMatch(/Update Shipdeck/);
    const after = new Database(file, { readonly: true });
    expect(after.prepare('SELECT max(version) AS v FROM schema_migrations').get()).toEqual({ v: MIGRATIONS.length + 1 });
    after.close();
  });

  it('refuses a SQLite database that is not a Shipdeck store', () => {
    const dir = tempDir();
    const db = new Database(path.join(dir, DATABASE_FILE_NAME));
    db.exec('CREATE TABLE photos (id INTEGER PRIMARY KEY)');
    db.close();
    expect(openError(dir)).toMatchObject({ code: 'STORE_FAILED', message: expect.stringMatching(/not a Shipdeck release store/) });
  });
});

// Tests run as root, whom chmod does not stop, so the OS's answer to "may I write this?" is simulated
// (the isWritable option, which defaults to fs.accessSync(W_OK)). SQLite's readonly mode is real.
describe('a store that is not writable', () => {
  const notWritable = (...paths: string[]) => (file: string) => !paths.includes(file);

  it('opens for reading when the file is not writable: reads work, every write says STORE_READ_ONLY', async () => {
    const dir = tempDir();
    const writable = openReleaseStore(dir);
    await writable.workspace.addService(newService('api'), audit('service.add'));
    writable.close();
    const file = path.join(dir, DATABASE_FILE_NAME);

    const store = openReleaseStore(dir, { isWritable: notWritable(file) });
    expect(store.readOnlyReason).toBe('the file is not writable');
    expect(store.workspace.listServices().map((s) => s.name)).toEqual(['api']);
    expect(store.audit.list(10)).toHaveLength(1);
    const refused = { code: 'STORE_READ_ONLY', message: expect.stringContaining(file), hint: expect.stringMatching(/writable/) };
    await expect(store.workspace.addService(newService('web'), audit('service.add'))).rejects.toMatchObject(refused);
    await expect(store.audit.append(audit('x'))).rejects.toMatchObject(refused);
    await expect(store.transaction((tx) => tx.audit.append(audit('x')))).rejects.toMatchObject(refused);
    await expect(store.dailyBackup).resolves.toBeNull();
    store.close();
    expect(fs.existsSync(path.join(dir, 'backups'))).toBe(false);
  });

  it('opens for reading when the folder is not writable', async () => {
    const dir = tempDir();
    openReleaseStore(dir).close();
    const store = openReleaseStore(dir, { isWritable: notWritable(dir) });
    expect(store.readOnlyReason).toMatch(/folder .* is not writable/);
    await expect(store.runs.recordRun({ service: 'api', commitSha: 'a', ref: null, startedBy: 'x', stages: [] })).rejects.toMatchObject({
      code: 'STORE_READ_ONLY'
    });
    store.close();
  });

  it('cannot create a store in a folder that is not writable, and says to fix permissions', () => {
    const dir = tempDir();
    const error = openError(dir, { isWritable: notWritable(dir) });
    expect(error.code).toBe('STORE_READ_ONLY');
    expect(error.message).toContain(path.join(dir, DATABASE_FILE_NAME));
    expect(error.hint).toMatch(/writable.*chmod/);
  });

  it('opens the file in SQLite\'s readonly mode: not even the journal mode is changed', () => {
    const dir = tempDir();
    openReleaseStore(dir).close();
    const file = path.join(dir, DATABASE_FILE_NAME);
    const raw = new Database(file);
    raw.pragma('journal_mode = DELETE');
    raw.close();
    const store = openReleaseStore(dir, { isWritable: notWritable(file) });
    expect(store.workspace.listServices()).toEqual([]);
    store.close();
    const after = new Database(file, { readonly: true });
    expect(after.pragma('journal_mode', { simple: true })).toBe('delete'); // a writable open switches it to WAL
    after.close();
  });
});
