import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { syntheticRepository } from './git-history';

const root = path.join(__dirname, '..', '..');
const cli = path.join(root, 'out', 'main', 'cli.js');

/** Runs a command to the end with its stdout read through a pipe (as `| jq` would); milliseconds. */
function timed(command: string, args: readonly string[]): Promise<number> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'inherit'] });
    child.stdout.resume();
    child.on('error', reject);
    child.on('exit', (code) => (code === 0 ? resolve(performance.now() - started) : reject(new Error(`${command} exited ${code}`))));
  });
}

export interface CliHistoryFigures {
  readonly range: string;
  readonly commits: number;
  /** `shipdeck history <service> --range A..B --json`. */
  readonly cliMs: number;
  /** `shipdeck --version`: the CLI's start-up, subtracted from cliMs. */
  readonly startupMs: number;
  /** `git log A..B`. */
  readonly plainGitLogMs: number;
  /** (cliMs − startupMs) / plainGitLogMs. */
  readonly ratio: number;
}

/**
 * The command line over a 50,000-commit range of the 100k-commit repository: the built CLI as a new
 * process each run, against plain `git log A..B`, interleaved so both see the same machine load.
 */
export async function cliHistory(runs: number): Promise<CliHistoryFigures> {
  const { repo, tags } = await syntheticRepository(root);
  const [from, to] = [tags[1], tags[6]] as [string, string];
  const range = `${from}..${to}`;
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'shipdeck-bench-cli-'));
  try {
    const added = spawnSync(process.execPath, [cli, 'services', 'add', 'big', repo, '--data-dir', dataDir], { encoding: 'utf8' });
    if (added.status !== 0) throw new Error(`could not add the service: ${added.stderr}`);
    const commits = Number(spawnSync('git', ['-C', repo, 'rev-list', '--count', range], { encoding: 'utf8' }).stdout.trim());
    const cliRuns: number[] = [];
    const startupRuns: number[] = [];
    const plainRuns: number[] = [];
    await timed(process.execPath, [cli, 'history', 'big', '--range', range, '--json', '--data-dir', dataDir]); // warm the page cache
    for (let i = 0; i < runs; i++) {
      startupRuns.push(await timed(process.execPath, [cli, '--version']));
      cliRuns.push(await timed(process.execPath, [cli, 'history', 'big', '--range', range, '--json', '--data-dir', dataDir]));
      plainRuns.push(await timed('git', ['-C', repo, 'log', range]));
    }
    const mid = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] as number;
    const [cliMs, startupMs, plainGitLogMs] = [mid(cliRuns), mid(startupRuns), mid(plainRuns)];
    return { range, commits, cliMs, startupMs, plainGitLogMs, ratio: (cliMs - startupMs) / plainGitLogMs };
  } finally {
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

// `node --import tsx scripts/bench/cli-history.ts` prints this figure alone (after a build).
if (require.main === module) {
  cliHistory(Number(process.env.RUNS ?? 9)).then(
    (figures) => {
      const ms = (value: number) => `${value.toFixed(1)} ms`;
      console.log(`shipdeck history --range ${figures.range} --json (${figures.commits.toLocaleString('en')} commits): ${ms(figures.cliMs)}`);
      console.log(`  shipdeck --version (start-up, subtracted): ${ms(figures.startupMs)}`);
      console.log(`  plain git log ${figures.range}: ${ms(figures.plainGitLogMs)}`);
      console.log(`  ratio: ${figures.ratio.toFixed(2)} × (target ≤ 1.3 ×)`);
    },
    (error: unknown) => {
      console.error(error instanceof Error ? error.message : error);
      process.exit(1);
    }
  );
}
