import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium } from '@playwright/test';
import { chromiumPath, CHROMIUM_ARGS } from '../../e2e/fixtures/chromium';

const root = path.join(__dirname, '..', '..');
const cli = path.join(root, 'out', 'main', 'cli.js');

/**
 * Browser mode, cold: from starting `shipdeck serve` (a new process, on a data folder that already holds
 * the demo) to the history screen showing commits, in an already-running browser. Also reported: the
 * same including the browser's own launch.
 */
export async function coldStart(runs: number): Promise<{ withBrowserOpen: number[]; includingBrowserLaunch: number[] }> {
  const executablePath = chromiumPath();
  if (!executablePath) throw new Error('Chromium is needed for the cold-start figure (apt-get install chromium).');
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'shipdeck-bench-start-'));
  const demo = spawnSync(process.execPath, [cli, 'demo', '--data-dir', dataDir], { encoding: 'utf8' });
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
      const server = spawn(process.execPath, [cli, 'serve', '--data-dir', dataDir], { stdio: ['ignore', 'pipe', 'inherit'] });
      const url = await new Promise<string>((resolve, reject) => {
        let out = '';
        server.stdout.on('data', (chunk: Buffer) => {
          out += chunk.toString();
          const match = /Shipdeck at (\S+)/.exec(out);
          if (match?.[1]) resolve(match[1]);
        });
        server.once('exit', (code) => reject(new Error(`serve exited ${code}`)));
      });
      await page.goto(url);
      await page.getByTestId('commit-row').first().waitFor({ state: 'visible', timeout: 15_000 });
      const elapsed = performance.now() - started;
      withBrowserOpen.push(elapsed);
      includingBrowserLaunch.push(elapsed + launchMs);

      await browser.close();
      server.kill('SIGTERM');
      await new Promise((resolve) => server.once('exit', resolve));
    }
  } finally {
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
  return { withBrowserOpen, includingBrowserLaunch };
}
