import fs from 'node:fs';
import path from 'node:path';

export const BACKUP_FOLDER = 'backups';
/** How many backups are kept; older ones are removed when a new one is made. */
export const BACKUPS_KEPT = 7;
/** A backup is made on open when the newest one is older than this. */
export const BACKUP_INTERVAL_MS = 24 * 60 * 60 * 1000;

export interface BackupFile {
  readonly file: string;
  readonly takenAt: Date;
  /** The schema version of the copy: a Shipdeck that knows fewer migrations cannot open it. */
  readonly schema: number;
}

const NAME = /^shipdeck-(\d{4}-\d{2}-\d{2})T(\d{2})-(\d{2})-(\d{2})-(\d{3})Z-schema(\d+)\.db$/;

export const backupFolder = (dataDir: string): string => path.join(dataDir, BACKUP_FOLDER);

/** `shipdeck-2026-05-01T09-30-00-000Z-schema2.db`: sorts by time, and says which schema it holds. */
export function backupFileName(takenAt: Date, schema: number): string {
  return `shipdeck-${takenAt.toISOString().replace(/[:.]/g, '-')}-schema${schema}.db`;
}

/** The backups in the data folder, newest first. Files that are not Shipdeck backups are left alone. */
export function listBackups(dataDir: string): BackupFile[] {
  let names: string[];
  try {
    names = fs.readdirSync(backupFolder(dataDir));
  } catch {
    return [];
  }
  const backups: BackupFile[] = [];
  for (const name of names) {
    const match = NAME.exec(name);
    if (!match) continue;
    const [, day, hours, minutes, seconds, millis, schema] = match as unknown as [string, string, string, string, string, string, string];
    backups.push({
      file: path.join(backupFolder(dataDir), name),
      takenAt: new Date(`${day}T${hours}:${minutes}:${seconds}.${millis}Z`),
      schema: Number(schema)
    });
  }
  return backups.sort((a, b) => b.takenAt.getTime() - a.takenAt.getTime());
}

/** The newest backup this Shipdeck can open (its schema is not newer than the one it knows). */
export function newestRestorableBackup(dataDir: string, knownSchema: number): BackupFile | null {
  return listBackups(dataDir).find((backup) => backup.schema <= knownSchema) ?? null;
}

/** True when no backup was made in the last day. */
export function isBackupDue(dataDir: string, now: Date): boolean {
  const newest = listBackups(dataDir)[0];
  return !newest || now.getTime() - newest.takenAt.getTime() >= BACKUP_INTERVAL_MS;
}

/** Keeps the newest BACKUPS_KEPT backups and removes the rest. */
export function pruneBackups(dataDir: string): void {
  for (const old of listBackups(dataDir).slice(BACKUPS_KEPT)) fs.rmSync(old.file, { force: true });
}

/** A path as it can be pasted into a shell. */
export function shellQuote(file: string): string {
  return /^[\w@%+=:,./-]+$/.test(file) ? file : `'${file.replace(/'/g, `'\\''`)}'`;
}
