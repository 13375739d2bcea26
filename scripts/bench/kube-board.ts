// The Environments board live from Kubernetes watches, as a person sees it: 20 namespaces × 100
// Deployments in the API emulator (a child process), 20 services each with a kubernetes environment (one
// per namespace: every namespace is watched, all 2,000 Deployments cached), `shipdeck serve` as the core
// and Debian's Chromium on the board. For each of 20 image changes made through the API: the time from
// the write's response until the board shows the new image; the core process' memory (RSS) with all
// cached; the renderer's main-thread tasks over 100 ms meanwhile; and the emulator's request counts
// (lists only at start-up: no polling). Needs `npx electron-vite build` first.
// Run alone: node --import tsx scripts/bench/kube-board.ts
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium } from '@playwright/test';
import { chromiumPath, CHROMIUM_ARGS } from '../../e2e/fixtures/chromium';
import { startServer } from '../../e2e/fixtures/shipdeck';
import { openReleaseStore } from '../../src/main/adapters/store/sqlite-release-store';
import { call } from '../../src/main/kube-emulator/emulator-test-client';
import { childCounts, createBenchDeployments, deploymentName, namespaceName, NAMESPACES, PER_NAMESPACE, percentile, startChild, stopChild } from './kube-watch';

const CHANGES = 20;
const MB = 1024 * 1024;

export interface KubeBoardFigures {
  readonly deployments: number;
  readonly environments: number;
  /** From the write's response until the board shows the new image. */
  readonly shownMs: { readonly medianMs: number; readonly p95Ms: number; readonly maxMs: number };
  readonly coreRssMB: number;
  readonly longTasksOver100: number;
  readonly longestTaskMs: number;
  readonly emulatorRequests: { readonly deploymentLists: number; readonly watchConnections: number };
}

function rssOf(pid: number): number {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
  return (kb * 1024) / MB;
}

function makeRepository(dir: string): string {
  const repo = path.join(dir, 'repo');
  const env = { ...process.env, GIT_AUTHOR_NAME: 'b', GIT_AUTHOR_EMAIL: 'b@b', GIT_COMMITTER_NAME: 'b', GIT_COMMITTER_EMAIL: 'b@b' };
  fs.mkdirSync(repo, { recursive: true });
  fs.writeFileSync(path.join(repo, 'README'), 'bench\n');
  execFileSync('git', ['-C', repo, 'init', '-q'], { env });
  execFileSync('git', ['-C', repo, 'add', '.'], { env });
  execFileSync('git', ['-C', repo, 'commit', '-q', '-m', 'bench'], { env });
  return repo;
}

