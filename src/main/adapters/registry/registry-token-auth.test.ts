import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RegistryCredentials } from '../../ports/credentials';
import { requireComponent } from '../../testing/components';
import { pushTestImage, type PushedImage } from '../../testing/push-test-image';
import { registryToolsInstalled, startTestRegistry, type TestRegistry } from '../../testing/test-registry';
import { startTestTokenServer, type TestTokenServer } from '../../testing/test-token-server';
import { createRegistryPort } from './registry-adapter';
import { rejection } from '../../testing/rejection';

const available = await requireComponent('registry', registryToolsInstalled);


describe.skipIf(!available)('registry client against docker-registry with Bearer token auth', () => {
  const users = { deployer: 'Token-pass-5d81', reader: 'Reader-pass-22ab' };
  let root: string;
  let tokens: TestTokenServer;
  let registry: TestRegistry;
  const images: PushedImage[] = [];

  beforeAll(async () => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'shipdeck-registry-token-'));
    tokens = await startTestTokenServer({ dir: path.join(root, 'tokens'), users, readOnlyUsers: ['reader'] });
    registry = await startTestRegistry({
      dir: path.join(root, 'registry'),
      auth: { kind: 'token', realm: tokens.realm, service: tokens.service, issuer: tokens.issuer, rootCertBundle: tokens.rootCertBundle }
    });
    const authorization = `Bearer ${tokens.mint('test-setup', [{ type: 'repository', name: 'shop/api', actions: ['pull', 'push'] }])}`;
    for (const tag of ['v1.0.0', 'v1.1.0', 'v2.0.0']) images.push(await pushTestImage({ baseUrl: registry.baseUrl, repository: 'shop/api', authorization }, tag));
  });
  afterAll(async () => {
    await registry.stop();
    await tokens.stop();
    fs.rmSync(root, { recursive: true, force: true });
  });

  const clientAs = (credentials: RegistryCredentials | null) =>
    createRegistryPort({ credentials: { get: () => Promise.resolve(credentials) } }).open({ host: registry.host });

  it('does the token dance: ping, list tags, digest by tag', async () => {
    const client = clientAs({ username: 'deployer', password: users.deployer });
    expect(await client.ping()).toEqual({ auth: 'bearer', access: 'credentials' });
    expect([...(await client.listTags('shop/api'))].sort()).toEqual(['v1.0.0', 'v1.1.0', 'v2.0.0']);
    expect((await client.resolveTag('shop/api', 'v1.1.0'))?.digest).toBe(images[1]?.digest);
  });

  it('keeps a token per scope until it expires: one token request for many reads of one repository', async () => {
    const client = clientAs({ username: 'deployer', password: users.deployer });
    const before = tokens.requests;
    for (const image of images) expect(await client.hasManifest('shop/api', image.digest)).toBe(true);
    await client.listTags('shop/api');
    expect(tokens.requests - before).toBe(1);
  });

  it('deletes by digest with a token for the delete scope; the manifest is gone', async () => {
    const client = clientAs({ username: 'deployer', password: users.deployer });
    const doomed = images[0]?.digest ?? '';
    await client.deleteManifest('shop/api', doomed);
    expect(await client.hasManifest('shop/api', doomed)).toBe(false);
    expect(await client.resolveTag('shop/api', 'v1.0.0')).toBeNull();
  });

  it('a wrong password: the token server refused the credentials', async () => {
    const client = clientAs({ username: 'deployer', password: 'Not-the-password-0000' });
    const error = await rejection(client.listTags('shop/api'));
    expect(error.code).toBe('REGISTRY_AUTH_FAILED');
    expect(error.message).toBe(
      `The token server of registry ${registry.host} refused the credentials of user "deployer" (wrong user name or password, or an expired access token).`
    );
    expect(error.hint).toContain(`shipdeck registry login ${registry.host}`);
  });

  it('anonymous: the token grants nothing, and the error says to log in', async () => {
    const client = clientAs(null);
    expect(await client.ping()).toEqual({ auth: 'bearer', access: 'anonymous' });
    const error = await rejection(client.listTags('shop/api'));
    expect(error.code).toBe('REGISTRY_AUTH_FAILED');
    expect(error.message).toContain('needs credentials to list the tags of shop/api');
  });

  it('a user who may only pull: reading works, deleting is denied', async () => {
    const client = clientAs({ username: 'reader', password: users.reader });
    const digest = images[2]?.digest ?? '';
    expect(await client.hasManifest('shop/api', digest)).toBe(true);
    const error = await rejection(client.deleteManifest('shop/api', digest));
    expect(error.code).toBe('REGISTRY_DENIED');
    expect(error.message).toBe(`Registry ${registry.host} does not allow user "reader" to delete shop/api@${digest}.`);
    expect(await client.hasManifest('shop/api', digest)).toBe(true);
  });
});
