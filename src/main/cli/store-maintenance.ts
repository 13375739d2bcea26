import { backupReleaseStore } from '../adapters/store/backup/backup-release-store';
import { restoreReleaseStore } from '../adapters/store/backup/restore-release-store';
import { DATABASE_FILE_NAME } from '../adapters/store/sqlite-release-store';
import { UsageError } from './args';

/** `shipdeck backup`: makes a backup now and says where it is. */
export async function backupCommand(dataDir: string, rest: readonly string[]): Promise<string> {
  if (rest.length) throw new UsageError('expected "backup" with no arguments');
  return backupReleaseStore(dataDir);
}

/** `shipdeck restore <file>`: puts the backup in place, and says where the store as it was went. */
export async function restoreCommand(dataDir: string, rest: readonly string[]): Promise<string> {
  const [source, ...extra] = rest;
  if (source === undefined || extra.length) throw new UsageError('expected "restore <backup-file>"');
  const result = await restoreReleaseStore({ dataDir, source, fileName: DATABASE_FILE_NAME });
  const previous = result.previous ? `\nThe store as it was is kept in ${result.previous}` : '';
  return `Restored ${result.restored} from ${source}${previous}`;
}
