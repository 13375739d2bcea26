import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { requireComponent } from '../../testing/components';
import { pushTestImage, type PushedImage } from '../../testing/push-test-image';
import { registryToolsInstalled, startTestRegistry, type TestRegistry } from '../../testing/test-registry';
import { createFileCredentialStore } from '../credentials/file-credential-store';
import { createRegistryPort } from './registry-adapter';
import { rejection } from '../../testing/rejection';

const available = await requireComponent('registry', registryToolsInstalled);


describe.skipIf(!available)('registry client against docker-registry with htpasswd (Basic) auth', () => {
  const user = 'release-bot';
  const password = 'Basic-pass-7f3a';
  let root: string;
  let registry: TestRegistry;
  let image: PushedImage;

  beforeAll(async () => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'shipdeck-registry-basic-'));
    registry = await startTestRegistry({ dir: path.join(root, 'registry'), auth: { kind: 'htpasswd', users: { [user]: password } } });
    const authorization = `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;
    image = await pushTestImage({ baseUrl: registry.baseUrl, repository: 'shop/api', authorization }, 'v1.0.0');
    await pushTestImage({ baseUrl: registry.baseUrl, repository: 'shop/api', authorization }, 'v1.1.0');
  });
  afterAll(async () => {
    await registry.stop();
    fs.rmSync(root, { recursive: true, force: true });
  });

  const clientWith = async (dataDir: string, credentials: { username: string; password: string } | null) => {
    const store = createFileCredentialStore({ dataDir });
    if (credentials !== null) await store.set(registry.host, credentials);
    return createRegistryPort({ credentials: store }).open({ host: registry.host });
  };

  it('with stored credentials: pings, lists, resolves and deletes', async () => {
    const client = await clientWith(path.join(root, 'good'), { username: user, password });
    expect(await client.ping()).toEqual({ auth: 'basic', access: 'credentials' });
    expect([...(await client.listTags('shop/api'))].sort()).toEqual(['v1.0.0', 'v1.1.0']);
    expect((await client.resolveTag('shop/api', 'v1.0.0'))?.digest).toBe(image.digest);
    await client.deleteManifest('shop/api', image.digest);
    expect(await client.hasManifest('shop/api', image.digest)).toBe(false);
  });

  it.skipIf(process.platform === 'win32')('stops at a credentials file others can read, and goes on once it is fixed', async () => {
    const dataDir = path.join(root, 'unsafe');
    const client = await clientWith(dataDir, { username: user, password });
    const file = path.join(dataDir, 'credentials.json');
    fs.chmodSync(file, 0o640);
    const error = await rejection(client.listTags('shop/api'));
    expect(error.code).toBe('CREDENTIALS_UNSAFE');
    expect(error.hint).toContain('chmod 600');
    fs.chmodSync(file, 0o600);
    expect(await client.listTags('shop/api')).toContain('v1.1.0');
  });

  it('without credentials: ping says they are needed, and a call says how to log in', async () => {
    const client = await clientWith(path.join(root, 'none'), null);
    expect(await client.ping()).toEqual({ auth: 'basic', access: 'needs-credentials' });
    const error = await rejection(client.listTags('shop/api'));
    expect(error.code).toBe('REGISTRY_AUTH_FAILED');
    expect(error.message).toBe(`Registry ${registry.host} needs credentials to list the tags of shop/api, and none are stored for it.`);
    expect(error.hint).toContain(`shipdeck registry login ${registry.host}`);
  });

  it('with a wrong password: "credentials refused", naming the registry and the user, never the password', async () => {
    const wrong = 'Wrong-pass-91c2';
    const client = await clientWith(path.join(root, 'wrong'), { username: user, password: wrong });
    for (const attempt of [() => client.ping(), () => client.listTags('shop/api')]) {
      const error = await rejection(attempt());
      expect(error.code).toBe('REGISTRY_AUTH_FAILED');
      expect(error.message).toContain(`Registry ${registry.host} refused the credentials of user "${user}"`);
      expect(JSON.stringify(error.toData())).not.toContain(wrong);
    }
  });
});
