// Installs the npm dependencies when they are missing or older than package-lock.json, then tries to
// fetch Electron's binary separately: where it cannot be downloaded, Shipdeck still installs and runs
// in browser mode instead of failing the whole install.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.join(path.dirname(fileURLToPath(import.meta.url)), '..');
const marker = path.join(root, 'node_modules', '.shipdeck-install');

function lockHash() {
  return createHash('sha256')
    .update(fs.readFileSync(path.join(root, 'package-lock.json')))
    .update(fs.readFileSync(path.join(root, 'package.json')))
    .digest('hex');
}

export function electronBinaryPresent() {
  const pathFile = path.join(root, 'node_modules', 'electron', 'path.txt');
  if (!fs.existsSync(pathFile)) return false;
  const binary = path.join(root, 'node_modules', 'electron', 'dist', fs.readFileSync(pathFile, 'utf8').trim());
  return fs.existsSync(binary);
}

export function ensureDependencies({ quiet = false } = {}) {
  const wanted = lockHash();
  const current = fs.existsSync(marker) ? fs.readFileSync(marker, 'utf8') : '';
  if (current !== wanted) {
    if (!quiet) console.log('Installing dependencies (npm ci)…');
    const npm = (command) =>
      spawnSync('npm', [command, '--no-audit', '--no-fund'], {
        cwd: root,
        stdio: 'inherit',
        env: { ...process.env, ELECTRON_SKIP_BINARY_DOWNLOAD: '1' }
      }).status === 0;
    // npm 11 can write a lock file without other platforms' optional packages (rollup's native builds),
    // which `npm ci` then calls out of sync; `npm install` resolves the same versions from the lock.
    if (!npm('ci')) {
      console.log('npm ci refused the lock file; installing with npm install instead…');
      if (!npm('install')) {
        console.error('npm install failed: see the messages above.');
        process.exit(1);
      }
    }
    fs.writeFileSync(marker, lockHash());
  }
  if (!electronBinaryPresent() && process.env.SHIPDECK_SKIP_ELECTRON !== '1') {
    const download = spawnSync(process.execPath, [path.join(root, 'node_modules', 'electron', 'install.js')], {
      cwd: root,
      stdio: quiet ? 'ignore' : ['ignore', 'ignore', 'ignore'],
      timeout: 180_000,
      env: { ...process.env, ELECTRON_SKIP_BINARY_DOWNLOAD: '' }
    });
    if (!quiet) {
      console.log(
        download.status === 0 && electronBinaryPresent()
          ? "Electron's binary is installed."
          : "Electron's binary could not be downloaded here: Shipdeck runs in browser mode."
      );
    }
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) ensureDependencies();
