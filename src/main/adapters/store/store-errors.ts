import { AppError } from '../../../shared/result';
import { backupFolder, newestRestorableBackup, shellQuote } from './backup/backup-files';
import { MIGRATIONS } from './migrations';

/** What an error says about the store: where it is, so the hint can name the right backup. */
export interface StoreLocation {
  readonly file: string;
  readonly dataDir: string;
}

export const sqliteCode = (error: unknown): string => {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : '';
};

export const KNOWN_SCHEMA = MIGRATIONS.at(-1)?.version ?? 0;

/** The way back from a broken store: the exact restore command for the newest usable backup. */
export function restoreHint(location: StoreLocation): string {
  const backup = newestRestorableBackup(location.dataDir, KNOWN_SCHEMA);
  if (backup) {
    return `Restore the newest backup (${backup.takenAt.toISOString()}) with: shipdeck restore ${shellQuote(backup.file)}`;
  }
  return `There is no backup in ${backupFolder(location.dataDir)}. Move ${location.file} aside to start with an empty store (keep it: it may still be recoverable with sqlite3's .recover).`;
}

export const readOnlyError = (location: StoreLocation, reason: string): AppError =>
  new AppError(
    'STORE_READ_ONLY',
    `The release store ${location.file} is read-only (${reason}): Shipdeck can show what it holds but cannot change it.`,
    `Make the file and its folder writable for your user (e.g. chmod u+w), then restart Shipdeck.`
  );

export const busyError = (): AppError =>
  new AppError(
    'STORE_BUSY',
    'Another Shipdeck process kept the release store busy for too long.',
    'Wait for it to finish (or close it) and try again.'
  );

/**
 * Turns what SQLite reports about the file into an error a person can act on: the file's path, what is
 * wrong with it, and what to do (restore the newest backup, or fix permissions). AppErrors pass as they are.
 */
export function translateStoreError(error: unknown, location: StoreLocation): unknown {
  if (error instanceof AppError) return error;
  const code = sqliteCode(error);
  const detail = error instanceof Error ? error.message : String(error);
  if (code.startsWith('SQLITE_BUSY')) return busyError();
  if (code === 'SQLITE_NOTADB') {
    return new AppError('STORE_CORRUPT', `The release store ${location.file} is not a database (SQLite says: ${detail}).`, restoreHint(location));
  }
  if (code.startsWith('SQLITE_CORRUPT')) {
    return new AppError('STORE_CORRUPT', `The release store ${location.file} is damaged (SQLite says: ${detail}).`, restoreHint(location));
  }
  if (code.startsWith('SQLITE_READONLY')) return readOnlyError(location, detail);
  if (code.startsWith('SQLITE_CANTOPEN') || code.startsWith('SQLITE_PERM') || code === 'SQLITE_AUTH') {
    return new AppError(
      'STORE_FAILED',
      `Cannot open the release store ${location.file} (SQLite says: ${detail}).`,
      'Check that you can read and write the file and its folder (permissions, a disk that is mounted), then start Shipdeck again.'
    );
  }
  if (code.startsWith('SQLITE_FULL') || code.startsWith('SQLITE_IOERR')) {
    return new AppError(
      'STORE_FAILED',
      `The release store ${location.file} could not be written (SQLite says: ${detail}).`,
      'Free some disk space (or check the disk), then try again.'
    );
  }
  return error;
}
