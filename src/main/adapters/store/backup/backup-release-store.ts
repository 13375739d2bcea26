import { openReleaseStore, type OpenReleaseStoreOptions } from '../sqlite-release-store';

/**
 * `shipdeck backup`: a consistent copy of the release store in `<dataDir>/backups/` made now, with
 * SQLite's online backup, whether or not another Shipdeck process is using the store. Returns the file.
 */
export async function backupReleaseStore(dataDir: string, options: OpenReleaseStoreOptions = {}): Promise<string> {
  const store = openReleaseStore(dataDir, { ...options, dailyBackup: false });
  try {
    return await store.backup();
  } finally {
    store.close();
  }
}
