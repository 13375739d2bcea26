import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { OutputLine } from '../../ports/processes';
import { createProcessAdapter } from './process-adapter';

const processes = createProcessAdapter();
const cwd = mkdtempSync(path.join(os.tmpdir(), 'shipdeck-process-'));
afterAll(() => rmSync(cwd, { recursive: true, force: true }));
const env = { PATH: process.env.PATH ?? '/usr/bin:/bin' };

/** Processes whose command line contains `marker` (a unique sleep duration), as `ps` sees them. */
function survivors(marker: string): string[] {
  const table = execFileSync('ps', ['-eo', 'pid,stat,args'], { encoding: 'utf8' });
  return table.split('\n').filter((line) => line.includes(marker) && !/\bZ/.test(line.trim().split(/\s+/)[1] ?? ''));
}

async function run(command: string, options: { timeoutMs?: number; killGraceMs?: number; signal?: AbortSignal } = {}) {
  const lines: OutputLine[] = [];
  const outcome = await processes.run({ command, cwd, env, ...options }, (batch) => void lines.push(...batch), options.signal);
  return { outcome, lines };
}

describe('process adapter', () => {
  it('streams stdout and stderr lines and reports the exit code', async () => {
    const { outcome, lines } = await run('echo one; echo two >&2; printf "three"; exit 3');
    expect(outcome).toEqual({ kind: 'exited', exitCode: 3 });
    expect(lines).toEqual(expect.arrayContaining([{ stream: 'stdout', text: 'one' }, { stream: 'stderr', text: 'two' }, { stream: 'stdout', text: 'three' }]));
  });

  it('runs in the given folder with exactly the given environment', async () => {
    const lines: OutputLine[] = [];
    await processes.run({ command: 'pwd; echo "$STAGE_VALUE|${HOME:-no home}"', cwd, env: { ...env, STAGE_VALUE: 'v 1' } }, (batch) => void lines.push(...batch));
    expect(lines.map((line) => line.text)).toEqual([cwd, 'v 1|no home']);
  });

  it('shows binary garbage with replacement characters', async () => {
    const { lines } = await run("printf 'ok\\377\\376\\n'");
    expect(lines).toEqual([{ stream: 'stdout', text: 'ok\uFFFD\uFFFD' }]);
  });

  it('cancel kills the whole process tree, grandchildren included', async () => {
    const controller = new AbortController();
    const running = run("sh -c 'sleep 987651 & sleep 987651 & wait' & sleep 987651 & wait", { signal: controller.signal });
    await waitFor(() => survivors('sleep 987651').length >= 3);
    const started = Date.now();
    controller.abort();
    expect((await running).outcome).toEqual({ kind: 'cancelled' });
    // Killed, not waited for (the sleeps would last days); generous for a loaded CI machine.
    expect(Date.now() - started).toBeLessThan(15_000);
    expect(survivors('sleep 987651')).toEqual([]);
  });

  it('a grandchild that ignores SIGTERM is killed after the grace', async () => {
    const controller = new AbortController();
    const running = run(`sh -c 'trap "" TERM; sleep 987652; echo still' & wait`, { signal: controller.signal, killGraceMs: 300 });
    await waitFor(() => survivors('sleep 987652').length >= 1);
    controller.abort();
    expect((await running).outcome).toEqual({ kind: 'cancelled' });
    expect(survivors('sleep 987652')).toEqual([]);
  });

  it('a timeout stops the tree and says timed-out', async () => {
    const started = Date.now();
    const { outcome } = await run('sleep 987653 & sleep 987653', { timeoutMs: 200 });
    expect(outcome).toEqual({ kind: 'timed-out' });
    // Killed, not waited for (the sleeps would last days); generous for a loaded CI machine.
    expect(Date.now() - started).toBeLessThan(15_000);
    expect(survivors('sleep 987653')).toEqual([]);
  });

  it('when the command exits, what it left running in background is stopped and does not hold the stage', async () => {
    const started = Date.now();
    const { outcome, lines } = await run('sleep 987654 & echo done');
    expect(outcome).toEqual({ kind: 'exited', exitCode: 0 });
    expect(lines).toEqual([{ stream: 'stdout', text: 'done' }]);
    // Killed, not waited for (the sleeps would last days); generous for a loaded CI machine.
    expect(Date.now() - started).toBeLessThan(15_000);
    expect(survivors('sleep 987654')).toEqual([]);
  });

  it('a sink that cannot take the lines (a full disk) stops the tree and rejects with its error', async () => {
    const failure = new Error('no space left');
    await expect(processes.run({ command: 'echo a; sleep 987655', cwd, env }, () => Promise.reject(failure))).rejects.toBe(failure);
    expect(survivors('sleep 987655')).toEqual([]);
  });

  it('refuses a working folder that does not exist', async () => {
    await expect(processes.run({ command: 'true', cwd: path.join(cwd, 'missing'), env }, () => undefined)).rejects.toMatchObject({ code: 'PATH_NOT_FOUND' });
  });
});

async function waitFor(condition: () => boolean, timeoutMs = 5_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
