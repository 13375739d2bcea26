import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { AppError } from '../../../shared/result';
import type { RegistryCredentials } from '../../ports/credentials';
import type { RegistryClient } from '../../ports/registry';
import { requireComponent } from '../../testing/components';
import { pushTestImage } from '../../testing/push-test-image';
import { registryToolsInstalled, startTestRegistry, type TestRegistry } from '../../testing/test-registry';
import { startTestTokenServer, type TestTokenServer } from '../../testing/test-token-server';
import { CREDENTIALS_FILE_NAME, createFileCredentialStore } from '../credentials/file-credential-store';
import { createRegistryPort } from './registry-adapter';

const available = await requireComponent('registry', registryToolsInstalled);

/**
 * A whole login → list → delete → failed-login → unreachable session against real registries (Basic and
 * Bearer), with known passwords; afterwards no file in the data folder and no log line, console line or
 * error (message, hint, stack) holds a password, a Basic header or any token the token server issued.
 */
describe.skipIf(!available)('no secret leaks from the registry and credential modules', () => {
  const user = 'release-bot';
  const password = 'Canary-Password-3e9d1f';
  const wrongPassword = 'Canary-Wrong-Password-8b7c55';
  let root: string;
  let dataDir: string;
  let basicRegistry: TestRegistry;
  let tokenRegistry: TestRegistry;
  let tokens: TestTokenServer;
  const captured: string[] = [];

  beforeAll(async () => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'shipdeck-leaks-'));
    dataDir = path.join(root, 'data');
    tokens = await startTestTokenServer({ dir: path.join(root, 'tokens'), users: { [user]: password } });
    basicRegistry = await startTestRegistry({ dir: path.join(root, 'basic'), auth: { kind: 'htpasswd', users: { [user]: password } } });
    tokenRegistry = await startTestRegistry({
      dir: path.join(root, 'token'),
      auth: { kind: 'token', realm: tokens.realm, service: tokens.service, issuer: tokens.issuer, rootCertBundle: tokens.rootCertBundle }
    });
    await pushTestImage({ baseUrl: basicRegistry.baseUrl, repository: 'shop/api', authorization: basicHeader(user, password) }, 'v1');
    const setupToken = tokens.mint('setup', [{ type: 'repository', name: 'shop/api', actions: ['pull', 'push'] }]);
    await pushTestImage({ baseUrl: tokenRegistry.baseUrl, repository: 'shop/api', authorization: `Bearer ${setupToken}` }, 'v1');
  });
  afterAll(async () => {
    vi.restoreAllMocks();
    await basicRegistry.stop();
    await tokenRegistry.stop();
    await tokens.stop();
    fs.rmSync(root, { recursive: true, force: true });
  });

  it('leaves no password, Basic header or token in any file, log line, console line or error', async () => {
    for (const method of ['log', 'info', 'warn', 'error', 'debug'] as const) {
      vi.spyOn(console, method).mockImplementation((...args: unknown[]) => void captured.push(args.map(String).join(' ')));
    }
    const log = (line: string): void => void captured.push(line);
    const recordError = async (work: () => Promise<unknown>): Promise<AppError> => {
      const error = await work().then(
        () => null,
        (caught: unknown) => caught
      );
      if (!(error instanceof AppError)) throw new Error(`expected an AppError, got ${String(error)}`);
      captured.push(error.message, error.hint ?? '', error.stack ?? '', JSON.stringify(error.toData()));
      return error;
    };
    const store = createFileCredentialStore({ dataDir });

    for (const registry of [basicRegistry, tokenRegistry]) {
      // login: check the candidate credentials against the registry, then store them
      const candidate: RegistryCredentials = { username: user, password };
      const check = createRegistryPort({ credentials: { get: () => Promise.resolve(candidate) }, log }).open({ host: registry.host });
      expect((await check.ping()).access).toBe('credentials');
      const saved = await store.set(registry.host, candidate);
      if (saved.protection.kind === 'file-permissions-only') captured.push(saved.protection.warning);

      // use: list, resolve, delete with the stored credentials
      const client: RegistryClient = createRegistryPort({ credentials: store, log }).open({ host: registry.host });
      expect(await client.listTags('shop/api')).toEqual(['v1']);
      const manifest = await client.resolveTag('shop/api', 'v1');
      await client.deleteManifest('shop/api', manifest?.digest ?? '');

      // a failed login, and a refused call with stale credentials
      const refused = createRegistryPort({ credentials: { get: () => Promise.resolve({ username: user, password: wrongPassword }) }, log }).open({
        host: registry.host
      });
      expect((await recordError(() => refused.ping())).code).toBe('REGISTRY_AUTH_FAILED');
      await store.set(registry.host, { username: user, password: wrongPassword });
      const stale = createRegistryPort({ credentials: store, log }).open({ host: registry.host });
      expect((await recordError(() => stale.listTags('shop/api'))).code).toBe('REGISTRY_AUTH_FAILED');
      await store.set(registry.host, candidate);
    }
    await tokenRegistry.stop();
    const gone = createRegistryPort({ credentials: store, log }).open({ host: tokenRegistry.host });
    expect((await recordError(() => gone.listTags('shop/api'))).code).toBe('REGISTRY_UNREACHABLE');

    const secrets = [
      password,
      wrongPassword,
      basicHeader(user, password).slice('Basic '.length),
      basicHeader(user, wrongPassword).slice('Basic '.length),
      ...tokens.issued
    ];
    expect(tokens.issued.length).toBeGreaterThan(1);
    const files = filesUnder(dataDir);
    expect(files.map((file) => path.basename(file))).toContain(CREDENTIALS_FILE_NAME);
    for (const file of files) {
      const content = fs.readFileSync(file);
      secrets.forEach((secret, index) => expect(content.includes(secret), `secret #${index} found in ${file}`).toBe(false));
    }
    expect(captured.length).toBeGreaterThan(10);
    for (const text of captured) {
      // the failure names the secret by its index and the line by its position, so it cannot leak either
      secrets.forEach((secret, index) => expect(text.includes(secret), `secret #${index} found in captured line ${captured.indexOf(text)}`).toBe(false));
    }
  });
});

function basicHeader(username: string, secret: string): string {
  return `Basic ${Buffer.from(`${username}:${secret}`).toString('base64')}`;
}

function filesUnder(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    return entry.isDirectory() ? filesUnder(full) : [full];
  });
}
