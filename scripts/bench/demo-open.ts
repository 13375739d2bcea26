// Opening the demo: making its git repository (fast-import) and recording its year of release history
// (runs, artifacts, prunes in one transaction; the stage logs through the run-logs adapter), each in a
// fresh data folder, as a first open does.
// Run alone: node --import tsx scripts/bench/demo-open.ts
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createRunLogAdapter } from '../../src/main/adapters/logs/run-log-adapter';
import { openReleaseStore } from '../../src/main/adapters/store/sqlite-release-store';
import { createDemoRepository } from '../../src/main/demo/create-demo-repository';
import { recordDemoReleases, type DemoReleaseSummary } from '../../src/main/demo/releases/record-demo-releases';

export interface DemoOpenFigures {
  readonly runs: number;
  /** Median: the demo repository made by fast-import. */
  readonly gitHistoryMs: number;
  /** Median: the release history recorded (records + logs). */
  readonly releaseHistoryMs: number;
  /** Median: a second open, which finds the history recorded. */
  readonly againMs: number;
  readonly recorded: DemoReleaseSummary;
}

const median = (values: readonly number[]): number => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] as number;

export async function demoOpen(runs = 3): Promise<DemoOpenFigures> {
  const git: number[] = [];
  const releases: number[] = [];
  const again: number[] = [];
  let recorded: DemoReleaseSummary | null = null;
  for (let i = 0; i < runs; i++) {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'shipdeck-bench-demo-'));
    const store = openReleaseStore(dataDir, { dailyBackup: false });
    try {
      const repoPath = path.join(dataDir, 'demo', 'shop-api');
      let started = performance.now();
      await createDemoRepository(repoPath, { now: new Date() });
      git.push(performance.now() - started);
      const service = await store.workspace.addService(
        { name: 'shop-api', repoPath, imageRepository: '127.0.0.1:5000/shop/api', pipelineFile: '.shipdeck/pipeline.yml', environments: [] },
        { actor: 'bench', action: 'service.add', subject: 'service:shop-api', details: {} }
      );
      const deps = { store, logs: createRunLogAdapter(dataDir) };
      started = performance.now();
      recorded = await recordDemoReleases(service, deps, new Date());
      releases.push(performance.now() - started);
      started = performance.now();
      await recordDemoReleases(service, deps, new Date());
      again.push(performance.now() - started);
    } finally {
      store.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  }
  if (recorded === null) throw new Error('no run');
  return { runs, gitHistoryMs: median(git), releaseHistoryMs: median(releases), againMs: median(again), recorded };
}

if (require.main === module) {
  demoOpen().then(
    (figures) => {
      const r = figures.recorded;
      console.log(`Opening the demo (median of ${figures.runs}):`);
      console.log(`  git history (fast-import)   ${figures.gitHistoryMs.toFixed(0).padStart(6)} ms`);
      console.log(`  release history            ${figures.releaseHistoryMs.toFixed(0).padStart(6)} ms   (${r.runs} runs, ${r.artifacts} artifacts, ${r.pruned} pruned, ${r.logsWritten} logs; target < 1000 ms)`);
      console.log(`  second open (already there) ${figures.againMs.toFixed(0).padStart(6)} ms`);
    },
    (error: unknown) => {
      console.error(error);
      process.exit(1);
    }
  );
}
