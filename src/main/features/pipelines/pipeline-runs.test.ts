// Pipeline runs through the core's handlers: real git repositories, real host processes, the real
// SQLite store and log files. Docker stages are covered in docker-stages.test.ts.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CallInput, CallName, CallOutput, RunUpdate } from '../../../shared/contract';
import type { LogLine } from '../../../shared/domain/pipeline/run-events';
import type { PipelineRun } from '../../../shared/domain/pipeline-runs';
import { makeTempDir, removeDir, TempRepository } from '../../adapters/git/testing/temp-repository';
import { createWorktreeAdapter, worktreesFolder } from '../../adapters/git/worktree';
import { openReleaseStore } from '../../adapters/store/sqlite-release-store';
import { dispatch } from '../../api/dispatch';
import { createCore, type Core } from '../../core';

let dir: string;
let dataDir: string;
let repo: TempRepository;
let core: Core;

const open = (options: { maxConcurrentRuns?: number } = {}) => {
  core = createCore({ dataDir, mode: 'browser', version: 'test', ...options });
  return core;
};

async function call<N extends CallName>(name: N, input: CallInput<N>): Promise<CallOutput<N>> {
  const result = await dispatch(core.handlers, name, input);
  if (!result.ok) throw Object.assign(new Error(result.error.message), result.error);
  return result.value as CallOutput<N>;
}

async function failure(name: CallName, input: unknown) {
  const result = await dispatch(core.handlers, name, input);
  if (result.ok) throw new Error(`${name} succeeded`);
  return result.error;
}

