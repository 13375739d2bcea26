import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../shared/result';
import { TempRepository } from './adapters/git/testing/temp-repository';
import type { CoreClientOptions } from './core-client';
import type { KeychainOffer } from './core-protocol';
import { forkCore, type ForkedCore } from './forked-core';
import { requireComponent } from './testing/components';
import { registryToolsInstalled, startTestRegistry, type TestRegistry } from './testing/test-registry';

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
const start = (dataDir: string, keychain?: KeychainOffer, clientOptions: CoreClientOptions = {}) => {
  const options = { dataDir, mode: 'electron' as const, version: '9.9.9', ...(keychain ? { keychain } : {}) };
  const core = forkCore(hostModule, options, ['--import', 'tsx'], clientOptions);
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

const registryAvailable = await requireComponent('registry', registryToolsInstalled);

describe.skipIf(!registryAvailable)("registry secrets go through the parent's keychain (safeStorage's seat in the app)", () => {
  const user = 'release-bot';
  const password = 'Keychain-Canary-Password-3f9a';
  let root: string;
  let registry: TestRegistry;
  beforeAll(async () => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'shipdeck-core-keychain-'));
    registry = await startTestRegistry({ dir: path.join(root, 'registry'), auth: { kind: 'htpasswd', users: { [user]: password } } });
  });
  afterAll(async () => {
    await registry.stop();
    fs.rmSync(root, { recursive: true, force: true });
  });

  /** The test's "keychain": a transform it can recognise, recording each request the core makes. */
  function recordingKeychain() {
    const requests: { op: string; data: string; result: string }[] = [];
    const seal = (text: string) => `parent-sealed:${Buffer.from([...text].reverse().join(''), 'utf8').toString('hex')}`;
    const onCipherRequest: NonNullable<CoreClientOptions['onCipherRequest']> = (op, data) => {
      const result = op === 'encrypt' ? seal(data) : [...Buffer.from(data.replace(/^parent-sealed:/, ''), 'hex').toString('utf8')].reverse().join('');
      requests.push({ op, data, result });
      return Promise.resolve(result);
    };
    return { requests, seal, onCipherRequest };
  }

  async function addServiceOnRegistry(client: ForkedCore['client'], dataDir: string): Promise<void> {
    const repo = TempRepository.init(path.join(dataDir, '..', `repo-${path.basename(dataDir)}`));
    repo.commitFile('README.md', 'api', 'Start');
    expect(await client.call('services.add', { name: 'api', repoPath: repo.dir, imageRepository: `${registry.host}/shop/api` })).toMatchObject({ ok: true });
  }

  it('login stores what the parent encrypted (not the password, not its base64), says the keychain protects it, and reads it back', async () => {
    const dataDir = path.join(fs.mkdtempSync(path.join(root, 'case-')), 'data');
    const keychain = recordingKeychain();
    const { client } = start(dataDir, { available: true, cipher: 'test-parent-keychain' }, { onCipherRequest: keychain.onCipherRequest });
    await client.ready;

    const login = await client.call('registry.login', { host: registry.host, username: user, password });
    expect(login).toMatchObject({ ok: true, value: { host: registry.host, checked: true, warning: null, protection: expect.stringContaining('protected by the OS keychain') } });
    expect(keychain.requests).toEqual([{ op: 'encrypt', data: password, result: keychain.seal(password) }]);

    const text = fs.readFileSync(path.join(dataDir, 'credentials.json'), 'utf8');
    expect(text).not.toContain(password);
    expect(text).not.toContain(Buffer.from(password, 'utf8').toString('base64'));
    const file = JSON.parse(text) as { registries: Record<string, { secret: string; cipher: string }> };
    expect(file.registries[registry.host]).toMatchObject({ secret: keychain.seal(password), cipher: 'test-parent-keychain' });

    // Read back through the core: the status check authenticates with the saved secret, decrypted by the parent.
    await addServiceOnRegistry(client, dataDir);
    const status = await client.call('system.status', {});
    expect(status).toMatchObject({ ok: true, value: { registries: [{ host: registry.host, reachable: true, detail: 'answers' }] } });
    expect(keychain.requests.slice(1)).toContainEqual({ op: 'decrypt', data: keychain.seal(password), result: password });
  });

  it('a parent whose keychain cannot encrypt: the 0600 file, and a warning saying why', async () => {
    const dataDir = path.join(fs.mkdtempSync(path.join(root, 'case-')), 'data');
    const keychain = recordingKeychain();
    const { client } = start(dataDir, { available: false, reason: 'no secret service answered' }, { onCipherRequest: keychain.onCipherRequest });
    await client.ready;
    const login = await client.call('registry.login', { host: registry.host, username: user, password });
    expect(login).toMatchObject({
      ok: true,
      value: { warning: expect.stringContaining('no OS keychain protects registry credentials in this app: no secret service answered') }
    });
    expect(keychain.requests).toEqual([]);
    expect(fs.readFileSync(path.join(dataDir, 'credentials.json'), 'utf8')).toContain('NOT encrypted');
  });

  it("a secret the parent's keychain cannot decrypt fails clearly: log in again", async () => {
    const dataDir = path.join(fs.mkdtempSync(path.join(root, 'case-')), 'data');
    const { client } = start(dataDir, { available: true, cipher: 'test-parent-keychain' }, {
      onCipherRequest: (op, data) => (op === 'encrypt' ? Promise.resolve(`sealed-${data.length}`) : Promise.reject(new AppError('STORE_FAILED', 'The OS keychain could not decrypt the stored registry secret.', 'Log in to the registry again.')))
    });
    await client.ready;
    expect(await client.call('registry.login', { host: registry.host, username: user, password })).toMatchObject({ ok: true });
    await addServiceOnRegistry(client, dataDir);
    const status = await client.call('system.status', {});
    expect(status).toMatchObject({ ok: true, value: { registries: [{ reachable: false, detail: expect.stringContaining('could not be decrypted') }] } });
  });
});
