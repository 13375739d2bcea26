import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { forkCore, type ForkedCore } from './forked-core';

const hostModule = path.join(__dirname, 'core-host.ts');
const started: ForkedCore[] = [];
const dirs: string[] = [];
afterEach(async () => {
  for (const core of started.splice(0)) {
    if (core.child.exitCode === null && core.child.signalCode === null) {
      core.child.kill();
      await new Promise((resolve) => core.child.once('exit', resolve));
    }
  }
  dirs.splice(0).forEach((dir) => fs.rmSync(dir, { recursive: true, force: true }));
});
const tempDir = () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'shipdeck-core-host-'));
  dirs.push(dir);
  return dir;
};
const start = (dataDir: string) => {
  const core = forkCore(hostModule, { dataDir, mode: 'electron', version: '9.9.9' }, ['--import', 'tsx']);
  started.push(core);
  return core;
};

describe('the core host process (the protocol the Electron window uses, over fork)', () => {
  it('runs the real core: calls, the store, and streams', async () => {
    const dataDir = tempDir();
    const { client } = start(dataDir);
    await client.ready;
    expect(await client.call('app.info', {})).toMatchObject({ ok: true, value: { version: '9.9.9', mode: 'electron', dataDir } });
    expect(await client.call('services.list', {})).toEqual({ ok: true, value: [] });
    expect(fs.existsSync(path.join(dataDir, 'shipdeck.db'))).toBe(true);

    const hints: unknown[] = [];
    const subscribed = await client.subscribe('workspace.changes', {}, (message) => hints.push(message));
    expect(subscribed.ok).toBe(true);
    const repo = path.join(dataDir, 'not-a-repo');
    fs.mkdirSync(repo);
    expect(await client.call('services.add', { name: 'api', repoPath: repo })).toMatchObject({
      ok: false,
      error: { code: 'NOT_A_REPOSITORY' }
    });
    expect(hints).toEqual([]);
  });

  it('says why it cannot start, with what to do, and the client fails calls instead of hanging', async () => {
    const dataDir = tempDir();
    // A file where the data folder should be: the store cannot be created there.
    const blocked = path.join(dataDir, 'file');
    fs.writeFileSync(blocked, 'not a folder');
    const { client } = start(path.join(blocked, 'data'));
    await expect(client.ready).rejects.toMatchObject({ code: 'STORE_FAILED', message: expect.stringContaining(blocked) });
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(await client.call('services.list', {})).toMatchObject({ ok: false, error: { code: 'INTERNAL' } });
  });

  it('a core that dies ends pending calls and streams with a clear error', async () => {
    const { client, child } = start(tempDir());
    await client.ready;
    const ended = new Promise((resolve) =>
      void client.subscribe('tasks.progress', {}, (message) => message.type === 'end' && resolve(message))
    );
    await new Promise((resolve) => setTimeout(resolve, 50));
    child.kill('SIGKILL');
    expect(await ended).toMatchObject({ type: 'end', error: { message: expect.stringContaining('core process stopped') } });
    expect(await client.call('services.list', {})).toMatchObject({ ok: false, error: { message: expect.stringContaining('core process') } });
  });
});
