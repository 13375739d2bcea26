import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium } from '@playwright/test';
import { chromiumPath, CHROMIUM_ARGS } from '../../e2e/fixtures/chromium';
import { builtCli, startServe } from './serve-process';


/**
 * Browser mode, cold: from starting `shipdeck serve` (a new process, on a data folder that already holds
 * the demo) to the history screen showing commits, in an already-running browser. Also reported: the
 * same including the browser's own launch.
 */
export async function coldStart(runs: number): Promise<{ withBrowserOpen: number[]; includingBrowserLaunch: number[] }> {
  const executablePath = chromiumPath();
  if (!executablePath) throw new Error('Chromium is needed for the cold-start figure (apt-get install chromium).');
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'shipdeck-bench-start-'));
  const demo = spawnSync(process.execPath, [builtCli, 'demo', '--data-dir', dataDir], { encoding: 'utf8' });
  if (demo.status !== 0) throw new Error(`could not create the demo: ${demo.stderr}`);

  const withBrowserOpen: number[] = [];
  const includingBrowserLaunch: number[] = [];
  try {
    for (let i = 0; i < runs; i++) {
      const launchStarted = performance.now();
      const browser = await chromium.launch({ executablePath, args: CHROMIUM_ARGS });
      const page = await browser.newPage();
      const launchMs = performance.now() - launchStarted;

      const started = performance.now();
      const server = await startServe(dataDir);
      await page.goto(server.url);
      await page.getByTestId('commit-row').first().waitFor({ state: 'visible', timeout: 15_000 });
      const elapsed = performance.now() - started;
      withBrowserOpen.push(elapsed);
      includingBrowserLaunch.push(elapsed + launchMs);

      await browser.close();
      await server.stop();
    }
  } finally {
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
  return { withBrowserOpen, includingBrowserLaunch };
}
