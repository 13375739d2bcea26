// `npm run bench`: builds if needed, then runs the benchmark (TypeScript, through tsx) and prints the figures.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { ensureDependencies } from './ensure-deps.mjs';

const root = path.join(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(path.join(root, 'package.json'));
ensureDependencies({ quiet: true });
if (!fs.existsSync(path.join(root, 'out', 'main', 'cli.js')) || process.argv.includes('--rebuild')) {
  const build = spawnSync(process.execPath, [require.resolve('electron-vite/bin/electron-vite.js'), 'build'], { cwd: root, stdio: 'inherit' });
  if (build.status !== 0) process.exit(1);
}
const bench = spawnSync(process.execPath, ['--import', 'tsx', path.join(root, 'scripts', 'bench', 'index.ts')], { cwd: root, stdio: 'inherit' });
process.exit(bench.status ?? 1);
