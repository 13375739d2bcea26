// Prints Shipdeck's performance figures and writes them to reports/bench.json.
import fs from 'node:fs';
import path from 'node:path';
import { dockerAnswers, registryInstalled } from '../../src/main/testing/docker-fixtures';
import { buildPushBench, type BuildPushFigures } from './build-push';
import { analysisBench, analysisRows } from './analysis';
import { artifactCatalog } from './artifacts';
import { rendererBundleSize } from './bundle-size';
import { cliHistory } from './cli-history';
import { coldStart } from './cold-start';
import { demoOpen } from './demo-open';
import { gitHistory } from './git-history';
import { kubeBoardBench, kubeBoardRows } from './kube-board';
import { kubeWatchBench, kubeWatchRows } from './kube-watch';
import { kubeRollbackBench, kubeRollbackRows } from './kube-rollback';
import { coreIngestIsolated, logIngest } from './log-ingest';
import { logViewerLongTasks } from './log-viewer-longtask';
import { ms } from './measure';
import { runnerOverhead } from './runner-overhead';
import { releaseRows, releasesBench, releasesUnavailable } from './releases';
import { storeLock } from './store-lock';

const root = path.join(__dirname, '..', '..');
const RUNS = 7;
const MB = 1024 * 1024;

/** Why build + push cannot be measured here, or null when it can. */
async function buildPushUnavailable(): Promise<string | null> {
  if (!(await dockerAnswers())) return 'skipped: no Docker engine (start it with `bash scripts/services/docker.sh start`)';
  if (!registryInstalled()) return 'skipped: no docker-registry installed (Debian: apt-get install docker-registry)';
  return null;
}

type Row = [string, string, string];

/** One benchmark: measures (in run order) and renders its rows (in display order) and its key in bench.json. */
interface Benchmark {
  /** The name to pick it with: `npm run bench -- <name> …`. */
  readonly name: string;
  readonly jsonKey: string;
  run(): Promise<{ readonly figures: unknown; readonly rows: Row[] }>;
}

function benchmark<T>(name: string, jsonKey: string, measure: () => Promise<T>, rows: (figures: T) => Row[]): Benchmark {
  return {
    name,
    jsonKey,
    run: async () => {
      const figures = await measure();
      return { figures, rows: rows(figures) };
    }
  };
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] as number;

