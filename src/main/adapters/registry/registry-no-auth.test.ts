import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RegistryClient } from '../../ports/registry';
import { requireComponent } from '../../testing/components';
import { pushTestImage, pushTestIndex, type PushedImage } from '../../testing/push-test-image';
import { makeLoopbackCertificate, registryToolsInstalled, startTestRegistry, type TestRegistry } from '../../testing/test-registry';
import { createRegistryPort } from './registry-adapter';
import { rejection } from '../../testing/rejection';

const available = await requireComponent('registry', registryToolsInstalled);
const noCredentials = { get: () => Promise.resolve(null) };


describe.skipIf(!available)('registry client against docker-registry without auth', () => {
  let root: string;
  let registry: TestRegistry;
  let client: RegistryClient;
  const log: string[] = [];
  const repository = 'shop/api';
  let v1: PushedImage;
  let v2: PushedImage;

  beforeAll(async () => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'shipdeck-registry-'));
    registry = await startTestRegistry({ dir: path.join(root, 'registry'), auth: { kind: 'none' } });
    const target = { baseUrl: registry.baseUrl, repository };
    v1 = await pushTestImage(target, 'v1.0.0');
    v2 = await pushTestImage(target, 'v2.0.0');
    await pushTestImage(target, 'latest');
    client = createRegistryPort({ credentials: noCredentials, log: (line) => log.push(line) }).open({ host: registry.host });
  });
  afterAll(async () => {
    await registry.stop();
    fs.rmSync(root, { recursive: true, force: true });
  });

  it('pings the API anonymously', async () => {
    expect(await client.ping()).toEqual({ auth: 'none', access: 'anonymous' });
  });

  it('lists the tags of a repository, and none for a repository it does not know', async () => {
    expect([...(await client.listTags(repository))].sort()).toEqual(['latest', 'v1.0.0', 'v2.0.0']);
    expect(await client.listTags('shop/nothing-here')).toEqual([]);
  });

  it('lists every tag of a repository with many (distribution 2.8 ignores `n` and sends them at once)', async () => {
    const target = { baseUrl: registry.baseUrl, repository: 'shop/many' };
    const tags = ['a1', 'a2', 'a3', 'a4', 'a5'];
    for (const tag of tags) await pushTestImage(target, tag);
    const paged = createRegistryPort({ credentials: noCredentials, tagsPageSize: 2 }).open({ host: registry.host });
    expect([...(await paged.listTags('shop/many'))].sort()).toEqual(tags);
  });

  it('resolves a tag to the digest of the manifest bytes that were pushed', async () => {
    const resolved = await client.resolveTag(repository, 'v1.0.0');
    expect(resolved).toEqual({ digest: v1.digest, mediaType: v1.mediaType, size: v1.manifest.length });
    expect((await client.resolveTag(repository, 'v2.0.0'))?.digest).toBe(v2.digest);
    expect(await client.resolveTag(repository, 'v9.9.9')).toBeNull();
  });

  it('resolves OCI manifests, manifest lists and OCI indexes to their own digest (never a converted one)', async () => {
    const target = { baseUrl: registry.baseUrl, repository: 'shop/multi' };
    const amd = await pushTestImage(target, 'amd');
    const arm = await pushTestImage(target, 'arm');
    const list = await pushTestIndex(target, 'list', [amd, arm]);
    const ociImage = await pushTestImage(target, 'oci', 'oci');
    const ociIndex = await pushTestIndex(target, 'oci-index', [ociImage], 'oci');
    expect(await client.resolveTag('shop/multi', 'list')).toMatchObject({ digest: list.digest, mediaType: list.mediaType });
    expect(await client.resolveTag('shop/multi', 'oci')).toMatchObject({ digest: ociImage.digest, mediaType: ociImage.mediaType });
    expect(await client.resolveTag('shop/multi', 'oci-index')).toMatchObject({ digest: ociIndex.digest, mediaType: ociIndex.mediaType });
  });

  it('deletes by digest: the manifest and its tag are gone', async () => {
    const target = { baseUrl: registry.baseUrl, repository: 'shop/prune' };
    const old = await pushTestImage(target, 'old');
    const kept = await pushTestImage(target, 'kept');
    expect(await client.hasManifest('shop/prune', old.digest)).toBe(true);

    await client.deleteManifest('shop/prune', old.digest);

    expect(await client.hasManifest('shop/prune', old.digest)).toBe(false);
    expect(await client.resolveTag('shop/prune', 'old')).toBeNull();
    expect(await client.listTags('shop/prune')).toEqual(['kept']);
    expect(await client.hasManifest('shop/prune', kept.digest)).toBe(true);
    const again = await rejection(client.deleteManifest('shop/prune', old.digest));
    expect(again.code).toBe('NOT_FOUND');
    expect(again.message).toContain(registry.host);
  });

  it('refuses to delete by tag, saying that registries delete by digest', async () => {
    const error = await rejection(client.deleteManifest(repository, 'v1.0.0'));
    expect(error.code).toBe('INVALID_INPUT');
    expect(error.hint).toMatch(/by digest/);
    expect(await client.hasManifest(repository, v1.digest)).toBe(true);
  });

  it('says "unreachable", naming the registry, once the registry is stopped', async () => {
    const dir = path.join(root, 'stopped');
    const doomed = await startTestRegistry({ dir, auth: { kind: 'none' } });
    const image = await pushTestImage({ baseUrl: doomed.baseUrl, repository }, 'v1');
    const doomedClient = createRegistryPort({ credentials: noCredentials }).open({ host: doomed.host });
    expect(await doomedClient.hasManifest(repository, image.digest)).toBe(true);
    await doomed.stop();

    const error = await rejection(doomedClient.hasManifest(repository, image.digest));
    expect(error.code).toBe('REGISTRY_UNREACHABLE');
    expect(error.message).toContain(`Registry ${doomed.host} is unreachable`);
    expect(error.message).toContain('nothing is listening');
    expect(error.hint).toMatch(/running/);
  });

  it('says deletion is disabled when the registry does not allow it', async () => {
    const locked = await startTestRegistry({ dir: path.join(root, 'locked'), auth: { kind: 'none' }, deleteEnabled: false });
    try {
      const image = await pushTestImage({ baseUrl: locked.baseUrl, repository }, 'v1');
      const lockedClient = createRegistryPort({ credentials: noCredentials }).open({ host: locked.host });
      const error = await rejection(lockedClient.deleteManifest(repository, image.digest));
      expect(error.code).toBe('REGISTRY_DELETE_DISABLED');
      expect(error.message).toContain(locked.host);
      expect(error.hint).toContain('storage.delete.enabled');
      expect(await lockedClient.hasManifest(repository, image.digest)).toBe(true);
    } finally {
      await locked.stop();
    }
  });

  it('speaks https to a registry whose certificate is signed by a given CA, and refuses it without that CA', async () => {
    const tls = makeLoopbackCertificate(path.join(root, 'tls'));
    const secure = await startTestRegistry({ dir: path.join(root, 'secure'), auth: { kind: 'none' }, tls });
    try {
      const port = createRegistryPort({ credentials: noCredentials });
      const untrusted = await rejection(port.open({ host: secure.host, scheme: 'https' }).ping());
      expect(untrusted.code).toBe('REGISTRY_UNREACHABLE');
      expect(untrusted.message).toMatch(/TLS certificate is not trusted/);

      const trusted = port.open({ host: secure.host, scheme: 'https', caCertificate: fs.readFileSync(tls.certificate, 'utf8') });
      expect(await trusted.ping()).toEqual({ auth: 'none', access: 'anonymous' });
      expect(await trusted.listTags(repository)).toEqual([]);

      const plain = await rejection(port.open({ host: secure.host }).ping());
      expect(plain.code).toBe('REGISTRY_FAILED');
      expect(plain.message).toContain('served over https');
    } finally {
      await secure.stop();
    }
  });

  it('logs one line per request with neither headers nor query strings', () => {
    expect(log.length).toBeGreaterThan(0);
    for (const line of log) expect(line).toMatch(/^(GET|HEAD|DELETE) http:\/\/127\.0\.0\.1:\d+\/v2\/[^?\s]* → \w+$/);
  });
});
