// Log ingest: 100 MB of stage output to disk and line index, through the run log adapter alone and
// end to end from a real process (process adapter → line splitter → log writer).
// Run alone: node --import tsx scripts/bench/log-ingest.ts
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { NewLogLine } from '../../src/main/ports/run-logs';
import { createProcessAdapter } from '../../src/main/adapters/process/process-adapter';
import { createRunLogAdapter } from '../../src/main/adapters/logs/run-log-adapter';
import { execFile, execFileSync } from 'node:child_process';
import { openReleaseStore } from '../../src/main/adapters/store/sqlite-release-store';
import { dispatch } from '../../src/main/api/dispatch';
import { createCore } from '../../src/main/core';

const MB = 1024 * 1024;

export interface LogIngestFigures {
  readonly bytes: number;
  readonly lines: number;
  /** Writer alone: batches of ~64 KiB of lines, as a process's output arrives. */
  readonly writerMBps: number;
  /** A process printing the log, read, split, written and indexed. */
  readonly endToEndMBps: number;
  /** Reading line 1,000,000 (or the last) by number after the ingest. */
  readonly readLineMs: number;
  readonly peakRssMB: number;
}

function sampleLines(count: number): NewLogLine[] {
  return Array.from({ length: count }, (_, i) => ({
    stream: i % 17 === 0 ? ('stderr' as const) : ('stdout' as const),
    text: `2026-01-01T00:00:00.${String(i % 1000).padStart(3, '0')}Z INFO  [worker-${i % 8}] request ${i} handled in ${i % 97} ms path=/api/v1/items/${i}`
  }));
}