/** In the order they run: the ingest first, so its peak memory is its own, not what earlier figures left in this process. */
const BENCHMARKS: readonly Benchmark[] = [
  benchmark(
    'log-ingest',
    'logIngest',
    () => logIngest(100 * MB),
    (ingest) => [
      [`Log ingest, ${(ingest.bytes / MB).toFixed(0)} MB in one stage (${ingest.lines.toLocaleString('en')} lines): log writer to disk + index`, `${ingest.writerMBps.toFixed(0)} MB/s`, '≥ 50 MB/s'],
      ['  … from a real process (read, split into lines, written, indexed)', `${ingest.endToEndMBps.toFixed(0)} MB/s`, '≥ 50 MB/s'],
      ['  … then one line read by its number', ms(ingest.readLineMs), ''],
      ['  … peak RSS of this benchmark process while it ingests (the core alone: below)', `${ingest.peakRssMB.toFixed(0)} MB`, '']
    ]
  ),
  benchmark(
    'bundle',
    'bundle',
    () => Promise.resolve(rendererBundleSize(path.join(root, 'out', 'renderer'))),
    (bundle) => [['Renderer bundle (JS + CSS)', `${(bundle.gzipBytes / 1024).toFixed(1)} KiB gzip (${(bundle.rawBytes / 1024).toFixed(1)} KiB raw, ${bundle.files} files)`, '']]
  ),
  benchmark(
    'history',
    'history',
    async () => {
      const history = await gitHistory(root, RUNS);
      return { ...history, ratio: history.compareMs / history.plainGitLogMs };
    },
    (history) => [
      ['100k commits: first page of history (first call)', ms(history.firstPageColdMs), '< 150 ms'],
      ['100k commits: first page of history (median)', ms(history.firstPageWarmMs), '< 150 ms'],
      [`100k commits: commits between ${history.range} (${history.compareCommits.toLocaleString('en')} commits)`, ms(history.compareMs), ''],
      [`  plain \`git log ${history.range}\``, ms(history.plainGitLogMs), ''],
      ['  ratio', `${history.ratio.toFixed(2)} ×`, '< 1.3 ×']
    ]
  ),
  benchmark(
    'cold-start',
    'coldStart',
    () => coldStart(5),
    (start) => [
      ['Cold start, browser mode → history showing data (browser already open)', ms(median(start.withBrowserOpen)), '< 1500 ms'],
      ['  … including launching Chromium', ms(median(start.includingBrowserLaunch)), '']
    ]
  ),
  benchmark(
    'store-lock',
    'storeLock',
    () => storeLock(10_000),
    (lock) => [
      [`services.list over HTTP while another process holds the write lock ${lock.holdMs / 1000} s (${lock.duringLock.reads} calls): p50 / p95`, `${ms(lock.duringLock.p50Ms)} / ${ms(lock.duringLock.p95Ms)}`, '< 50 ms'],
      ['  … max', ms(lock.duringLock.maxMs), '< 50 ms'],
      [`  same calls with no lock held (${lock.withoutLock.reads} calls): p50 / p95 / max`, `${ms(lock.withoutLock.p50Ms)} / ${ms(lock.withoutLock.p95Ms)} / ${ms(lock.withoutLock.maxMs)}`, ''],
      [`  the services.add that waited: ${lock.write.outcome} after`, ms(lock.write.settledAfterMs), '≈ the hold']
    ]
  ),
  benchmark(
    'cli',
    'cliHistory',
    () => cliHistory(RUNS),
    (cli) => [
      [`CLI: history --range ${cli.range} --json (${cli.commits.toLocaleString('en')} commits)`, ms(cli.cliMs), ''],
      ['  CLI start-up (shipdeck --version, subtracted)', ms(cli.startupMs), ''],
      [`  plain \`git log ${cli.range}\``, ms(cli.plainGitLogMs), ''],
      ['  ratio', `${cli.ratio.toFixed(2)} ×`, '≤ 1.3 ×']
    ]
  ),
  benchmark(
    'runner',
    'runnerOverhead',
    () => runnerOverhead(),
    (runner) => [
      [`Runner overhead per stage over the bare command (${runner.stages} stages of \`true\`)`, ms(runner.overheadMs), '< 50 ms'],
      ['  bare `sh -c true` / per stage through the runner', `${ms(runner.bareCommandMs)} / ${ms(runner.perStageMs)}`, ''],
      ['  once per run: ref, pipeline file, worktree add + remove', ms(runner.setupMs), '']
    ]
  ),
  benchmark(
    'build-push',
    'buildPush',
    async () => {
      const skipped = await buildPushUnavailable();
      return skipped === null ? await buildPushBench(3) : skipped;
    },
    (result) => (typeof result === 'string' ? buildPushRows(null, result) : buildPushRows(result, null))
  ),
  benchmark(
    'demo',
    'demoOpen',
    () => demoOpen(3),
    (demo) => [
      ['Opening the demo: its git history (fast-import)', ms(demo.gitHistoryMs), ''],
      [
        `  … its release history (${demo.recorded.runs} runs, ${demo.recorded.artifacts} artifacts, ${demo.recorded.pruned} pruned, ${demo.recorded.logsWritten} stage logs)`,
        ms(demo.releaseHistoryMs),
        '< 1000 ms'
      ],
      ['  … opening it again (already recorded)', ms(demo.againMs), '']
    ]
  ),
  benchmark(
    'core-log',
    'coreLogIngest',
    () => coreIngestIsolated(),
    (coreLog) => [
      ['  … whole run through the core incl. the SQLite index', `${coreLog.runMBps.toFixed(0)} MB/s`, '≥ 50 MB/s'],
      ['  … peak memory of the core during that run (a process of its own)', `${coreLog.peakRssMB.toFixed(0)} MB`, '< 200 MB']
    ]
  ),
  benchmark(
    'log-viewer',
    'logViewer',
    () => logViewerLongTasks(),
    (viewer) => [['100 MB streamed into the log viewer: longest main-thread task (Chromium; 0 = none over 50 ms)', ms(viewer.longestTaskMs), '≤ 100 ms']]
  ),
  benchmark(
    'artifacts',
    'artifacts',
    () => artifactCatalog(1_000_000, 200),
    (catalog) => [
      [`Artifacts: ${catalog.rows.toLocaleString('en')} rows (generated in ${ms(catalog.insertMs)}, ${catalog.fileMb.toFixed(0)} MB): p50 / p95`, '', ''],
      ...Object.entries(catalog.figures).map(([label, p]): Row => [`  ${label}`, `${ms(p.p50Ms)} / ${ms(p.p95Ms)}`, label.startsWith('open the Artifacts screen') ? '< 300 ms' : '< 50 ms p95'])
    ]
  ),
  benchmark(
    'releases',
    'releases',
    async () => {
      const skipped = await releasesUnavailable();
      return skipped === null ? ((await releasesBench(3)) ?? 'skipped') : skipped;
    },
    (result) => (typeof result === 'string' ? releaseRows(null, result) : releaseRows(result, null))
  ),
  benchmark('analysis', 'analysis', analysisBench, analysisRows),
  benchmark('kube-watch', 'kubeWatch', kubeWatchBench, kubeWatchRows),
  benchmark('kube-rollback', 'kubeRollback', () => kubeRollbackBench(), kubeRollbackRows),
  // Needs the built app (npx electron-vite build) and Chromium.
  benchmark('kube-board', 'kubeBoard', kubeBoardBench, kubeBoardRows)
];

