// Log ingest: 100 MB of stage output to disk and line index, through the run log adapter alone and
// end to end from a real process (process adapter → line splitter → log writer).
// Run alone: node --import tsx scripts/bench/log-ingest.ts
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { NewLogLine } from '../../src/main/ports/run-logs';
import { createProcessAdapter } from '../../src/main/adapters/process/process-adapter';
import { createRunLogAdapter } from '../../src/main/adapters/logs/run-log-adapter';

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

if (require.main === module) {
  logIngest().then(
    (figures) => {
      console.log(`Log ingest, ${(figures.bytes / MB).toFixed(0)} MB (${figures.lines.toLocaleString('en')} lines):`);
      console.log(`  log writer alone          ${figures.writerMBps.toFixed(0).padStart(6)} MB/s   (target ≥ 50 MB/s)`);
      console.log(`  process → disk + index    ${figures.endToEndMBps.toFixed(0).padStart(6)} MB/s   (target ≥ 50 MB/s)`);
      console.log(`  read one line by number   ${figures.readLineMs.toFixed(2).padStart(6)} ms`);
      console.log(`  peak RSS of this process  ${figures.peakRssMB.toFixed(0).padStart(6)} MB`);
    },
    (error: unknown) => {
      console.error(error);
      process.exit(1);
    }
  );
}