export async function logIngest(totalBytes = 100 * MB): Promise<LogIngestFigures> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'shipdeck-bench-logs-'));
  let peakRss = process.memoryUsage().rss;
  const sampleRss = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 20);
  try {
    const logs = createRunLogAdapter(dataDir);
    const batch = sampleLines(600); // ~64 KiB
    const batchBytes = batch.reduce((sum, line) => sum + Buffer.byteLength(line.text) + 1, 0);
    const writer = await logs.open('bench', 'writer');
    const writerStart = performance.now();
    let written = 0;
    while (written < totalBytes) {
      await writer.append(batch);
      written += batchBytes;
    }
    await writer.close();
    const writerSeconds = (performance.now() - writerStart) / 1000;

    const line = 'x'.repeat(99);
    const processes = createProcessAdapter();
    const piped = await logs.open('bench', 'process');
    const endToEndStart = performance.now();
    const outcome = await processes.run(
      { command: `yes '${line}' | head -c ${totalBytes}`, cwd: dataDir, env: { PATH: process.env.PATH ?? '/usr/bin:/bin' } },
      (lines) => piped.append(lines).then(() => undefined)
    );
    await piped.close();
    const endToEndSeconds = (performance.now() - endToEndStart) / 1000;
    if (outcome.kind !== 'exited' || outcome.exitCode !== 0) throw new Error(`the log producer ended with ${JSON.stringify(outcome)}`);

    const lines = await logs.lineCount('bench', 'process');
    const target = Math.min(1_000_000, lines);
    const readStart = performance.now();
    const [read] = await logs.read('bench', 'process', target, 1);
    const readLineMs = performance.now() - readStart;
    if (read?.text !== line) throw new Error(`line ${target} read back wrong`);

    return {
      bytes: totalBytes,
      lines,
      writerMBps: written / MB / writerSeconds,
      endToEndMBps: totalBytes / MB / endToEndSeconds,
      readLineMs,
      peakRssMB: peakRss / MB
    };
  } finally {
    clearInterval(sampleRss);
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

export interface CoreIngestFigures {
  readonly bytes: number;
  readonly lines: number;
  /** A whole run through the core (worktree, process, log, SQLite line index, store updates) per second of log. */
  readonly runMBps: number;
  /** Building the SQLite line index of the finished stage (checkpoints read from the .idx, rows written). */
  readonly indexMs: number;
  /** Finding a line's byte offset from SQLite and reading it from the file. */
  readonly seekMs: number;
  readonly peakRssMB: number;
}

/** A stage printing `totalBytes` of log, run end to end by the core's run manager. */
export async function coreIngest(totalBytes = 100 * MB): Promise<CoreIngestFigures> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'shipdeck-bench-core-logs-'));
  const git = (...args: string[]) => execFileSync('git', ['-C', path.join(dir, 'repo'), ...args], { env: { ...process.env, GIT_AUTHOR_NAME: 'b', GIT_AUTHOR_EMAIL: 'b@b', GIT_COMMITTER_NAME: 'b', GIT_COMMITTER_EMAIL: 'b@b' } });
  fs.mkdirSync(path.join(dir, 'repo', '.shipdeck'), { recursive: true });
  fs.writeFileSync(path.join(dir, 'repo', '.shipdeck', 'pipeline.yml'), `version: 1\nstages:\n  - name: flood\n    run: yes '${'y'.repeat(99)}' | head -c ${totalBytes}\n`);
  git('init', '-q');
  git('add', '.');
  git('commit', '-q', '-m', 'bench');
  const dataDir = path.join(dir, 'data');
  const core = createCore({ dataDir, mode: 'cli', version: 'bench' });
  let peakRss = process.memoryUsage().rss;
  const sampleRss = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 20);
  try {
    await dispatch(core.handlers, 'services.add', { name: 'bench', repoPath: path.join(dir, 'repo') });
    const started = performance.now();
    const start = await dispatch(core.handlers, 'runs.start', { service: 'bench' });
    if (!start.ok) throw new Error(start.error.message);
    const runId = (start.value as { runId: number }).runId;
    for (;;) {
      const got = await dispatch(core.handlers, 'runs.get', { runId });
      const run = got.ok ? (got.value as { status: string; error: string | null }) : null;
      if (run && run.status !== 'running' && run.status !== 'queued') {
        if (run.status !== 'succeeded') throw new Error(`the run ${run.status}: ${run.error ?? ''}`);
        break;
      }
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    const seconds = (performance.now() - started) / 1000;
    const logs = createRunLogAdapter(dataDir);
    const indexStart = performance.now();
    const checkpoints = await logs.checkpoints(`run-${runId}`, 'flood', 1000);
    const indexMs = performance.now() - indexStart; // the SQLite rows themselves are timed with the run
    const store = openReleaseStore(dataDir, { dailyBackup: false });
    try {
      const seekStart = performance.now();
      const target = Math.floor(checkpoints.lineCount * 0.73);
      const seek = store.runs.seekLog(runId, 'flood', target);
      if (!seek) throw new Error('the stage log is not indexed in SQLite');
      const handle = await fs.promises.open(seek.logFile, 'r');
      const buffer = Buffer.alloc(1000 * 101 + 200);
      await handle.read(buffer, 0, buffer.length, seek.byteOffset);
      await handle.close();
      const text = buffer.toString('utf8').split('\n')[target - seek.line];
      const seekMs = performance.now() - seekStart;
      if (text === undefined || !/^y+$/.test(text)) throw new Error(`line ${target} read back wrong from the SQLite index`);
      return { bytes: totalBytes, lines: checkpoints.lineCount, runMBps: totalBytes / MB / seconds, indexMs, seekMs, peakRssMB: peakRss / MB };
    } finally {
      store.close();
    }
  } finally {
    clearInterval(sampleRss);
    await core.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * coreIngest in a Node process of its own: its peak memory is then the core's alone, not what the
 * benchmarks before it left in this process.
 */
export function coreIngestIsolated(totalBytes = 100 * MB): Promise<CoreIngestFigures> {
  const script = `require(${JSON.stringify(__filename)}).coreIngest(${totalBytes}).then((f) => process.stdout.write(JSON.stringify(f)))`;
  return new Promise((resolve, reject) => {
    execFile(process.execPath, ['--import', 'tsx', '-e', script], { maxBuffer: 1024 * 1024 }, (error, stdout, stderr) => {
      if (error) return reject(new Error(`the core ingest benchmark failed: ${stderr || error.message}`));
      resolve(JSON.parse(stdout) as CoreIngestFigures);
    });
  });
}

if (require.main === module) {
  logIngest().then(
    async (figures) => {
      console.log(`Log ingest, ${(figures.bytes / MB).toFixed(0)} MB (${figures.lines.toLocaleString('en')} lines):`);
      console.log(`  log writer alone          ${figures.writerMBps.toFixed(0).padStart(6)} MB/s   (target ≥ 50 MB/s)`);
      console.log(`  process → disk + index    ${figures.endToEndMBps.toFixed(0).padStart(6)} MB/s   (target ≥ 50 MB/s)`);
      console.log(`  read one line by number   ${figures.readLineMs.toFixed(2).padStart(6)} ms`);
      console.log(`  peak RSS of this process  ${figures.peakRssMB.toFixed(0).padStart(6)} MB`);
      const run = await coreIngest();
      console.log(`A run through the core, one stage printing ${(run.bytes / MB).toFixed(0)} MB (${run.lines.toLocaleString('en')} lines):`);
      console.log(`  whole run incl. SQLite index ${run.runMBps.toFixed(0).padStart(6)} MB/s   (target ≥ 50 MB/s)`);
      console.log(`  checkpoints for the index    ${run.indexMs.toFixed(0).padStart(6)} ms`);
      console.log(`  seek a line via SQLite       ${run.seekMs.toFixed(2).padStart(6)} ms`);
      console.log(`  peak RSS of the core         ${run.peakRssMB.toFixed(0).padStart(6)} MB   (target < 200 MB)`);
    },
    (error: unknown) => {
      console.error(error);
      process.exit(1);
    }
  );
}
