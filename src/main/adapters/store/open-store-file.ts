import fs from 'node:fs';
import path from 'node:path';
import type Database from 'better-sqlite3';
import { AppError } from '../../../shared/result';
import { makeBackupNow } from './backup/make-backup';
import { migrate } from './migrate';
import { MIGRATIONS } from './migrations';
import { openDatabase, type OpenDatabaseOptions } from './open-database';
import { readStoreContents } from './schema-version';
import { KNOWN_SCHEMA, readOnlyError, restoreHint, translateStoreError, type StoreLocation } from './store-errors';

export interface OpenStoreFileOptions extends OpenDatabaseOptions {
  readonly now: () => string;
  /**
   * Whether this process may write a path; by default the OS is asked (`fs.accessSync(W_OK)`). Tests
   * simulate a read-only file or folder with it, because they run as root, whom chmod does not stop.
   */
  readonly isWritable?: ((file: string) => boolean) | undefined;
}

export interface OpenedStoreFile {
  readonly db: Database.Database;
  /** Why the store can only be read; null when it can be written. */
  readonly readOnlyReason: string | null;
  /** The file was there before (not created by this open). */
  readonly existed: boolean;
}

const canWrite = (file: string): boolean => {
  try {
    fs.accessSync(file, fs.constants.W_OK);
    return true;
  } catch {
    return false;
  }
};

/**
 * Opens the store file and makes it ready: checks that it is a sound Shipdeck database of a schema this
 * version knows, backs it up before migrations change it, and applies them. A file or folder that
 * cannot be written is opened read-only (SQLite's own `readonly` mode): reads work, writes are refused.
 * Every failure is an AppError naming the file, what is wrong and what to do.
 */
export function openStoreFile(location: StoreLocation, options: OpenStoreFileOptions): OpenedStoreFile {
  const { file, dataDir } = location;
  const isWritable = options.isWritable ?? canWrite;
  const existed = fs.existsSync(file);
  if (!existed) {
    try {
      fs.mkdirSync(dataDir, { recursive: true });
    } catch (error) {
      throw new AppError(
        'STORE_FAILED',
        `Cannot create the data folder ${dataDir}: ${(error as Error).message}`,
        'Choose a folder you can write to with --data-dir or SHIPDECK_DATA_DIR.'
      );
    }
  }
  // SQLite writes beside the file (-wal, -shm, the backups folder), so the folder must be writable too.
  const readOnlyReason = !isWritable(dataDir)
    ? `its folder ${dataDir} is not writable`
    : existed && !isWritable(file)
      ? 'the file is not writable'
      : null;
  if (readOnlyReason && !existed) {
    throw new AppError(
      'STORE_READ_ONLY',
      `Cannot create the release store ${file}: ${readOnlyReason}.`,
      `Make ${dataDir} writable for your user (e.g. chmod u+w), or choose another folder with --data-dir.`
    );
  }

  let db: Database.Database;
  try {
    db = openDatabase(file, { ...options, readonly: readOnlyReason !== null });
  } catch (error) {
    throw translateStoreError(error, location);
  }
  try {
    prepare(db, location, existed, readOnlyReason, options);
  } catch (error) {
    db.close();
    throw translateStoreError(error, location);
  }
  return { db, readOnlyReason, existed };
}

function prepare(
  db: Database.Database,
  location: StoreLocation,
  existed: boolean,
  readOnlyReason: string | null,
  options: OpenStoreFileOptions
): void {
  if (existed) {
    // A few milliseconds for a store of tens of MB: cheap enough to refuse a damaged file up front,
    // before it is backed up over good backups or written to.
    const check = db.pragma('quick_check(1)', { simple: true });
    if (check !== 'ok') {
      throw new AppError('STORE_CORRUPT', `The release store ${location.file} is damaged (integrity check: ${String(check)}).`, restoreHint(location));
    }
  }
  const contents = readStoreContents(db);
  if (contents.kind === 'foreign') {
    throw new AppError(
      'STORE_FAILED',
      `${location.file} is a SQLite database, but not a Shipdeck release store.`,
      `Move it out of ${location.dataDir}, or choose another data folder with --data-dir.`
    );
  }
  const schema = contents.kind === 'shipdeck' ? contents.schema : 0;
  if (schema > KNOWN_SCHEMA) {
    throw new AppError(
      'STORE_TOO_NEW',
      `The release store ${location.file} was written by a newer Shipdeck (schema ${schema}; this version knows up to ${KNOWN_SCHEMA}).`,
      `Update Shipdeck to open it. To go back to this version instead: ${restoreHint(location)} (what was recorded since is lost).`
    );
  }
  if (schema === KNOWN_SCHEMA) return;
  if (readOnlyReason) {
    const error = readOnlyError(location, readOnlyReason);
    throw new AppError('STORE_READ_ONLY', `${error.message} It needs an upgrade to schema ${KNOWN_SCHEMA} first.`, error.hint);
  }
  if (contents.kind === 'shipdeck') {
    makeBackupNow(db, { dataDir: location.dataDir, takenAt: new Date(options.now()), schema, nativeBinding: options.nativeBinding });
  }
  migrate(db, MIGRATIONS, options.now);
}

export const storeLocation = (dataDir: string, fileName: string): StoreLocation => ({ dataDir, file: path.join(dataDir, fileName) });
