import os from 'node:os';
import path from 'node:path';

export const APP_NAME = 'Shipdeck';

/**
 * Where the release store and the demo live: `--data-dir`, else SHIPDECK_DATA_DIR, else the user-data
 * folder. The CLI's default is the same folder Electron uses for the app, so both see one workspace.
 */
export function resolveDataDir(sources: {
  readonly flag?: string | undefined;
  readonly env?: NodeJS.ProcessEnv;
  readonly electronUserData?: string | undefined;
}): string {
  const env = sources.env ?? process.env;
  const chosen = sources.flag ?? env.SHIPDECK_DATA_DIR ?? sources.electronUserData ?? defaultUserDataDir(env);
  return path.resolve(chosen);
}

/** Electron's `app.getPath('userData')` for an app named Shipdeck, computed without Electron. */
export function defaultUserDataDir(env: NodeJS.ProcessEnv, platform = process.platform): string {
  const home = os.homedir();
  switch (platform) {
    case 'darwin':
      return path.join(home, 'Library', 'Application Support', APP_NAME);
    case 'win32':
      return path.join(env.APPDATA ?? path.join(home, 'AppData', 'Roaming'), APP_NAME);
    default:
      return path.join(env.XDG_CONFIG_HOME ?? path.join(home, '.config'), APP_NAME);
  }
}
