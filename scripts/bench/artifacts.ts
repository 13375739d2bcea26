// The artifact catalogue at scale: 1,000,000 artifact rows, searched and paged over the real dispatch.
// Export only: scripts/bench/index.ts calls `artifactCatalog()` (or run this file alone with tsx).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium } from '@playwright/test';
import { chromiumPath, CHROMIUM_ARGS } from '../../e2e/fixtures/chromium';
import { builtCli, startServe } from './serve-process';
import { dispatch } from '../../src/main/api/dispatch';
import { createCore } from '../../src/main/core';
import { openReleaseStore } from '../../src/main/adapters/store/sqlite-release-store';
import { bulkCommit, bulkDigest, bulkInsertArtifacts } from '../../src/main/adapters/store/testing/bulk-artifacts';
import type { CallInput, CallName } from '../../src/shared/contract';

export interface Percentiles {
  readonly p50Ms: number;
  readonly p95Ms: number;
  readonly maxMs: number;
  readonly runs: number;
}

export interface ArtifactFigures {
  readonly rows: number;
  readonly insertMs: number;
  readonly fileMb: number;
  readonly figures: Readonly<Record<string, Percentiles>>;
}

const SERVICES = Array.from({ length: 20 }, (_, i) => `svc-${String(i).padStart(2, '0')}`);

/** Makes the store: the services through the store's own calls, then `rows` artifacts through the bulk path. */
async function generate(dataDir: string, rows: number, startMs: number, stepMs: number): Promise<number> {
  fs.mkdirSync(dataDir, { recursive: true });
  fs.writeFileSync(path.join(dataDir, 'start-ms'), String(startMs));
  const setup = openReleaseStore(dataDir, { dailyBackup: false });
  for (const name of SERVICES) {
    await setup.workspace.addService(
      {
        name,
        repoPath: dataDir,
        imageRepository: `127.0.0.1:5000/bench/${name}`,
        pipelineFile: '.shipdeck/pipeline.yml',
        environments: [{ name: 'prod', targetKind: 'docker', requiresApproval: false }]
      },
      { actor: 'bench', action: 'service.add', subject: `service:${name}`, details: {} }
    );
  }
  const file = setup.file;
  setup.close();
  return bulkInsertArtifacts({ file, services: SERVICES, count: rows, startMs, stepMs, versionEvery: 5, pruneEvery: 40 });
}

const percentiles = (times: number[]): Percentiles => {
  const sorted = [...times].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] as number;
  return { p50Ms: at(0.5), p95Ms: at(0.95), maxMs: sorted.at(-1) ?? 0, runs: sorted.length };
};

