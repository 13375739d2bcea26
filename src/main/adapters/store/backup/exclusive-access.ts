import Database from 'better-sqlite3';
import { AppError } from '../../../../shared/result';

/**
 * Opens the store file knowing that no other connection has it open, or refuses with STORE_BUSY.
 *
 * How it knows: in WAL mode every open connection (any process, read-only ones included) holds a shared
 * lock on the database file, and SQLite refuses to leave WAL mode (`journal_mode = DELETE`) while any
 * other connection has the file open: it answers SQLITE_BUSY at once with a zero busy timeout. A running
 * Shipdeck keeps its store open for its whole life, so that answer is reliable. After a checkpoint the
 * switch also folds the -wal file into the database, so the file alone holds everything.
 * What it cannot see: a process that opens the store after this check (a narrow window; the caller
 * replaces the file right away).
 */
export function openExclusively(file: string, nativeBinding: string | undefined): Database.Database {
  const db = new Database(file, { fileMustExist: true, ...(nativeBinding ? { nativeBinding } : {}) });
  try {
    db.pragma('busy_timeout = 0');
    db.pragma('wal_checkpoint(TRUNCATE)');
    db.pragma('journal_mode = DELETE');
    return db;
  } catch (error) {
    db.close();
    const code = (error as { code?: unknown }).code;
    if (typeof code === 'string' && code.startsWith('SQLITE_BUSY')) {
      throw new AppError(
        'STORE_BUSY',
        `Another Shipdeck process has the release store ${file} open, so it cannot be replaced now.`,
        'Close Shipdeck (the app, `shipdeck serve`, any running command) and run the restore again.'
      );
    }
    throw error;
  }
}
