import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { AppError } from '../../../../shared/result';
import { readStoreContents } from '../schema-version';
import { KNOWN_SCHEMA, sqliteCode } from '../store-errors';
import { backupFileName, backupFolder } from './backup-files';
import { openExclusively } from './exclusive-access';
import { makeBackup } from './make-backup';

export interface RestoreOptions {
  readonly dataDir: string;
  /** The database file to restore from (a backup, or any copy of a Shipdeck store). */
  readonly source: string;
  /** The store's file name in the data folder. */
  readonly fileName: string;
  readonly now?: (() => string) | undefined;
  readonly nativeBinding?: string | undefined;
}

export interface RestoreResult {
  readonly restored: string;
  /** The copy of the store as it was before the restore, or null when there was no store. */
  readonly previous: string | null;
}

/**
 * `shipdeck restore <file>`: puts a backup back in place of the release store. The file must be a sound
 * Shipdeck database (integrity check) of a schema this version knows. The current store is backed up
 * first (copied byte for byte when it is too damaged to read), then replaced atomically: the backup is
 * copied into the data folder under a temporary name and renamed over the store, after the store's
 * stale -wal and -shm files are removed. Refused while another Shipdeck process has the store open.
 */
export async function restoreReleaseStore(options: RestoreOptions): Promise<RestoreResult> {
  const now = options.now ?? (() => new Date().toISOString());
  const source = path.resolve(options.source);
  const target = path.join(options.dataDir, options.fileName);
  if (!fs.existsSync(source) || !fs.statSync(source).isFile()) {
    throw new AppError('PATH_NOT_FOUND', `There is no file ${source} to restore from.`, `Backups are in ${backupFolder(options.dataDir)}.`);
  }
  fs.mkdirSync(options.dataDir, { recursive: true });
  const staged = path.join(options.dataDir, `.${options.fileName}.restore-${process.pid}.tmp`);
  try {
    stage(source, staged, options.nativeBinding);
    const previous = fs.existsSync(target) ? await keepCurrentStore(target, options, new Date(now())) : null;
    for (const suffix of ['-wal', '-shm']) fs.rmSync(`${target}${suffix}`, { force: true });
    fs.renameSync(staged, target);
    return { restored: target, previous };
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    if (code === 'EACCES' || code === 'EPERM' || code === 'EROFS') {
      throw new AppError(
        'STORE_READ_ONLY',
        `Cannot replace the release store ${target}: ${(error as Error).message}.`,
        `Make ${options.dataDir} and the files in it writable for your user (e.g. chmod u+w), then run the restore again.`
      );
    }
    throw error;
  } finally {
    for (const suffix of ['', '-wal', '-shm', '-journal']) fs.rmSync(`${staged}${suffix}`, { force: true });
  }
}

/** Copies the backup into the data folder (same file system, so the final rename is atomic) and checks it there. */
function stage(source: string, staged: string, nativeBinding: string | undefined): void {
  fs.copyFileSync(source, staged);
  // A copy still in WAL mode may hold committed records in its -wal file: bring them along.
  if (fs.existsSync(`${source}-wal`)) fs.copyFileSync(`${source}-wal`, `${staged}-wal`);
  let db: Database.Database | null = null;
  try {
    db = new Database(staged, { fileMustExist: true, ...(nativeBinding ? { nativeBinding } : {}) });
    const check = db.pragma('integrity_check(1)', { simple: true });
    if (check !== 'ok') {
      throw new AppError('STORE_CORRUPT', `${source} is damaged (integrity check: ${String(check)}); it cannot be restored.`, 'Pick another backup.');
    }
    const contents = readStoreContents(db);
    if (contents.kind !== 'shipdeck') {
      throw new AppError('INVALID_INPUT', `${source} is not a Shipdeck release store.`, 'Pick a file from the backups folder.');
    }
    if (contents.schema > KNOWN_SCHEMA) {
      throw new AppError(
        'STORE_TOO_NEW',
        `${source} was written by a newer Shipdeck (schema ${contents.schema}; this version knows up to ${KNOWN_SCHEMA}).`,
        'Update Shipdeck to restore it, or pick an older backup.'
      );
    }
    // One self-contained file to rename into place.
    db.pragma('journal_mode = DELETE');
  } catch (error) {
    const code = sqliteCode(error);
    if (code === 'SQLITE_NOTADB' || code.startsWith('SQLITE_CORRUPT')) {
      throw new AppError('STORE_CORRUPT', `${source} is not a sound SQLite database (${(error as Error).message}); it cannot be restored.`, 'Pick another backup.');
    }
    throw error;
  } finally {
    db?.close();
  }
}

/** Backs up the store about to be replaced; a store too damaged to open is kept as a plain copy. */
async function keepCurrentStore(target: string, options: RestoreOptions, takenAt: Date): Promise<string> {
  let db: Database.Database;
  try {
    db = openExclusively(target, options.nativeBinding);
  } catch (error) {
    const code = sqliteCode(error);
    if (code !== 'SQLITE_NOTADB' && !code.startsWith('SQLITE_CORRUPT')) throw error;
    // No Shipdeck can have a store open that it cannot read, so it is safe to replace.
    fs.mkdirSync(backupFolder(options.dataDir), { recursive: true });
    const copy = path.join(backupFolder(options.dataDir), backupFileName(takenAt, 0).replace(/-schema0\.db$/, '-unreadable.db'));
    fs.copyFileSync(target, copy);
    if (fs.existsSync(`${target}-wal`)) fs.copyFileSync(`${target}-wal`, `${copy}-wal`);
    return copy;
  }
  try {
    const contents = readStoreContents(db);
    const schema = contents.kind === 'shipdeck' ? contents.schema : 0;
    return await makeBackup(db, { dataDir: options.dataDir, takenAt, schema, nativeBinding: options.nativeBinding });
  } finally {
    db.close();
  }
}
