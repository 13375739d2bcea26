// Prints Shipdeck's performance figures and writes them to reports/bench.json.
import fs from 'node:fs';
import path from 'node:path';
import { rendererBundleSize } from './bundle-size';
import { cliHistory } from './cli-history';
import { coldStart } from './cold-start';
import { gitHistory } from './git-history';
import { coreIngest, logIngest } from './log-ingest';
import { logViewerLongTasks } from './log-viewer-longtask';
import { runnerOverhead } from './runner-overhead';
import { ms } from './measure';
import { storeLock } from './store-lock';

const root = path.join(__dirname, '..', '..');
const RUNS = 7;

async function main(): Promise<void> {
  const bundle = rendererBundleSize(path.join(root, 'out', 'renderer'));
  const history = await gitHistory(root, RUNS);
  const start = await coldStart(5);
  const lock = await storeLock(10_000);
  const cli = await cliHistory(RUNS);
  const runner = await runnerOverhead();
  const ingest = await logIngest();
  const coreLog = await coreIngest();
  const viewer = await logViewerLongTasks();
  const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] as number;

  const ratio = history.compareMs / history.plainGitLogMs;
  const rows: [string, string, string][] = [
    ['Cold start, browser mode → history showing data (browser already open)', ms(median(start.withBrowserOpen)), '< 1500 ms'],
    ['  … including launching Chromium', ms(median(start.includingBrowserLaunch)), ''],
    ['100k commits: first page of history (first call)', ms(history.firstPageColdMs), '< 150 ms'],
    ['100k commits: first page of history (median)', ms(history.firstPageWarmMs), '< 150 ms'],
    [`100k commits: commits between ${history.range} (${history.compareCommits.toLocaleString('en')} commits)`, ms(history.compareMs), ''],
    [`  plain \`git log ${history.range}\``, ms(history.plainGitLogMs), ''],
    ['  ratio', `${ratio.toFixed(2)} ×`, '< 1.3 ×'],
    [`services.list over HTTP while another process holds the write lock ${lock.holdMs / 1000} s (${lock.duringLock.reads} calls): p50 / p95`, `${ms(lock.duringLock.p50Ms)} / ${ms(lock.duringLock.p95Ms)}`, '< 50 ms'],
    ['  … max', ms(lock.duringLock.maxMs), '< 50 ms'],
    [`  same calls with no lock held (${lock.withoutLock.reads} calls): p50 / p95 / max`, `${ms(lock.withoutLock.p50Ms)} / ${ms(lock.withoutLock.p95Ms)} / ${ms(lock.withoutLock.maxMs)}`, ''],
    [`  the services.add that waited: ${lock.write.outcome} after`, ms(lock.write.settledAfterMs), '≈ the hold'],
    [`CLI: history --range ${cli.range} --json (${cli.commits.toLocaleString('en')} commits)`, ms(cli.cliMs), ''],
    ['  CLI start-up (shipdeck --version, subtracted)', ms(cli.startupMs), ''],
    [`  plain \`git log ${cli.range}\``, ms(cli.plainGitLogMs), ''],
    ['  ratio', `${cli.ratio.toFixed(2)} ×`, '≤ 1.3 ×'],
    ['Runner overhead per stage over the bare command', ms(runner.overheadMs), '< 50 ms'],
    ['100 MB stage log: process → disk + line index', `${ingest.endToEndMBps.toFixed(0)} MB/s`, '≥ 50 MB/s'],
    ['100 MB stage log: whole run through the core incl. the SQLite index', `${coreLog.runMBps.toFixed(0)} MB/s`, '≥ 50 MB/s'],
    ['  peak memory of the core', `${coreLog.peakRssMB.toFixed(0)} MB`, '< 200 MB'],
    ['100 MB streamed into the log viewer: longest main-thread task (Chromium)', ms(viewer.longestTaskMs), '≤ 100 ms'],
    ['Renderer bundle (JS + CSS)', `${(bundle.gzipBytes / 1024).toFixed(1)} KiB gzip (${(bundle.rawBytes / 1024).toFixed(1)} KiB raw, ${bundle.files} files)`, '']
  ];
  const width = Math.max(...rows.map((row) => row[0].length));
  console.log('\nShipdeck benchmark (medians of repeated runs)\n');
  for (const [label, value, target] of rows) console.log(`${label.padEnd(width)}  ${value.padStart(12)}  ${target}`);

  fs.mkdirSync(path.join(root, 'reports'), { recursive: true });
  fs.writeFileSync(
    path.join(root, 'reports', 'bench.json'),
    JSON.stringify({ coldStart: start, history: { ...history, ratio }, storeLock: lock, cliHistory: cli, bundle, runnerOverhead: runner, logIngest: ingest, coreLogIngest: coreLog, logViewer: viewer }, null, 2)
  );
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
