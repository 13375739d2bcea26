// `npm run bench`: builds, then runs the benchmark (TypeScript, through tsx) and prints the figures.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildApp } from './build.mjs';
import { ensureDependencies } from './ensure-deps.mjs';

const root = path.join(path.dirname(fileURLToPath(import.meta.url)), '..');
ensureDependencies({ quiet: true });
// Always measure what the source builds to now, never a stale out/.
if (!buildApp({ quiet: true })) process.exit(1);
// Arguments pick benchmarks by name: `npm run bench -- releases`.
const bench = spawnSync(process.execPath, ['--import', 'tsx', path.join(root, 'scripts', 'bench', 'index.ts'), ...process.argv.slice(2)], { cwd: root, stdio: 'inherit' });
process.exit(bench.status ?? 1);
