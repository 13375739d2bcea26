// Does the log viewer keep the page responsive while a stage streams 100 MB of log? Browser mode in
// Debian's Chromium: start a run whose one stage prints 100 MB, watch it live with follow-the-tail, and
// record every main-thread task over 50 ms (PerformanceObserver 'longtask') until the viewer shows the
// whole log. Needs `npx electron-vite build` first (it runs out/main/cli.js serve).
// Run alone: node --import tsx scripts/bench/log-viewer-longtask.ts
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium } from '@playwright/test';
import { chromiumPath, CHROMIUM_ARGS } from '../../e2e/fixtures/chromium';
import { startServer } from '../../e2e/fixtures/shipdeck';

const MB = 1024 * 1024;
const root = path.join(__dirname, '..', '..');

export interface LongTaskFigures {
  readonly bytes: number;
  readonly lines: number;
  /** From Start run until the viewer shows every line. */
  readonly streamedMs: number;
  readonly longTasks: number;
  readonly longestTaskMs: number;
  /** The renderer's JS heap at the end. */
  readonly heapMB: number;
}

export async function logViewerLongTasks(totalBytes = 100 * MB): Promise<LongTaskFigures> {
  const executablePath = chromiumPath();
  if (!executablePath) throw new Error('Chromium is needed for this figure (apt-get install chromium).');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'shipdeck-bench-longtask-'));
  const repo = path.join(dir, 'repo');
  const env = { ...process.env, GIT_AUTHOR_NAME: 'b', GIT_AUTHOR_EMAIL: 'b@b', GIT_COMMITTER_NAME: 'b', GIT_COMMITTER_EMAIL: 'b@b' };
  fs.mkdirSync(path.join(repo, '.shipdeck'), { recursive: true });
  // Log-like lines with a colour code now and then, so the ANSI path is exercised too.
  fs.writeFileSync(
    path.join(repo, '.shipdeck', 'pipeline.yml'),
    `version: 1\nstages:\n  - name: flood\n    run: "yes '2026-01-01T00:00:00Z INFO [worker] request handled in 12 ms \\\\033[32mok\\\\033[0m path=/api/v1/items' | head -c ${totalBytes}"\n`
  );
  execFileSync('git', ['-C', repo, 'init', '-q'], { env });
  execFileSync('git', ['-C', repo, 'add', '.'], { env });
  execFileSync('git', ['-C', repo, 'commit', '-q', '-m', 'flood'], { env });
  const dataDir = path.join(dir, 'data');
  fs.mkdirSync(dataDir);
  execFileSync(process.execPath, [path.join(root, 'out', 'main', 'cli.js'), 'services', 'add', 'flood', repo, '--data-dir', dataDir]);
  const { server, process: child } = await startServer(dataDir);
  const browser = await chromium.launch({ executablePath, args: CHROMIUM_ARGS });
  try {
    const page = await browser.newPage({ viewport: { width: 1360, height: 860 } });
    await page.goto(server.url);
    await page.getByRole('navigation', { name: 'Screens' }).getByRole('button', { name: 'Pipeline runs' }).click();
    await page.evaluate(() => {
      const tasks: number[] = [];
      (window as unknown as { longTasks: number[] }).longTasks = tasks;
      new PerformanceObserver((list) => list.getEntries().forEach((entry) => tasks.push(entry.duration))).observe({ type: 'longtask', buffered: false });
    });
    const started = Date.now();
    await page.getByTestId('start-run').click();
    await page.getByTestId('log-total').waitFor();
    // The viewer shows the whole log when its line count stops saying "live" and is past the 100 MB mark.
    await page.waitForFunction(
      () => {
        const text = document.querySelector('[data-testid="log-total"]')?.textContent ?? '';
        return !text.includes('live') && Number(text.replace(/[^0-9]/g, '')) > 1000;
      },
      undefined,
      { timeout: 300_000, polling: 250 }
    );
    const streamedMs = Date.now() - started;
    const text = (await page.getByTestId('log-total').textContent()) ?? '';
    const tasks = await page.evaluate(() => (window as unknown as { longTasks: number[] }).longTasks);
    const heap = await page.evaluate(() => (performance as unknown as { memory?: { usedJSHeapSize: number } }).memory?.usedJSHeapSize ?? 0);
    return {
      bytes: totalBytes,
      lines: Number(text.replace(/[^0-9]/g, '')),
      streamedMs,
      longTasks: tasks.length,
      longestTaskMs: Math.max(0, ...tasks),
      heapMB: heap / MB
    };
  } finally {
    await browser.close();
    child.kill('SIGTERM');
    await new Promise((resolve) => child.once('exit', resolve));
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

if (require.main === module) {
  logViewerLongTasks().then(
    (figures) => {
      console.log(`Log viewer while a stage streams ${(figures.bytes / MB).toFixed(0)} MB (${figures.lines.toLocaleString('en')} lines), Chromium:`);
      console.log(`  until the viewer showed every line   ${(figures.streamedMs / 1000).toFixed(1).padStart(6)} s`);
      console.log(`  main-thread tasks over 50 ms          ${String(figures.longTasks).padStart(6)}`);
      console.log(`  longest main-thread task              ${figures.longestTaskMs.toFixed(0).padStart(6)} ms   (target ≤ 100 ms)`);
      console.log(`  renderer JS heap at the end           ${figures.heapMB.toFixed(0).padStart(6)} MB`);
    },
    (error: unknown) => {
      console.error(error);
      process.exit(1);
    }
  );
}
