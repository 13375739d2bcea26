import { execFileSync } from 'node:child_process';
import { appendFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, symlinkSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { INDEX_ENTRY_BYTES, MAX_LOG_LINE_BYTES } from './log-format';
import { createRunLogAdapter, runLogsFolder } from './run-log-adapter';

let dataDir: string;
beforeEach(() => {
  dataDir = mkdtempSync(path.join(os.tmpdir(), 'shipdeck-logs-'));
});
afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

const lines = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => ({ stream: 'stdout' as const, text: `line ${from + i}` }));

describe('run log adapter', () => {
  it('numbers lines from 1 across batches and reads any range by line number', async () => {
    const logs = createRunLogAdapter(dataDir);
    const writer = await logs.open('run-1', 'test');
    expect(await writer.append(lines(1, 3))).toEqual([
      { number: 1, stream: 'stdout', text: 'line 1' },
      { number: 2, stream: 'stdout', text: 'line 2' },
      { number: 3, stream: 'stdout', text: 'line 3' }
    ]);
    await writer.append([{ stream: 'stderr', text: 'oops: zoë' }, { stream: 'system', text: '' }, ...lines(6, 10_000)]);
    expect(writer.lineCount).toBe(10_000);
    await writer.close();
    expect(await logs.lineCount('run-1', 'test')).toBe(10_000);
    expect(await logs.read('run-1', 'test', 4, 3)).toEqual([
      { number: 4, stream: 'stderr', text: 'oops: zoë' },
      { number: 5, stream: 'system', text: '' },
      { number: 6, stream: 'stdout', text: 'line 6' }
    ]);
    expect(await logs.read('run-1', 'test', 9_999, 10)).toEqual([
      { number: 9_999, stream: 'stdout', text: 'line 9999' },
      { number: 10_000, stream: 'stdout', text: 'line 10000' }
    ]);
    expect(await logs.read('run-1', 'test', 10_001, 5)).toEqual([]);
    expect(await logs.read('run-1', 'missing', 1, 5)).toEqual([]);
    const files = path.join(runLogsFolder(dataDir), 'run-1');
    expect(statSync(path.join(files, 'test.idx')).size).toBe(10_000 * INDEX_ENTRY_BYTES);
    expect(readFileSync(path.join(files, 'test.log'), 'utf8').startsWith('line 1\nline 2\nline 3\noops: zoë\n\nline 6\n')).toBe(true);
  });

  it('a live read of the last indexed line stops at its own newline, not at data still waiting for its index', async () => {
    const logs = createRunLogAdapter(dataDir);
    const writer = await logs.open('run-1', 'test');
    await writer.append(lines(1, 2));
    await writer.close();
    // What a reader meets mid-write: the next line's data is on disk, its index entry not yet.
    appendFileSync(path.join(runLogsFolder(dataDir), 'run-1', 'test.log'), 'line 3\n');
    expect(await logs.lineCount('run-1', 'test')).toBe(2);
    expect(await logs.read('run-1', 'test', 2, 5)).toEqual([{ number: 2, stream: 'stdout', text: 'line 2' }]);
  });

  it('reopening a log appends after what is there', async () => {
    const logs = createRunLogAdapter(dataDir);
    const first = await logs.open('run-1', 'build');
    await first.append(lines(1, 2));
    await first.close();
    const second = await logs.open('run-1', 'build');
    expect((await second.append(lines(3, 3)))[0]?.number).toBe(3);
    await second.close();
    expect((await logs.read('run-1', 'build', 1, 10)).map((line) => line.text)).toEqual(['line 1', 'line 2', 'line 3']);
  });

  it('splits a text holding newlines into lines, and cuts a 10 MB line with a marker', async () => {
    const logs = createRunLogAdapter(dataDir);
    const writer = await logs.open('run-1', 'noisy');
    await writer.append([{ stream: 'stdout', text: 'a\nb' }, { stream: 'stdout', text: 'x'.repeat(10 * 1024 * 1024) }, { stream: 'stdout', text: 'after' }]);
    await writer.close();
    const [a, b, huge, after] = await logs.read('run-1', 'noisy', 1, 4);
    expect([a?.text, b?.text, after?.text]).toEqual(['a', 'b', 'after']);
    expect(huge?.text.startsWith('x'.repeat(MAX_LOG_LINE_BYTES))).toBe(true);
    expect(huge?.text).toContain(`${(10 * 1024 * 1024 - MAX_LOG_LINE_BYTES).toLocaleString('en')} more bytes not kept`);
  });

  it('searches without regard to case, from a line, with a limit, and says where to continue', async () => {
    const logs = createRunLogAdapter(dataDir);
    const writer = await logs.open('run-1', 'test');
    await writer.append(Array.from({ length: 50_000 }, (_, i) => ({ stream: 'stdout' as const, text: i % 10_000 === 7 ? `ERROR number ${i + 1}` : `ok ${i + 1}` })));
    await writer.close();
    const all = await logs.search('run-1', 'test', { text: 'error' });
    expect(all.matches.map((line) => line.number)).toEqual([8, 10_008, 20_008, 30_008, 40_008]);
    expect(all.matches[1]?.text).toBe('ERROR number 10008');
    expect(all.continueFrom).toBeNull();
    const limited = await logs.search('run-1', 'test', { text: 'Error', limit: 2 });
    expect(limited.matches.map((line) => line.number)).toEqual([8, 10_008]);
    expect(limited.continueFrom).toBe(10_009);
    const next = await logs.search('run-1', 'test', { text: 'ERROR', fromLine: limited.continueFrom ?? 1, limit: 2 });
    expect(next.matches.map((line) => line.number)).toEqual([20_008, 30_008]);
    const bounded = await logs.search('run-1', 'test', { text: 'error', maxBytes: 100_000 });
    expect(bounded.matches.map((line) => line.number)).toEqual([8, 10_008, 20_008, 30_008, 40_008].filter((n) => n < (bounded.continueFrom ?? Infinity)));
    expect(bounded.continueFrom).toBeGreaterThan(1);
    expect((await logs.search('run-1', 'test', { text: 'nowhere' })).matches).toEqual([]);
  });

  it('refuses run and stage names that would reach outside the logs folder', async () => {
    const logs = createRunLogAdapter(dataDir);
    await expect(logs.open('..', 'x')).rejects.toMatchObject({ code: 'INVALID_INPUT' });
    await expect(logs.open('run', '../../etc')).rejects.toMatchObject({ code: 'INVALID_INPUT' });
  });

  it.skipIf(process.platform !== 'linux')('a full disk: the append fails with a clear error and nothing is indexed', async () => {
    const logs = createRunLogAdapter(dataDir);
    mkdirSync(path.join(runLogsFolder(dataDir), 'run-1'), { recursive: true });
    symlinkSync('/dev/full', path.join(runLogsFolder(dataDir), 'run-1', 'test.log')); // every write: ENOSPC
    const writer = await logs.open('run-1', 'test');
    const error = await writer.append(lines(1, 3)).catch((caught: unknown) => caught);
    expect(error).toMatchObject({ code: 'STORE_FAILED', message: expect.stringContaining('the disk is full (ENOSPC)') });
    await expect(writer.append(lines(4, 4))).rejects.toMatchObject({ code: 'STORE_FAILED' });
    await writer.close();
    expect(await logs.lineCount('run-1', 'test')).toBe(0);
    expect(statSync(path.join(runLogsFolder(dataDir), 'run-1', 'test.idx')).size).toBe(0);
  });

  it('a disk that fills up mid-log: earlier lines stay readable, the failed batch leaves no trace', async (ctx) => {
    const mountPoint = path.join(dataDir, 'small-disk');
    mkdirSync(mountPoint);
    try {
      execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=256k', 'tmpfs', mountPoint], { stdio: 'ignore' });
    } catch {
      console.warn('SKIPPED: a small tmpfs disk cannot be mounted here (needs root on Linux); the /dev/full test covers the error path');
      ctx.skip();
      return;
    }
    try {
      const logs = createRunLogAdapter(mountPoint);
      const writer = await logs.open('run-1', 'test');
      const batch = (n: number) => Array.from({ length: 100 }, (_, i) => ({ stream: 'stdout' as const, text: `batch ${n} line ${i} ${'x'.repeat(200)}` }));
      let written = 0;
      let failure: unknown = null;
      for (let n = 0; n < 100 && failure === null; n++) {
        await writer.append(batch(n)).then(() => (written += 100), (error: unknown) => (failure = error));
      }
      expect(failure).toMatchObject({ code: 'STORE_FAILED', message: expect.stringContaining('ENOSPC') });
      await writer.close();
      expect(await logs.lineCount('run-1', 'test')).toBe(written);
      const files = path.join(runLogsFolder(mountPoint), 'run-1');
      const text = readFileSync(path.join(files, 'test.log'), 'utf8');
      expect(text.split('\n')).toHaveLength(written + 1);
      const [last] = await logs.read('run-1', 'test', written, 1);
      expect(last?.text).toMatch(new RegExp(`^batch ${written / 100 - 1} line 99 x+$`));
    } finally {
      execFileSync('umount', [mountPoint]);
    }
    expect(existsSync(mountPoint)).toBe(true);
  });
});