export async function kubeBoardBench(): Promise<KubeBoardFigures> {
  const executablePath = chromiumPath();
  if (!executablePath) throw new Error('Chromium is needed for this figure (apt-get install chromium).');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'shipdeck-bench-kube-board-'));
  const { child, next } = startChild();
  let stopServer: (() => void) | null = null;
  const browser = await chromium.launch({ executablePath, args: CHROMIUM_ARGS });
  try {
    const ready = await next();
    if (ready.type !== 'ready') throw new Error('the emulator process did not start');
    await createBenchDeployments(ready.url);

    // 20 services, each with one kubernetes environment on its own namespace's first Deployment.
    const repo = makeRepository(dir);
    const dataDir = path.join(dir, 'data');
    const store = openReleaseStore(dataDir, { dailyBackup: false });
    try {
      const audit = { actor: 'bench', action: 'bench', subject: 'bench', details: {} };
      for (let n = 0; n < NAMESPACES; n++) {
        const name = `svc-${String(n).padStart(2, '0')}`;
        await store.workspace.addService({ name, repoPath: repo, imageRepository: '127.0.0.1:5000/bench/app', pipelineFile: '.shipdeck/pipeline.yml', environments: [] }, audit);
        await store.releases.configureEnvironment(
          name,
          'cluster',
          { targetKind: 'kubernetes', settings: { instances: 1, kubernetes: { context: null, namespace: namespaceName(n), deployment: deploymentName(0), rollout: null, serviceName: null } } },
          audit
        );
      }
    } finally {
      store.close();
    }

    await childCounts(child, next, 'reset');
    const { server, process: core } = await startServer(dataDir, { KUBECONFIG: ready.kubeconfig });
    stopServer = () => core.kill('SIGTERM');
    const page = await browser.newPage({ viewport: { width: 1500, height: 950 } });
    await page.addInitScript(() => {
      const tasks: number[] = [];
      (window as unknown as { __longTasks: number[] }).__longTasks = tasks;
      new PerformanceObserver((list) => list.getEntries().forEach((entry) => tasks.push(entry.duration))).observe({ type: 'longtask', buffered: true });
    });
    await page.goto(server.url);
    await page.getByRole('link', { name: /Environments/ }).or(page.getByRole('button', { name: /Environments/ })).first().click();
    await page.getByText(`svc-${String(NAMESPACES - 1).padStart(2, '0')}`).first().waitFor({ timeout: 30_000 });
    // Every namespace listed and cached, the pods ready.
    await page
      .waitForFunction((count) => (document.body.innerText.match(/1\/1 available/g) ?? []).length >= count, NAMESPACES, { timeout: 60_000 })
      .catch(async (error: unknown) => {
        await page.screenshot({ path: path.join(os.tmpdir(), 'kube-board-bench-failed.png'), fullPage: true });
        throw error;
      });
    await page.evaluate(() => ((window as unknown as { __longTasks: number[] }).__longTasks.length = 0));

    const shown: number[] = [];
    for (let change = 0; change < CHANGES; change++) {
      const namespace = namespaceName(change % NAMESPACES);
      const image = `127.0.0.1:5000/bench/app:change-${change}`;
      const patch = { spec: { template: { spec: { containers: [{ name: 'app', image }] } } } };
      const reply = await call(ready.url, 'PATCH', `/apis/apps/v1/namespaces/${namespace}/deployments/${deploymentName(0)}`, patch, { 'Content-Type': 'application/strategic-merge-patch+json' });
      const responded = performance.now();
      if (reply.status !== 200) throw new Error(`patching ${namespace}: HTTP ${reply.status}`);
      await page.waitForFunction((text) => document.body.innerText.includes(text), `change-${change}`, { timeout: 10_000, polling: 'raf' }).catch(async (error: unknown) => {
        await page.screenshot({ path: path.join(os.tmpdir(), 'kube-board-bench-failed.png'), fullPage: true });
        throw error;
      });
      shown.push(performance.now() - responded);
    }
    const coreRssMB = rssOf(core.pid ?? 0);
    const tasks = await page.evaluate(() => (window as unknown as { __longTasks: number[] }).__longTasks);
    const counts = await childCounts(child, next, 'counts');
    shown.sort((a, b) => a - b);
    return {
      deployments: NAMESPACES * PER_NAMESPACE,
      environments: NAMESPACES,
      shownMs: { medianMs: percentile(shown, 0.5), p95Ms: percentile(shown, 0.95), maxMs: shown.at(-1) ?? 0 },
      coreRssMB,
      longTasksOver100: tasks.filter((duration) => duration > 100).length,
      longestTaskMs: Math.max(0, ...tasks),
      emulatorRequests: counts
    };
  } finally {
    await browser.close();
    stopServer?.();
    await stopChild(child);
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

export function kubeBoardRows(figures: KubeBoardFigures): [string, string, string][] {
  const ms = (value: number) => `${value.toFixed(0)} ms`;
  return [
    [
      `Kubernetes board: ${figures.deployments.toLocaleString('en')} Deployments watched, ${figures.environments} environments; a change → shown on the board (median / p95 / max)`,
      `${ms(figures.shownMs.medianMs)} / ${ms(figures.shownMs.p95Ms)} / ${ms(figures.shownMs.maxMs)}`,
      '< 250 ms'
    ],
    ['  core process (shipdeck serve) RSS with all cached', `${figures.coreRssMB.toFixed(0)} MB`, '< 300 MB'],
    ['  renderer tasks over 100 ms meanwhile (longest task)', `${figures.longTasksOver100} (${figures.longestTaskMs.toFixed(0)} ms)`, '0'],
    ['  Deployment lists / watch connections the emulator saw', `${figures.emulatorRequests.deploymentLists} / ${figures.emulatorRequests.watchConnections}`, `= ${figures.environments} / ${figures.environments} (no polling)`]
  ];
}

if (require.main === module) {
  kubeBoardBench().then(
    (figures) => {
      for (const [label, value, target] of kubeBoardRows(figures)) console.log(`${label}  ${value}  ${target}`);
      console.log(JSON.stringify(figures, null, 2));
    },
    (error: unknown) => {
      console.error(error);
      process.exit(1);
    }
  );
}