async function waitFor(runId: number, done: (run: PipelineRun) => boolean = (run) => !['queued', 'running'].includes(run.status), timeoutMs = 20_000): Promise<PipelineRun> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const run = await call('runs.get', { runId });
    if (done(run)) return run;
    if (Date.now() > until) throw new Error(`run #${runId} is still ${run.status}: ${JSON.stringify(run.stages)}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

const stagesOf = (run: PipelineRun) => run.stages.map((stage) => [stage.name, stage.status, stage.exitCode]);

function streamAll<T>(name: 'runs.log' | 'runs.updates', input: object, until?: (items: T[]) => boolean): { items: T[]; ended: Promise<void>; stop: () => void } {
  const items: T[] = [];
  const controller = new AbortController();
  const handler = core.handlers.streams[name] as (input: unknown, sink: { push(item: T): void }, context: { signal: AbortSignal }) => Promise<void>;
  const ended = handler(input, { push: (item) => { items.push(item); if (until?.(items)) controller.abort(); } }, { signal: controller.signal });
  return { items, ended, stop: () => controller.abort() };
}

beforeEach(async () => {
  dir = makeTempDir('shipdeck-runs-');
  dataDir = path.join(dir, 'data');
  repo = TempRepository.init(path.join(dir, 'repo'));
  repo.write('README.md', 'hello\n');
  repo.commitAll('first');
});
afterEach(async () => {
  await core?.close();
  removeDir(dir);
});

async function serviceWith(pipeline: string, message = 'pipeline'): Promise<string> {
  repo.write('.shipdeck/pipeline.yml', pipeline);
  const sha = repo.commitAll(message);
  open();
  await call('services.add', { name: 'api', repoPath: repo.dir });
  return sha;
}

describe('pipeline runs through the core', () => {
  it('runs a commit in a clean checkout, records every stage, indexes the log in SQLite and keeps a test summary', async () => {
    const sha = await serviceWith(`version: 1
stages:
  - name: unit
    run: for i in $(seq 1 2500); do echo "unit line $i"; done; mkdir -p .shipdeck/reports; printf '<testsuites><testsuite tests="7" failures="1" errors="0" skipped="2"></testsuite></testsuites>' > .shipdeck/reports/unit.xml
  - name: lint
    run: echo "\\033[31mred\\033[0m lint ok"; echo "a warning" >&2
  - name: package
    needs: [unit, lint]
    run: echo "packaging $GIT_SHA"
`);
    const updates = streamAll<RunUpdate>('runs.updates', {});
    const { runId } = await call('runs.start', { service: 'api' });
    const run = await waitFor(runId);
    updates.stop();

    expect(run).toMatchObject({ status: 'succeeded', commitSha: sha, ref: 'HEAD', error: null, startedBy: expect.stringMatching(/^manual:/) });
    expect(stagesOf(run)).toEqual([
      ['unit', 'succeeded', 0],
      ['lint', 'succeeded', 0],
      ['package', 'succeeded', 0]
    ]);
    expect(run.stages.every((stage) => stage.startedAt !== null && stage.finishedAt !== null)).toBe(true);
    expect(run.testSummary).toEqual({ tests: 7, failures: 1, errors: 0, skipped: 2, files: ['.shipdeck/reports/unit.xml'] });
    // Status changes were streamed with the run as it was: queued, running, each stage, finished.
    const statuses = updates.items.map((update) => update.run.status);
    expect(statuses[0]).toBe('queued');
    expect(statuses.at(-1)).toBe('succeeded');
    expect(updates.items.some((update) => update.run.stages.some((stage) => stage.status === 'running'))).toBe(true);

    // Any line by its number; the SQLite index knows the log's size and seeks to a checkpoint.
    const unit = run.stages[0];
    expect(unit?.logLines).toBe(2502); // the runner's first line, 2500 lines, its closing line
    const page = await call('runs.logLines', { runId, stage: 'unit', fromLine: 2001, limit: 3 });
    expect(page).toMatchObject({ total: 2502, complete: true });
    expect(page.lines.map((line) => line.text)).toEqual(['unit line 2000', 'unit line 2001', 'unit line 2002']);
    const store = openReleaseStore(dataDir, { dailyBackup: false });
    try {
      const seek = store.runs.seekLog(runId, 'unit', 2345);
      expect(seek).toMatchObject({ line: 2001, lineCount: 2502 });
      const bytes = readFileSync(seek?.logFile ?? '').subarray(seek?.byteOffset ?? 0);
      expect(bytes.toString('utf8').split('\n')[0]).toBe('unit line 2000');
    } finally {
      store.close();
    }

    const found = await call('runs.searchLog', { runId, stage: 'unit', text: 'LINE 25', limit: 5 });
    expect(found.lines).toEqual([26, 251, 252, 253, 254]);
    expect(found.continueFrom).toBe(255);

    // The log stream of a finished stage sends what is on disk and ends.
    const lint = streamAll<LogLine>('runs.log', { runId, stage: 'lint', fromLine: 2 });
    await lint.ended;
    expect(lint.items.map((line) => [line.number, line.stream, line.text])).toEqual([
      [2, 'stdout', '\u001b[31mred\u001b[0m lint ok'],
      [3, 'stderr', 'a warning'],
      [4, 'system', expect.stringMatching(/^succeeded in /)]
    ]);
    // The worktree is gone; the user's working tree was never touched.
    expect(readdirSync(worktreesFolder(dataDir))).toEqual([]);
  });

  it('streams a running stage live and ends the stream when the stage finishes', async () => {
    await serviceWith(`version: 1
stages:
  - name: slow
    run: for i in 1 2 3 4 5; do echo "tick $i"; sleep 0.1; done
`);
    const { runId } = await call('runs.start', { service: 'api' });
    await waitFor(runId, (run) => run.stages[0]?.status === 'running');
    const live = streamAll<LogLine>('runs.log', { runId, stage: 'slow' });
    await live.ended;
    expect(live.items.map((line) => line.text).slice(1, 6)).toEqual(['tick 1', 'tick 2', 'tick 3', 'tick 4', 'tick 5']);
    expect(live.items.map((line) => line.number)).toEqual(live.items.map((_line, i) => i + 1));
  });

  it('follows the log of a stage another Shipdeck process runs (the CLI), from disk, to its end', async () => {
    await serviceWith(`version: 1
stages:
  - name: slow
    run: for i in 1 2 3 4 5 6; do echo "tick $i"; sleep 0.1; done
`);
    const other = createCore({ dataDir, mode: 'cli', version: 'test' });
    try {
      const started = await dispatch(other.handlers, 'runs.start', { service: 'api' });
      if (!started.ok) throw new Error(started.error.message);
      const { runId } = started.value as { runId: number };
      const live = streamAll<LogLine>('runs.log', { runId, stage: 'slow' });
      await live.ended;
      expect(live.items.map((line) => line.text).slice(1, 7)).toEqual(['tick 1', 'tick 2', 'tick 3', 'tick 4', 'tick 5', 'tick 6']);
      expect(live.items.at(-1)?.text).toMatch(/^succeeded in /);
    } finally {
      await other.close();
    }
  });

  it('fails the run when a stage fails, skips what depends on it, and says why', async () => {
    await serviceWith(`version: 1
stages:
  - name: test
    run: echo "1 test failed" >&2; exit 3
  - name: lint
    run: echo ok
  - name: build
    needs: [test]
    run: echo never
`);
    const { runId } = await call('runs.start', { service: 'api' });
    const run = await waitFor(runId);
    expect(run.status).toBe('failed');
    expect(stagesOf(run)).toEqual([
      ['test', 'failed', 3],
      ['lint', 'succeeded', 0],
      ['build', 'skipped', null]
    ]);
    expect(run.stages[0]?.message).toBe('exited with code 3');
    expect(run.stages[2]?.message).toBe('skipped: it needs "test", which failed');
  });

  it('refuses a bad ref and an invalid pipeline file before anything runs', async () => {
    await serviceWith('version: 1\nstages:\n  - name: a\n    run: echo a\n    colour: red\n');
    expect(await failure('runs.start', { service: 'api', ref: 'no-such-branch' })).toMatchObject({ code: 'BAD_REF' });
    const invalid = await failure('runs.start', { service: 'api' });
    expect(invalid.code).toBe('INVALID_PIPELINE');
    expect((await call('runs.list', { service: 'api' })).items).toEqual([]);
    expect(await failure('runs.start', { service: 'nope' })).toMatchObject({ code: 'NOT_FOUND' });
  });

  it('cancels a running run (its process tree stopped) and a queued one, keeping at most N runs at once', async () => {
    repo.write('.shipdeck/pipeline.yml', 'version: 1\nstages:\n  - name: wait\n    run: sh -c "sleep 30" & wait\n');
    repo.commitAll('slow pipeline');
    open({ maxConcurrentRuns: 1 });
    await call('services.add', { name: 'api', repoPath: repo.dir });
    const first = (await call('runs.start', { service: 'api' })).runId;
    const second = (await call('runs.start', { service: 'api' })).runId;
    await waitFor(first, (run) => run.stages[0]?.status === 'running');
    expect((await call('runs.get', { runId: second })).status).toBe('queued');

    const queued = await call('runs.cancel', { runId: second });
    expect(queued.status).toBe('cancelled');
    expect(queued.stages[0]).toMatchObject({ status: 'skipped', message: 'skipped: the run was cancelled before it started' });

    const started = Date.now();
    const cancelled = await call('runs.cancel', { runId: first });
    expect(Date.now() - started).toBeLessThan(8000);
    expect(cancelled.status).toBe('cancelled');
    expect(cancelled.stages[0]?.status).toBe('cancelled');
    expect(spawnSync('pgrep', ['-f', 'sleep 30']).stdout.toString().trim()).toBe('');
  });

  it('re-runs from the failed stage on the same commit, reusing what succeeded', async () => {
    const flag = path.join(dir, 'flag');
    const count = path.join(dir, 'prepare-count');
    await serviceWith(`version: 1
stages:
  - name: prepare
    run: echo once >> ${count}
  - name: check
    needs: [prepare]
    run: test -f ${flag}
  - name: after
    needs: [check]
    run: echo done
`);
    const { runId } = await call('runs.start', { service: 'api' });
    const failed = await waitFor(runId);
    expect(stagesOf(failed)).toEqual([
      ['prepare', 'succeeded', 0],
      ['check', 'failed', 1],
      ['after', 'skipped', null]
    ]);
    repo.commitFile('other.txt', 'x', 'a later commit'); // the re-run keeps the failed run's commit
    await import('node:fs').then((fs) => fs.writeFileSync(flag, 'ok'));

    const again = (await call('runs.rerun', { runId, from: 'failed' })).runId;
    const rerun = await waitFor(again);
    expect(rerun).toMatchObject({ status: 'succeeded', commitSha: failed.commitSha, rerunOf: runId, startedBy: expect.stringMatching(/^rerun:/) });
    expect(rerun.stages[0]).toMatchObject({ status: 'succeeded', message: `reused from run #${runId}` });
    expect(readFileSync(count, 'utf8')).toBe('once\n');

    const whole = await waitFor((await call('runs.rerun', { runId, from: 'start' })).runId);
    expect(whole.status).toBe('succeeded');
    expect(readFileSync(count, 'utf8')).toBe('once\nonce\n');
    expect(await failure('runs.rerun', { runId: whole.id, from: 'failed' })).toMatchObject({ code: 'INVALID_INPUT' });
    expect((await call('runs.list', { service: 'api', limit: 2 })).items.map((r) => r.id)).toEqual([whole.id, again]);
  });

  it('marks runs a crashed core left running as interrupted, and removes their worktrees', async () => {
    await serviceWith('version: 1\nstages:\n  - name: a\n    run: echo a\n');
    await core.close();
    // A core that died mid-run: its run is "running", its worktree is still there, its process is gone.
    const dead = spawnSync('true').pid ?? 999_999;
    const store = openReleaseStore(dataDir, { dailyBackup: false });
    const left = await store.runs.recordRun({ service: 'api', commitSha: repo.head(), ref: 'HEAD', startedBy: 'manual:x', stages: [{ name: 'a', needs: [] }], runnerPid: dead });
    await store.runs.setRunStatus(left.id, 'running');
    await store.runs.setStageStatus(left.id, 'a', { status: 'running' });
    // A run of a live process (this one) is not touched.
    const alive = await store.runs.recordRun({ service: 'api', commitSha: repo.head(), ref: 'HEAD', startedBy: 'manual:y', stages: [], runnerPid: process.pid });
    store.close();
    const checkout = await createWorktreeAdapter(dataDir).create(repo.dir, repo.head(), 'run-1');
    expect(existsSync(checkout.path)).toBe(true);

    open();
    const run = await waitFor(left.id, (r) => r.status === 'interrupted');
    expect(run.error).toMatch(/interrupted/);
    expect(run.stages[0]).toMatchObject({ status: 'cancelled' });
    expect((await call('runs.get', { runId: alive.id })).status).toBe('queued');
    // Another process still has a run, so its worktrees are left alone until it is gone.
    expect(existsSync(checkout.path)).toBe(true);

    await core.close();
    const again = openReleaseStore(dataDir, { dailyBackup: false });
    await again.runs.setRunStatus(alive.id, 'cancelled');
    again.close();
    open();
    await expect.poll(() => existsSync(checkout.path), { timeout: 10_000 }).toBe(false);
  });

  it('starts a run for each new commit on a watched branch (off by default)', async () => {
    repo.git(['branch', '-M', 'main']);
    await serviceWith('version: 1\nstages:\n  - name: a\n    run: echo "built $GIT_SHA"\n');
    expect(await call('runs.getWatch', { service: 'api' })).toEqual({ service: 'api', branch: null });
    expect(await call('runs.setWatch', { service: 'api', branch: 'main' })).toEqual({ service: 'api', branch: 'main' });
    // Turning it on runs the branch's head, which had no run yet.
    const firstRun = await waitForList(1);
    expect(firstRun[0]?.startedBy).toBe('watch:main');
    const next = repo.commitFile('b.txt', 'b', 'second');
    const runs = await waitForList(2);
    expect(runs[0]).toMatchObject({ commitSha: next, startedBy: 'watch:main' });
    await waitFor(runs[0]?.id ?? 0);
    await call('runs.setWatch', { service: 'api', branch: null });
    repo.commitFile('c.txt', 'c', 'third');
    await new Promise((resolve) => setTimeout(resolve, 800));
    expect((await call('runs.list', { service: 'api' })).items).toHaveLength(2);
  });
});

async function waitForList(count: number): Promise<readonly PipelineRun[]> {
  const until = Date.now() + 10_000;
  for (;;) {
    const { items } = await call('runs.list', { service: 'api' });
    if (items.length >= count) return items;
    if (Date.now() > until) throw new Error(`only ${items.length} runs`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
