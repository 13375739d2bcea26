import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { AppError } from '../../../shared/result';

export interface OpenDatabaseOptions {
  /** Path of a better_sqlite3.node built for this runtime (Electron's ABI differs from Node's). */
  readonly nativeBinding?: string | undefined;
  /** How long a writer waits for another process's transaction before giving up. */
  readonly busyTimeoutMs?: number | undefined;
}

/**
 * Opens (creating if needed) the SQLite file with the settings every connection must have: WAL so
 * readers never block the writer, synchronous=FULL so a committed release record survives a power cut,
 * foreign keys on, and a busy timeout so a second process waits for the first instead of failing.
 * With `readonly`, the file must exist and nothing about it is changed (not even the journal mode).
 * SQLite's own errors (not a database, damaged…) are thrown as they are; the caller explains them.
 */
export function openDatabase(file: string, options: OpenDatabaseOptions & { readonly readonly?: boolean } = {}): Database.Database {
  if (!options.readonly) {
    try {
      fs.mkdirSync(path.dirname(file), { recursive: true });
    } catch (error) {
      throw new AppError(
        'STORE_FAILED',
        `Cannot create the data folder ${path.dirname(file)}: ${(error as Error).message}`,
        'Choose a folder you can write to with --data-dir or SHIPDECK_DATA_DIR.'
      );
    }
  }
  const db = new Database(file, {
    ...(options.nativeBinding ? { nativeBinding: options.nativeBinding } : {}),
    ...(options.readonly ? { readonly: true, fileMustExist: true } : {})
  });
  try {
    db.pragma(`busy_timeout = ${options.busyTimeoutMs ?? 10_000}`);
    if (options.readonly) {
      // Reading the schema is what finds out whether the file is a database at all.
      db.prepare('SELECT count(*) FROM sqlite_master').get();
      return db;
    }
    const mode = db.pragma('journal_mode = WAL', { simple: true });
    if (mode !== 'wal') {
      throw new AppError(
        'STORE_FAILED',
        `The release store ${file} cannot use write-ahead logging (journal mode is ${String(mode)}).`,
        'Put the data folder on a local disk; network file systems do not support it.'
      );
    }
    db.pragma('synchronous = FULL');
    db.pragma('foreign_keys = ON');
    return db;
  } catch (error) {
    db.close();
    throw error;
  }
}
