import { afterEach, describe, expect, it } from 'vitest';
import { startKubeEmulator, type KubeEmulator } from './emulator';
import { call, openWatch, type WatchHandle } from './emulator-test-client';
import type { JsonObject } from './json';

const emulators: KubeEmulator[] = [];
const watches: WatchHandle[] = [];
async function emulator(options: Parameters<typeof startKubeEmulator>[0] = {}): Promise<KubeEmulator> {
  const started = await startKubeEmulator({ podReadyDelayMs: 20, namespaces: ['watched'], ...options });
  emulators.push(started);
  return started;
}
function watch(url: string, path: string): WatchHandle {
  const handle = openWatch(url, path);
  watches.push(handle);
  return handle;
}
afterEach(async () => {
  for (const handle of watches.splice(0)) handle.close();
  await Promise.all(emulators.splice(0).map((started) => started.stop()));
});

const SERVICES = '/api/v1/namespaces/watched/services';
const merge = { 'Content-Type': 'application/merge-patch+json' };
const service = (name: string, labels: Record<string, string> = {}): JsonObject => ({
  apiVersion: 'v1',
  kind: 'Service',
  metadata: { name, labels },
  spec: { selector: { app: name }, ports: [{ port: 80 }] }
});
const nameOf = (object: JsonObject) => String((object['metadata'] as JsonObject)['name']);
const versionOf = (object: JsonObject) => String((object['metadata'] as JsonObject)['resourceVersion']);