/** Generates `rows` artifacts into a temporary store (once), then times the catalogue's calls over dispatch. */
export async function artifactCatalog(rows = 1_000_000, runs = 200): Promise<ArtifactFigures> {
  // SHIPDECK_BENCH_ARTIFACTS_DIR keeps the generated store between runs (made there once, never removed).
  const kept = process.env.SHIPDECK_BENCH_ARTIFACTS_DIR;
  const reuse = kept !== undefined && fs.existsSync(path.join(kept, 'shipdeck.db'));
  const dataDir = kept ?? fs.mkdtempSync(path.join(os.tmpdir(), 'shipdeck-bench-artifacts-'));
  try {
    const stepMs = Math.floor((5 * 365 * 86_400_000) / rows);
    const startMs = reuse ? Number(fs.readFileSync(path.join(dataDir, 'start-ms'), 'utf8')) : Date.now() - rows * stepMs;
    const insertMs = reuse ? 0 : await generate(dataDir, rows, startMs, stepMs);
    const fileMb = fs.statSync(path.join(dataDir, 'shipdeck.db')).size / 1024 / 1024;

    const core = createCore({ dataDir, mode: 'browser', version: 'bench' });
    const figures: Record<string, Percentiles> = {};
    const time = async <N extends CallName>(label: string, input: (i: number) => CallInput<N>, name: N) => {
      const times: number[] = [];
      for (let i = 0; i < runs; i++) {
        const started = performance.now();
        const result = await dispatch(core.handlers, name, input(i));
        times.push(performance.now() - started);
        if (!result.ok) throw new Error(`${label}: ${result.error.message}`);
      }
      figures[label] = percentiles(times);
    };
    const row = (i: number) => Math.floor(((i + 1) * 7_919 * 104_729) % rows);
    try {
      await time('search: commit SHA prefix (8 hex)', (i) => ({ search: bulkCommit(row(i)).slice(0, 8) }), 'artifacts.list');
      await time('search: digest prefix (12 hex)', (i) => ({ search: bulkDigest(row(i)).slice(7, 19) }), 'artifacts.list');
      await time('search: version prefix (e.g. 3.14)', (i) => ({ search: `${i % 5}.${i % 100}` }), 'artifacts.list');
      await time('search: version prefix, one service, by version', (i) => ({ search: `${i % 5}.${i % 100}`, service: SERVICES[i % SERVICES.length], sort: 'version' }), 'artifacts.list');
      await time('first page: all, newest', () => ({}), 'artifacts.list');
      await time('first page: one service, live, newest', (i) => ({ service: SERVICES[i % SERVICES.length], status: 'live' }), 'artifacts.list');
      await time('first page: pruned only, oldest', () => ({ status: 'pruned', sort: 'oldest' }), 'artifacts.list');
      await time('first page: all, by version', () => ({ sort: 'version' }), 'artifacts.list');
      await time('first page: one service, a month, newest', (i) => {
        const from = new Date(startMs + ((i * 13) % 50) * 30 * 86_400_000);
        return { service: SERVICES[i % SERVICES.length], createdFrom: from.toISOString(), createdTo: new Date(from.getTime() + 30 * 86_400_000).toISOString() };
      }, 'artifacts.list');
      await time('search: two message words', (i) => ({ search: ['checkout login', 'retry cache', 'payments speed'][i % 3] }), 'artifacts.list');
      // Opening the screen: the calls it makes before the table shows (the status check runs beside it).
      const open: number[] = [];
      for (let i = 0; i < Math.min(runs, 50); i++) {
        const started = performance.now();
        await Promise.all([
          dispatch(core.handlers, 'services.list', {}),
          dispatch(core.handlers, 'artifacts.list', { limit: 200 })
        ]);
        open.push(performance.now() - started);
      }
      figures['open the Artifacts screen: services.list + first 200 rows'] = percentiles(open);
    } finally {
      core.close();
    }
    const screen = await openScreenInChromium(dataDir, 15);
    if (screen) figures['open the Artifacts screen in Chromium (click → first row shown)'] = screen;
    return { rows, insertMs, fileMb, figures };
  } finally {
    if (kept === undefined) fs.rmSync(dataDir, { recursive: true, force: true });
  }
}


/**
 * The screen as a person opens it: `shipdeck serve` on the big store, Debian's Chromium, a fresh page
 * load each run (no cached query), then the time from clicking "Artifacts" to the first row on screen.
 * Null when Chromium or the build (out/) is missing.
 */
async function openScreenInChromium(dataDir: string, runs: number): Promise<Percentiles | null> {
  const executablePath = chromiumPath();
  if (!executablePath || !fs.existsSync(builtCli)) return null;
  const server = await startServe(dataDir);
  const browser = await chromium.launch({ executablePath, args: CHROMIUM_ARGS });
  try {
    const page = await browser.newPage({ viewport: { width: 1360, height: 860 } });
    await page.goto(server.url);
    const times: number[] = [];
    for (let i = 0; i < runs; i++) {
      await page.reload();
      const nav = page.getByRole('navigation', { name: 'Screens' }).getByRole('button', { name: 'Artifacts', exact: true });
      await nav.waitFor({ state: 'visible' });
      // Let the screen the app opens on finish its own loading first: this times the Artifacts screen alone.
      await page.waitForLoadState('networkidle');
      const started = performance.now();
      await nav.click();
      await page.getByTestId('artifact-row').first().waitFor({ state: 'visible', timeout: 15_000 });
      times.push(performance.now() - started);
    }
    console.log(`open the Artifacts screen in Chromium, each run: ${times.map((t) => t.toFixed(0)).join(', ')} ms`);
    return percentiles(times);
  } finally {
    await browser.close();
    await server.stop();
  }
}

if (require.main === module) {
  const rows = Number(process.argv[2] ?? 1_000_000);
  artifactCatalog(rows).then(
    (result) => {
      console.log(`\n${result.rows.toLocaleString('en')} artifact rows: generated in ${(result.insertMs / 1000).toFixed(1)} s, ${result.fileMb.toFixed(0)} MB`);
      const width = Math.max(...Object.keys(result.figures).map((label) => label.length));
      for (const [label, p] of Object.entries(result.figures)) {
        console.log(`${label.padEnd(width)}  p50 ${p.p50Ms.toFixed(2).padStart(7)} ms   p95 ${p.p95Ms.toFixed(2).padStart(7)} ms   max ${p.maxMs.toFixed(1).padStart(7)} ms`);
      }
    },
    (error: unknown) => {
      console.error(error);
      process.exit(1);
    }
  );
}
