import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { dispatch } from '../../src/main/api/dispatch';
import { createCore } from '../../src/main/core';
import { createSyntheticRepository } from './synthetic-history';
import { median } from './measure';

const COMMITS = 100_000;
const TAG_EVERY = 10_000;

/** The 100,000-commit repository, made once and kept under .bench/ (git fast-import, ~10 s). */
export async function syntheticRepository(root: string): Promise<{ repo: string; tags: readonly string[] }> {
  const repo = path.join(root, '.bench', `repo-${COMMITS}`);
  const tagsFile = `${repo}.tags.json`;
  if (fs.existsSync(tagsFile)) return { repo, tags: JSON.parse(fs.readFileSync(tagsFile, 'utf8')) as string[] };
  fs.rmSync(repo, { recursive: true, force: true });
  fs.mkdirSync(path.dirname(repo), { recursive: true });
  console.log(`generating a ${COMMITS.toLocaleString('en')}-commit repository (once)…`);
  const tags = await createSyntheticRepository(repo, { commits: COMMITS, tagEvery: TAG_EVERY });
  fs.writeFileSync(tagsFile, JSON.stringify(tags));
  return { repo, tags };
}

/** `git log A..B` as a person would type it, output read to the end. */
function plainGitLog(repo: string, range: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn('git', ['-C', repo, 'log', range], { stdio: ['ignore', 'pipe', 'inherit'] });
    child.stdout.resume();
    child.on('error', reject);
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`git log exited ${code}`))));
  });
}

export interface HistoryFigures {
  readonly firstPageColdMs: number;
  readonly firstPageWarmMs: number;
  readonly compareMs: number;
  readonly plainGitLogMs: number;
  readonly compareCommits: number;
  readonly range: string;
}

/** History on a 100k-commit repository, through the same validated calls the app makes. */
export async function gitHistory(root: string, runs: number): Promise<HistoryFigures> {
  const { repo, tags } = await syntheticRepository(root);
  const [from, to] = [tags[5], tags[6]] as [string, string];
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'shipdeck-bench-history-'));
  const core = createCore({ dataDir, mode: 'browser', version: 'bench' });
  try {
    const added = await dispatch(core.handlers, 'services.add', { name: 'big', repoPath: repo });
    if (!added.ok) throw new Error(added.error.message);
    const firstPage = () => dispatch(core.handlers, 'history.commits', { service: 'big', offset: 0, limit: 100 });

    const coldStarted = performance.now();
    const cold = await firstPage();
    const firstPageColdMs = performance.now() - coldStarted;
    if (!cold.ok) throw new Error(cold.error.message);
    const firstPageWarmMs = await median(runs, firstPage);

    const compare = () => dispatch(core.handlers, 'history.compare', { service: 'big', from, to, limit: 100_000 });
    const checked = await compare();
    if (!checked.ok) throw new Error(checked.error.message);
    const compareCommits = (checked.value as { commits: unknown[] }).commits.length;
    // Interleaved, so both see the same machine load and page cache.
    const ours: number[] = [];
    const plain: number[] = [];
    for (let i = 0; i < runs; i++) {
      ours.push(await median(1, compare));
      plain.push(await median(1, () => plainGitLog(repo, `${from}..${to}`)));
    }
    const mid = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] as number;
    return { firstPageColdMs, firstPageWarmMs, compareMs: mid(ours), plainGitLogMs: mid(plain), compareCommits, range: `${from}..${to}` };
  } finally {
    core.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}
