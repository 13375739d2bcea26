import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { backupFileName, backupFolder, pruneBackups } from './backup-files';

const partialName = (file: string): string => `${file}.partial`;

/**
 * A backup is written under a temporary name and renamed when complete, so the backups folder never
 * holds a half-written copy; it is left as a single file (journal mode DELETE) that opens on its own.
 */
function finish(partial: string, file: string, nativeBinding: string | undefined): void {
  const copy = new Database(partial, nativeBinding ? { nativeBinding } : {});
  try {
    copy.pragma('journal_mode = DELETE');
  } finally {
    copy.close();
  }
  fs.renameSync(partial, file);
}

export interface BackupTarget {
  readonly dataDir: string;
  readonly takenAt: Date;
  readonly schema: number;
  readonly nativeBinding?: string | undefined;
}

/**
 * Copies the open database with SQLite's online backup API (better-sqlite3 `db.backup`): consistent
 * even while this or another process writes, and done in steps between event-loop turns, so the app
 * keeps answering. Keeps the newest seven backups. Returns the new file.
 */
export async function makeBackup(db: Database.Database, target: BackupTarget): Promise<string> {
  const { file, partial } = backupPaths(target);
  try {
    await db.backup(partial);
  } catch (error) {
    fs.rmSync(partial, { force: true });
    throw error;
  }
  return complete(partial, file, target);
}

/**
 * The copy taken right before migrations change an existing store. Opening the store is synchronous
 * (the core is composed synchronously) and the copy must be complete before the schema changes, so
 * this one uses `VACUUM INTO`, SQLite's synchronous, transactionally consistent copy, in place of the
 * stepwise backup API.
 */
export function makeBackupNow(db: Database.Database, target: BackupTarget): string {
  const { file, partial } = backupPaths(target);
  try {
    fs.rmSync(partial, { force: true });
    db.prepare('VACUUM INTO ?').run(partial);
  } catch (error) {
    fs.rmSync(partial, { force: true });
    throw error;
  }
  return complete(partial, file, target);
}

/** Where a backup taken now goes, and the temporary name it is written under. */
function backupPaths(target: BackupTarget): { readonly file: string; readonly partial: string } {
  fs.mkdirSync(backupFolder(target.dataDir), { recursive: true });
  const file = path.join(backupFolder(target.dataDir), backupFileName(target.takenAt, target.schema));
  return { file, partial: partialName(file) };
}

/** Puts a finished copy in place and keeps the newest seven; a copy that cannot be finished is removed. */
function complete(partial: string, file: string, target: BackupTarget): string {
  try {
    finish(partial, file, target.nativeBinding);
  } catch (error) {
    fs.rmSync(partial, { force: true });
    throw error;
  }
  pruneBackups(target.dataDir);
  return file;
}
