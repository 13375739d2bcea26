import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { productName } from '../../package.json';
import { APP_NAME, defaultUserDataDir, resolveDataDir } from './data-dir';

describe('data folder', () => {
  it('is --data-dir first, then SHIPDECK_DATA_DIR, then the app folder, as absolute paths', () => {
    const env = { SHIPDECK_DATA_DIR: '/from/env' };
    expect(resolveDataDir({ flag: 'rel/dir', env, electronUserData: '/electron' })).toBe(path.resolve('rel/dir'));
    expect(resolveDataDir({ env, electronUserData: '/electron' })).toBe('/from/env');
    expect(resolveDataDir({ env: {}, electronUserData: '/electron' })).toBe('/electron');
  });

  it("matches Electron's user-data folder for an app named Shipdeck, so the CLI and the app share one workspace", () => {
    expect(defaultUserDataDir({ XDG_CONFIG_HOME: '/x' }, 'linux')).toBe(path.join('/x', 'Shipdeck'));
    expect(defaultUserDataDir({ APPDATA: 'C:\\Users\\a\\AppData\\Roaming' }, 'win32')).toBe(
      path.join('C:\\Users\\a\\AppData\\Roaming', 'Shipdeck')
    );
    expect(defaultUserDataDir({}, 'darwin')).toMatch(/Library[/\\]Application Support[/\\]Shipdeck$/);
    // Electron names the folder after package.json's productName.
    expect(productName).toBe(APP_NAME);
  });
});
