// Runner overhead per stage: a chain of stages that each run `true`, through the real runner with the
// real process, worktree and log adapters, against spawning `sh -c true` directly.
// Run alone: node --import tsx scripts/bench/runner-overhead.ts
import { execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createWorktreeAdapter } from '../../src/main/adapters/git/worktree';
import { createRunLogAdapter } from '../../src/main/adapters/logs/run-log-adapter';
import { createProcessAdapter } from '../../src/main/adapters/process/process-adapter';
import { runPipeline } from '../../src/main/features/pipelines/run-pipeline';
import type { PipelineRunPorts } from '../../src/main/features/pipelines/run-pipeline';
import type { RunEvent } from '../../src/shared/domain/pipeline/run-events';
import { AppError } from '../../src/shared/result';

const STAGES = 30;

export interface RunnerOverheadFigures {
  readonly stages: number;
  /** Median of `sh -c true` spawned directly and waited for. */
  readonly bareCommandMs: number;
  /** Median time per stage, from one stage's start to the next one's (the last: to its end). */
  readonly perStageMs: number;
  readonly overheadMs: number;
  /** Once per run, outside the stages: resolve the ref, read the pipeline file, worktree add + remove. */
  readonly setupMs: number;
}

const median = (values: readonly number[]): number => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] as number;

function bare(): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn('/bin/sh', ['-c', 'true'], { stdio: ['ignore', 'pipe', 'pipe'] });
    child.on('error', reject);
    child.on('close', () => resolve());
  });
}

const unavailable = () => Promise.reject(new AppError('INTERNAL', 'not used by this benchmark'));

export async function runnerOverhead(): Promise<RunnerOverheadFigures> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'shipdeck-bench-runner-'));
  try {
    const repo = path.join(dir, 'repo');
    const stages = Array.from({ length: STAGES }, (_, i) => `  - name: s${i}\n    run: "true"\n${i > 0 ? `    needs: [s${i - 1}]\n` : ''}`).join('');
    fs.mkdirSync(path.join(repo, '.shipdeck'), { recursive: true });
    fs.writeFileSync(path.join(repo, '.shipdeck', 'pipeline.yml'), `version: 1\nstages:\n${stages}`);
    const git = (...args: string[]) => execFileSync('git', ['-c', 'user.name=b', '-c', 'user.email=b@b', ...args], { cwd: repo, stdio: 'ignore' });
    git('init', '--quiet');
    git('add', '.');
    git('commit', '--quiet', '-m', 'bench');

    const bareTimes: number[] = [];
    for (let i = 0; i < 30; i++) {
      const started = performance.now();
      await bare();
      bareTimes.push(performance.now() - started);
    }

    const ports: PipelineRunPorts = {
      processes: createProcessAdapter(),
      worktrees: createWorktreeAdapter(path.join(dir, 'data')),
      logs: createRunLogAdapter(path.join(dir, 'data')),
      containers: { run: unavailable },
      images: { build: unavailable, push: unavailable }
    };
    const starts: number[] = [];
    let lastEnd = 0;
    const onEvent = (event: RunEvent) => {
      if (event.type === 'stage-started') starts.push(performance.now());
      if (event.type === 'stage-finished') lastEnd = performance.now();
    };
    const began = performance.now();
    const result = await runPipeline({ runId: 'bench', repoPath: repo, ref: 'HEAD', imageRepository: null }, ports, { onEvent });
    const ended = performance.now();
    if (result.status !== 'succeeded') throw new Error(`the benchmark run ${result.status}: ${JSON.stringify(result.error ?? result.stages.find((stage) => stage.status !== 'succeeded'))}`);
    const perStage = starts.map((start, i) => (starts[i + 1] ?? lastEnd) - start);
    const inStages = lastEnd - (starts[0] ?? lastEnd);
    return {
      stages: STAGES,
      bareCommandMs: median(bareTimes),
      perStageMs: median(perStage),
      overheadMs: median(perStage) - median(bareTimes),
      setupMs: ended - began - inStages
    };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

if (require.main === module) {
  runnerOverhead().then(
    (figures) => {
      console.log(`Runner overhead (${figures.stages} stages of \`true\` in a chain):`);
      console.log(`  bare \`sh -c true\`          ${figures.bareCommandMs.toFixed(1).padStart(6)} ms`);
      console.log(`  per stage through runner   ${figures.perStageMs.toFixed(1).padStart(6)} ms`);
      console.log(`  overhead per stage         ${figures.overheadMs.toFixed(1).padStart(6)} ms   (target < 50 ms)`);
      console.log(`  once per run: ref, pipeline file, worktree add + remove  ${figures.setupMs.toFixed(0)} ms`);
    },
    (error: unknown) => {
      console.error(error);
      process.exit(1);
    }
  );
}