describe('watch', () => {
  it('resumes after a list resourceVersion with exactly the changes since, as chunked JSON events', async () => {
    const { url } = await emulator();
    await call(url, 'POST', SERVICES, service('a'));
    const list = (await call(url, 'GET', SERVICES)).body;
    const listVersion = versionOf(list);
    await call(url, 'PATCH', `${SERVICES}/a`, { metadata: { labels: { changed: 'yes' } } }, merge);
    await call(url, 'POST', SERVICES, service('b'));
    const stream = watch(url, `${SERVICES}?watch=1&resourceVersion=${listVersion}`);
    await stream.waitFor((events) => events.length >= 2);
    await call(url, 'DELETE', `${SERVICES}/a`);
    await stream.waitFor((events) => events.length >= 3);
    expect(await stream.status).toBe(200);
    expect(stream.events.map((event) => [event.type, nameOf(event.object)])).toEqual([
      ['MODIFIED', 'a'],
      ['ADDED', 'b'],
      ['DELETED', 'a']
    ]);
    expect(stream.events[0]?.object).toMatchObject({ kind: 'Service', apiVersion: 'v1' });
    const versions = stream.events.map((event) => Number(versionOf(event.object)));
    expect(versions).toEqual([...versions].sort((x, y) => x - y));
  });

  it('starts with the current objects when no resourceVersion is given, and sendInitialEvents ends them with a bookmark', async () => {
    const { url } = await emulator();
    await call(url, 'POST', SERVICES, service('a'));
    const plain = watch(url, `${SERVICES}?watch=true`);
    await plain.waitFor((events) => events.length >= 1);
    expect(plain.events.map((event) => [event.type, nameOf(event.object)])).toEqual([['ADDED', 'a']]);
    const streaming = watch(url, `${SERVICES}?watch=true&sendInitialEvents=true&resourceVersionMatch=NotOlderThan&allowWatchBookmarks=true`);
    await streaming.waitFor((events) => events.length >= 2);
    expect(streaming.events[0]?.type).toBe('ADDED');
    expect(streaming.events[1]).toMatchObject({ type: 'BOOKMARK', object: { kind: 'Service', metadata: { annotations: { 'k8s.io/initial-events-end': 'true' } } } });
  });

  it('sends BOOKMARK events carrying the current resourceVersion when the client allows them', async () => {
    const { url } = await emulator({ bookmarkIntervalMs: 50 });
    const stream = watch(url, `${SERVICES}?watch=1&allowWatchBookmarks=true&resourceVersion=${versionOf((await call(url, 'GET', SERVICES)).body)}`);
    await call(url, 'POST', '/api/v1/namespaces', { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'elsewhere' } });
    await stream.waitFor((events) => events.some((event) => event.type === 'BOOKMARK'));
    const bookmark = stream.events.find((event) => event.type === 'BOOKMARK');
    const latest = versionOf((await call(url, 'GET', SERVICES)).body);
    expect(bookmark?.object).toMatchObject({ kind: 'Service', apiVersion: 'v1', metadata: { resourceVersion: latest } });
  });

  it('turns label changes into ADDED and DELETED for a selector, as the API server does', async () => {
    const { url } = await emulator();
    await call(url, 'POST', SERVICES, service('a', { tier: 'web' }));
    const stream = watch(url, `${SERVICES}?watch=1&labelSelector=tier%3Dweb&resourceVersion=${versionOf((await call(url, 'GET', SERVICES)).body)}`);
    await call(url, 'PATCH', `${SERVICES}/a`, { metadata: { labels: { tier: 'db' } } }, merge);
    await call(url, 'PATCH', `${SERVICES}/a`, { metadata: { labels: { owner: 'x' } } }, merge);
    await call(url, 'PATCH', `${SERVICES}/a`, { metadata: { labels: { tier: 'web' } } }, merge);
    await stream.waitFor((events) => events.length >= 2);
    expect(stream.events.map((event) => event.type)).toEqual(['DELETED', 'ADDED']);
  });

  it('answers a resourceVersion older than its history with 410 Expired in the stream', async () => {
    const { url } = await emulator({ watchHistory: 3 });
    const old = versionOf((await call(url, 'GET', SERVICES)).body);
    for (const name of ['a', 'b', 'c', 'd', 'e']) await call(url, 'POST', SERVICES, service(name));
    const stream = watch(url, `${SERVICES}?watch=1&resourceVersion=${old}`);
    await stream.ended;
    expect(await stream.status).toBe(200);
    expect(stream.events).toHaveLength(1);
    expect(stream.events[0]?.type).toBe('ERROR');
    expect(stream.events[0]?.object).toMatchObject({ kind: 'Status', status: 'Failure', reason: 'Expired', code: 410, message: expect.stringMatching(new RegExp(`^too old resource version: ${old} \\(\\d+\\)$`)) });
  });

  it('can answer it with the HTTP status 410 instead', async () => {
    const { url } = await emulator({ watchHistory: 1, expiredWatchAs: 'status' });
    const old = versionOf((await call(url, 'GET', SERVICES)).body);
    for (const name of ['a', 'b', 'c']) await call(url, 'POST', SERVICES, service(name));
    const reply = await call(url, 'GET', `${SERVICES}?watch=1&resourceVersion=${old}`);
    expect(reply.status).toBe(410);
    expect(reply.body).toMatchObject({ kind: 'Status', reason: 'Expired', code: 410 });
  });

  it('after a simulated restart drops open watches, resuming from an old resourceVersion is Gone', async () => {
    const emulated = await emulator();
    const { url } = emulated;
    const version = versionOf((await call(url, 'GET', SERVICES)).body);
    const stream = watch(url, `${SERVICES}?watch=1&resourceVersion=${version}`);
    await call(url, 'POST', SERVICES, service('a'));
    await stream.waitFor((events) => events.length === 1);
    emulated.simulateRestart();
    await stream.ended;
    const resumed = watch(url, `${SERVICES}?watch=1&resourceVersion=${versionOf(stream.events[0]?.object ?? {})}`);
    await resumed.ended;
    expect(resumed.events[0]).toMatchObject({ type: 'ERROR', object: { code: 410, reason: 'Expired' } });
    const fresh = versionOf((await call(url, 'GET', SERVICES)).body);
    const relisted = watch(url, `${SERVICES}?watch=1&resourceVersion=${fresh}`);
    await call(url, 'POST', SERVICES, service('b'));
    await relisted.waitFor((events) => events.length === 1);
    expect(relisted.events[0]?.type).toBe('ADDED');
  });

  it('expireWatches ends open watches with an in-stream 410', async () => {
    const emulated = await emulator();
    const stream = watch(emulated.url, `${SERVICES}?watch=1`);
    await stream.status;
    emulated.expireWatches();
    await stream.ended;
    expect(stream.events.at(-1)).toMatchObject({ type: 'ERROR', object: { code: 410 } });
  });
});