/** The order of the printed table (the core's log run reads best under the runner's rows). */
const DISPLAY_ORDER = ['cold-start', 'history', 'store-lock', 'cli', 'log-ingest', 'runner', 'core-log', 'log-viewer', 'build-push', 'demo', 'artifacts', 'releases', 'analysis', 'kube-watch', 'kube-rollback', 'kube-board', 'bundle'];

/** The benchmarks named on the command line (all when none is); exits with the list when a name is unknown. */
function selectBenchmarks(names: readonly string[]): readonly Benchmark[] {
  const unknown = names.filter((name) => !BENCHMARKS.some((candidate) => candidate.name === name));
  if (unknown.length > 0) {
    console.error(`Unknown benchmark: ${unknown.join(', ')}. Choose from: ${BENCHMARKS.map((candidate) => candidate.name).join(', ')} (none: all).`);
    process.exit(2);
  }
  return names.length === 0 ? BENCHMARKS : BENCHMARKS.filter((candidate) => names.includes(candidate.name));
}

async function main(): Promise<void> {
  const selected = selectBenchmarks(process.argv.slice(2));
  const results = new Map<string, { figures: unknown; rows: Row[] }>();
  for (const bench of selected) results.set(bench.name, await bench.run());

  const rows = DISPLAY_ORDER.flatMap((name) => results.get(name)?.rows ?? []);
  const width = Math.max(...rows.map((row) => row[0].length));
  const only = selected.length < BENCHMARKS.length ? ` — only ${selected.map((bench) => bench.name).join(', ')}` : '';
  console.log(`\nShipdeck benchmark (medians of repeated runs)${only}\n`);
  for (const [label, value, target] of rows) console.log(`${label.padEnd(width)}  ${value.padStart(12)}  ${target}`);

  // A partial run updates its own figures and keeps the others from the last run.
  const file = path.join(root, 'reports', 'bench.json');
  const previous: Record<string, unknown> = only && fs.existsSync(file) ? (JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, unknown>) : {};
  for (const bench of selected) previous[bench.jsonKey] = results.get(bench.name)?.figures;
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, JSON.stringify(previous, null, 2));
}

function buildPushRows(figures: BuildPushFigures | null, skipped: string | null): [string, string, string][] {
  if (figures === null) return [['Build + push of the demo image to a local registry vs docker build + docker push', skipped ?? 'skipped', 'ratio']];
  return [
    [`Build + push of the demo image to a local registry, through Shipdeck (median of ${figures.runs})`, ms(figures.adapterMs), ''],
    ['  `docker build` + `docker push` of the same context (CLI)', ms(figures.cliMs), ''],
    ['  ratio', `${figures.ratio.toFixed(2)} ×`, 'ratio (≈ 1 ×)']
  ];
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
