// `npm start`: installs what is missing, builds, then opens Shipdeck in Electron when its binary is
// present, otherwise in browser mode (the URL is printed). `npm start -- --browser` forces browser mode;
// other arguments (e.g. --port, --data-dir) go to `shipdeck serve`.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { buildApp } from './build.mjs';
import { electronBinaryPresent, ensureDependencies } from './ensure-deps.mjs';

const root = path.join(path.dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const forceBrowser = args.includes('--browser');
const serveArgs = args.filter((arg) => arg !== '--browser');

ensureDependencies();
if (!buildApp()) process.exit(1);
const require = createRequire(path.join(root, 'package.json'));

let child;
if (!forceBrowser && electronBinaryPresent()) {
  const { prepareElectronNative } = await import('./prepare-electron-native.mjs');
  if (prepareElectronNative()) {
    const dataDirIndex = serveArgs.indexOf('--data-dir');
    const env = { ...process.env };
    if (dataDirIndex >= 0 && serveArgs[dataDirIndex + 1]) env.SHIPDECK_DATA_DIR = path.resolve(serveArgs[dataDirIndex + 1]);
    child = spawn(require('electron'), [root], { cwd: root, stdio: 'inherit', env });
  }
}
if (!child) {
  if (!forceBrowser) console.log('Starting Shipdeck in browser mode (open the URL below in your browser).');
  child = spawn(process.execPath, [path.join(root, 'out', 'main', 'cli.js'), 'serve', ...serveArgs], { cwd: root, stdio: 'inherit' });
}
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
child.on('exit', (code) => process.exit(code ?? 0));
