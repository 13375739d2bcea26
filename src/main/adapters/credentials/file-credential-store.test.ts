import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { SecretCipher } from '../../ports/credentials';
import { CREDENTIALS_FILE_NAME, createFileCredentialStore } from './file-credential-store';
import { plainSecretCipherBecause } from './plain-secret-cipher';
import { rejection } from '../../testing/rejection';

const posix = process.platform !== 'win32';


describe('file credential store', () => {
  let dataDir: string;
  let file: string;
  beforeEach(() => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'shipdeck-credentials-'));
    file = path.join(dataDir, CREDENTIALS_FILE_NAME);
  });
  afterEach(() => fs.rmSync(dataDir, { recursive: true, force: true }));

  it('stores, reads, lists and deletes credentials per host; hosts are normalised', async () => {
    const store = createFileCredentialStore({ dataDir });
    expect(await store.get('127.0.0.1:5000')).toBeNull();
    await store.set('https://Registry.Example.com/', { username: 'ana', password: 's3cret-one' });
    await store.set('127.0.0.1:5000', { username: 'bot', password: 's3cret-two' });
    expect(await store.get('registry.example.com')).toEqual({ username: 'ana', password: 's3cret-one' });
    expect(await store.hosts()).toEqual([
      { host: 'registry.example.com', username: 'ana' },
      { host: '127.0.0.1:5000', username: 'bot' }
    ]);
    expect(await store.delete('registry.example.com')).toBe(true);
    expect(await store.delete('registry.example.com')).toBe(false);
    expect(await createFileCredentialStore({ dataDir }).get('127.0.0.1:5000')).toEqual({ username: 'bot', password: 's3cret-two' });
  });

  it.skipIf(!posix)('writes the file mode 0600 and never leaves a temp file behind', async () => {
    const store = createFileCredentialStore({ dataDir });
    await store.set('127.0.0.1:5000', { username: 'bot', password: 'pw-1' });
    await store.set('127.0.0.1:5000', { username: 'bot', password: 'pw-2' });
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    expect(fs.readdirSync(dataDir)).toEqual([CREDENTIALS_FILE_NAME]);
  });

  it('keeps no secret in plain text in the file, and says it is encoded, not encrypted', async () => {
    const store = createFileCredentialStore({ dataDir });
    const saved = await store.set('127.0.0.1:5000', { username: 'bot', password: 'Plain-Text-Canary' });
    expect(saved.path).toBe(file);
    expect(fs.readFileSync(file, 'utf8')).not.toContain('Plain-Text-Canary');
    expect(fs.readFileSync(file, 'utf8')).toContain('NOT encrypted');
  });

  it('warns that no OS keychain protects the file, naming it', () => {
    const { protection } = createFileCredentialStore({ dataDir });
    expect(protection.kind).toBe('file-permissions-only');
    if (protection.kind === 'file-permissions-only') {
      expect(protection.warning).toContain('no OS keychain protects registry credentials in browser mode and the command line');
      expect(protection.warning).toContain(file);
    }
  });

  it('says why no keychain protects the file when the cipher gives a reason (safeStorage unavailable in the app)', () => {
    const { protection } = createFileCredentialStore({ dataDir, cipher: plainSecretCipherBecause('in this app: no secret service answered') });
    expect(protection).toMatchObject({ kind: 'file-permissions-only', warning: expect.stringContaining('no OS keychain protects registry credentials in this app: no secret service answered') });
  });

  it('reports OS-keychain protection when the cipher encrypts (the seam for safeStorage)', async () => {
    const reversing: SecretCipher = {
      id: 'test-reverse',
      encrypts: true,
      encrypt: (secret) => Promise.resolve([...secret].reverse().join('')),
      decrypt: (stored) => Promise.resolve([...stored].reverse().join(''))
    };
    const store = createFileCredentialStore({ dataDir, cipher: reversing });
    expect(store.protection).toEqual({
      kind: 'os-keychain',
      cipher: 'test-reverse',
      note: `Registry credentials are protected by the OS keychain (test-reverse) and stored encrypted in ${file}.`
    });
    await store.set('127.0.0.1:5000', { username: 'bot', password: 'abc123' });
    expect(fs.readFileSync(file, 'utf8')).toContain('321cba');
    expect(await store.get('127.0.0.1:5000')).toEqual({ username: 'bot', password: 'abc123' });
    // a file written by safeStorage cannot be read by the CLI's cipher: it says so instead of guessing
    const error = await rejection(createFileCredentialStore({ dataDir }).get('127.0.0.1:5000'));
    expect(error.code).toBe('STORE_FAILED');
    expect(error.hint).toMatch(/Log in to the registry again/);
    expect(error.message).not.toContain('321cba');
  });

  it.skipIf(!posix)('refuses a file others can read, saying how to fix it', async () => {
    const store = createFileCredentialStore({ dataDir });
    await store.set('127.0.0.1:5000', { username: 'bot', password: 'pw' });
    fs.chmodSync(file, 0o644);
    for (const attempt of [() => store.get('127.0.0.1:5000'), () => store.set('other:1', { username: 'x', password: 'y' }), () => store.hosts()]) {
      const error = await rejection(attempt());
      expect(error.code).toBe('CREDENTIALS_UNSAFE');
      expect(error.message).toContain('can be read by others (mode 644)');
      expect(error.hint).toContain(`chmod 600 "${file}"`);
    }
    fs.chmodSync(file, 0o600);
    expect(await store.get('127.0.0.1:5000')).toEqual({ username: 'bot', password: 'pw' });
  });

  it.skipIf(!posix)('refuses a symbolic link in place of the file', async () => {
    const elsewhere = path.join(dataDir, 'elsewhere.json');
    fs.writeFileSync(elsewhere, '{"version":1,"registries":{}}', { mode: 0o600 });
    fs.symlinkSync(elsewhere, file);
    const error = await rejection(createFileCredentialStore({ dataDir }).get('127.0.0.1:5000'));
    expect(error.code).toBe('CREDENTIALS_UNSAFE');
    expect(error.message).toContain('symbolic link');
  });

  it('says what to do with a file it cannot read', async () => {
    fs.writeFileSync(file, 'not json', { mode: 0o600 });
    const error = await rejection(createFileCredentialStore({ dataDir }).get('127.0.0.1:5000'));
    expect(error.code).toBe('STORE_FAILED');
    expect(error.hint).toContain(`rm "${file}"`);
  });

  it('keeps every entry when logins from one process overlap', async () => {
    const store = createFileCredentialStore({ dataDir });
    await Promise.all(Array.from({ length: 8 }, (_, i) => store.set(`127.0.0.1:${5000 + i}`, { username: `u${i}`, password: `p${i}` })));
    expect(await store.hosts()).toHaveLength(8);
  });

  it('refuses empty passwords, user names with ":" and hosts that are not hosts', async () => {
    const store = createFileCredentialStore({ dataDir });
    expect((await rejection(store.set('127.0.0.1:5000', { username: 'bot', password: '' }))).code).toBe('INVALID_INPUT');
    expect((await rejection(store.set('127.0.0.1:5000', { username: 'a:b', password: 'x' }))).code).toBe('INVALID_INPUT');
    expect((await rejection(store.set('127.0.0.1:5000/shop/api', { username: 'a', password: 'x' }))).code).toBe('INVALID_INPUT');
    expect(fs.existsSync(file)).toBe(false);
  });
});
