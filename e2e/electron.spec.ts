import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { _electron as electron, expect, test } from '@playwright/test';

const root = path.join(__dirname, '..');

/** The Electron binary is downloaded by electron's postinstall; where that cannot happen, it is absent. */
function electronBinary(): string | null {
  try {
    const pathFile = path.join(root, 'node_modules', 'electron', 'path.txt');
    const binary = path.join(root, 'node_modules', 'electron', 'dist', fs.readFileSync(pathFile, 'utf8').trim());
    return fs.existsSync(binary) ? binary : null;
  } catch {
    return null;
  }
}

const binary = electronBinary();
const nativeForElectron = fs.existsSync(path.join(root, '.electron-native', 'better_sqlite3.node'));

test.describe('Electron app', () => {
  test.skip(
    !binary,
    "SKIPPED: Electron's binary is not installed (it could not be downloaded on this machine); browser-mode tests cover the same screens."
  );
  test.skip(
    !nativeForElectron,
    'SKIPPED: better-sqlite3 is not built for Electron yet: run `node scripts/prepare-electron-native.mjs` (npm start does it).'
  );

  test('opens one secure window on the welcome screen and opens the demo', async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'shipdeck-electron-'));
    const env: Record<string, string> = {};
    for (const [key, value] of Object.entries(process.env)) if (value !== undefined) env[key] = value;
    const app = await electron.launch({ executablePath: binary as string, args: [root], env: { ...env, SHIPDECK_DATA_DIR: dataDir, SHIPDECK_LIVE_DEMO: 'off' } });
    try {
      const window = await app.firstWindow();
      await expect(window.getByRole('button', { name: 'Open the demo workspace' })).toBeVisible();
      // The page sees only the contract bridge: no Node, no require, no process.
      expect(await window.evaluate(() => typeof (globalThis as { require?: unknown }).require)).toBe('undefined');
      expect(await window.evaluate(() => typeof (globalThis as { process?: unknown }).process)).toBe('undefined');
      expect(await window.evaluate(() => typeof (window as unknown as { shipdeck?: { call?: unknown } }).shipdeck?.call)).toBe('function');
      expect(app.windows()).toHaveLength(1);
      // The core (SQLite, git) runs in a utility process of its own, not in the window's main process.
      const processTypes = await app.evaluate(({ app: electronApp }) => electronApp.getAppMetrics().map((metric) => metric.type));
      expect(processTypes).toContain('Utility');
      await window.getByRole('button', { name: 'Open the demo workspace' }).click();
      await expect(window.getByTestId('commit-row').first()).toBeVisible({ timeout: 30_000 });
    } finally {
      await app.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
