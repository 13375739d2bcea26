/**
 * The release store's own maintenance. These never open the store through the core: restore replaces
 * the file the core would hold open.
 */
import { backupReleaseStore } from '../../adapters/store/backup/backup-release-store';
import { restoreReleaseStore } from '../../adapters/store/backup/restore-release-store';
import { DATABASE_FILE_NAME } from '../../adapters/store/sqlite-release-store';
import type { CliCommand } from '../command';

export const backupCommand: CliCommand = {
  words: ['backup'],
  params: [],
  options: [],
  summary: 'Backs up the release store now (a consistent copy) and prints the file it made.',
  details: ['Shipdeck also makes one a day and one before every schema upgrade, and keeps the last 7.'],
  run: async ({ dataDir, out }) => out.line(await backupReleaseStore(dataDir))
};

export const restoreCommand: CliCommand = {
  words: ['restore'],
  params: ['<backup-file>'],
  options: [],
  summary: 'Puts a backup in place of the release store (the store as it was is backed up first).',
  run: async ({ dataDir, params, out }) => {
    const [source = ''] = params;
    const result = await restoreReleaseStore({ dataDir, source, fileName: DATABASE_FILE_NAME });
    const previous = result.previous ? `\nThe store as it was is kept in ${result.previous}` : '';
    return out.line(`Restored ${result.restored} from ${source}${previous}`);
  }
};
