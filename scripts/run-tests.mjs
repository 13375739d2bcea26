// Runs every suite in order and sums them into the one closing line CI reads.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { electronBinaryPresent, ensureDependencies } from './ensure-deps.mjs';

const root = path.join(path.dirname(fileURLToPath(import.meta.url)), '..');
const reports = path.join(root, 'reports');
fs.rmSync(reports, { recursive: true, force: true });
fs.mkdirSync(reports, { recursive: true });

ensureDependencies();
const require = createRequire(path.join(root, 'package.json'));
const bin = (pkg, file) => path.join(path.dirname(require.resolve(`${pkg}/package.json`)), file);

const totals = { passed: 0, failed: 0, skipped: 0 };
const lines = [];

function run(label, args) {
  console.log(`\n=== ${label} ===`);
  const started = Date.now();
  const result = spawnSync(process.execPath, args, { cwd: root, stdio: 'inherit', env: { ...process.env, FORCE_COLOR: '0' } });
  return { ok: result.status === 0, seconds: ((Date.now() - started) / 1000).toFixed(1) };
}

function check(label, args) {
  const { ok, seconds } = run(label, args);
  totals[ok ? 'passed' : 'failed'] += 1;
  lines.push(`${label}: ${ok ? 'ok' : 'FAILED'} (${seconds} s)`);
  return ok;
}

function suite(label, args, reportFile, count) {
  const { ok, seconds } = run(label, args);
  let counts;
  try {
    counts = count(JSON.parse(fs.readFileSync(reportFile, 'utf8')));
  } catch {
    counts = { passed: 0, failed: 1, skipped: 0 }; // the runner died before it could report
  }
  if (!ok && counts.failed === 0) counts.failed = 1; // e.g. an error outside any test
  for (const key of Object.keys(totals)) totals[key] += counts[key];
  lines.push(`${label}: ${counts.passed} passed, ${counts.failed} failed, ${counts.skipped} skipped (${seconds} s)`);
  for (const note of counts.notes ?? []) lines.push(`  ${note}`);
}

const tsc = bin('typescript', 'bin/tsc');
check('typecheck (node)', [tsc, '-p', 'tsconfig.node.json', '--noEmit']);
check('typecheck (web)', [tsc, '-p', 'tsconfig.web.json', '--noEmit']);
check('typecheck (e2e)', [tsc, '-p', 'tsconfig.e2e.json', '--noEmit']);
check('lint', [bin('eslint', 'bin/eslint.js'), '--max-warnings', '0', '.']);
const built = check('build', [bin('electron-vite', 'bin/electron-vite.js'), 'build']);

const vitestReport = path.join(reports, 'vitest.json');
suite('unit + integration (vitest)', [bin('vitest', 'vitest.mjs'), 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${vitestReport}`], vitestReport, (r) => ({
  passed: r.numPassedTests,
  failed: r.numFailedTests + (r.numRuntimeErrorTestSuites ?? 0),
  skipped: r.numPendingTests + r.numTodoTests
}));

const playwrightReport = path.join(reports, 'playwright.json');
if (built && electronBinaryPresent()) {
  // The Electron end-to-end test needs better-sqlite3 built for Electron's ABI as well.
  const { prepareElectronNative } = await import('./prepare-electron-native.mjs');
  prepareElectronNative();
}
if (built) {
  suite('end-to-end (playwright)', [bin('@playwright/test', 'cli.js'), 'test'], playwrightReport, (r) => {
    const notes = skipReasons(r.suites ?? []).map((reason) => `skipped: ${reason}`);
    return { passed: r.stats.expected + r.stats.flaky, failed: r.stats.unexpected, skipped: r.stats.skipped, notes };
  });
} else {
  totals.failed += 1;
  lines.push('end-to-end (playwright): not run, the build failed');
}

/** Every skipped Playwright test with the reason it gave, so a skip is never silent. */
function skipReasons(suites) {
  const reasons = [];
  const visit = (suite) => {
    for (const spec of suite.specs ?? []) {
      for (const test of spec.tests ?? []) {
        if (test.status !== 'skipped') continue;
        const why = (test.annotations ?? []).find((a) => a.type === 'skip')?.description ?? 'no reason given';
        reasons.push(`${spec.title} — ${why}`);
      }
    }
    (suite.suites ?? []).forEach(visit);
  };
  suites.forEach(visit);
  return reasons;
}

console.log('\n=== summary ===');
for (const line of lines) console.log(line);
console.log(`${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped`);
process.exit(totals.failed === 0 ? 0 : 1);
