// better-sqlite3 in node_modules is built for Node (CLI, browser mode, tests). Electron has another
// ABI, so this builds a second copy for Electron into .electron-native/, which Electron's main loads.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const root = path.join(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);

export function prepareElectronNative() {
  const electronVersion = require('electron/package.json').version;
  const outDir = path.join(root, '.electron-native');
  const target = path.join(outDir, 'better_sqlite3.node');
  const stamp = path.join(outDir, 'electron-version');
  if (fs.existsSync(target) && fs.existsSync(stamp) && fs.readFileSync(stamp, 'utf8') === electronVersion) return true;

  const work = path.join(outDir, 'better-sqlite3');
  fs.rmSync(work, { recursive: true, force: true });
  fs.cpSync(path.join(root, 'node_modules', 'better-sqlite3'), work, { recursive: true });
  fs.rmSync(path.join(work, 'build'), { recursive: true, force: true });
  console.log(`Building better-sqlite3 for Electron ${electronVersion}…`);
  const run = (command, args) =>
    spawnSync(command, args, { cwd: work, stdio: 'inherit', env: { ...process.env, npm_config_runtime: 'electron' } }).status === 0;
  const built =
    run(process.execPath, [require.resolve('prebuild-install/bin.js'), '--runtime=electron', `--target=${electronVersion}`]) ||
    run('npx', ['--yes', 'node-gyp', 'rebuild', '--release', '--runtime=electron', `--target=${electronVersion}`, '--dist-url=https://electronjs.org/headers']);
  const product = path.join(work, 'build', 'Release', 'better_sqlite3.node');
  if (!built || !fs.existsSync(product)) {
    console.error('Could not build better-sqlite3 for Electron; run `npm start -- --browser` for browser mode.');
    return false;
  }
  fs.copyFileSync(product, target);
  fs.writeFileSync(stamp, electronVersion);
  return true;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) process.exit(prepareElectronNative() ? 0 : 1);
