import { afterEach, describe, expect, it } from 'vitest';
import { startKubeEmulator, type KubeEmulator } from './emulator';
import { call, eventually } from './emulator-test-client';
import type { JsonObject } from './json';

const emulators: KubeEmulator[] = [];
async function emulator(options: Parameters<typeof startKubeEmulator>[0] = {}): Promise<KubeEmulator> {
  const started = await startKubeEmulator({ podReadyDelayMs: 20, ...options });
  emulators.push(started);
  return started;
}
afterEach(async () => {
  await Promise.all(emulators.splice(0).map((started) => started.stop()));
});

const DEPLOYMENTS = '/apis/apps/v1/namespaces/default/deployments';

function deployment(name: string, image = 'app:1', replicas = 2): JsonObject {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name },
    spec: { replicas, selector: { matchLabels: { app: name } }, template: { metadata: { labels: { app: name } }, spec: { containers: [{ name: 'app', image }] } } }
  };
}

describe('errors in the Status format', () => {
  it('answers 404, 409 AlreadyExists, 409 Conflict on a stale resourceVersion and 422 Invalid with causes', async () => {
    const { url } = await emulator();
    const missing = await call(url, 'GET', `${DEPLOYMENTS}/nope`);
    expect(missing.status).toBe(404);
    expect(missing.body).toEqual({ kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message: 'deployments.apps "nope" not found', reason: 'NotFound', details: { name: 'nope', group: 'apps', kind: 'deployments' }, code: 404 });

    const created = await call(url, 'POST', DEPLOYMENTS, deployment('web'));
    expect(created.status).toBe(201);
    const again = await call(url, 'POST', DEPLOYMENTS, deployment('web'));
    expect(again.status).toBe(409);
    expect(again.body).toMatchObject({ reason: 'AlreadyExists', message: 'deployments.apps "web" already exists', code: 409 });

    const stale = { ...created.body, metadata: { ...(created.body['metadata'] as JsonObject), resourceVersion: '1' } };
    const conflict = await call(url, 'PUT', `${DEPLOYMENTS}/web`, stale);
    expect(conflict.status).toBe(409);
    expect(conflict.body).toMatchObject({
      reason: 'Conflict',
      message: 'Operation cannot be fulfilled on deployments.apps "web": the object has been modified; please apply your changes to the latest version and try again'
    });

    const invalid = await call(url, 'POST', DEPLOYMENTS, { ...deployment('bad'), spec: { replicas: -1, selector: { matchLabels: { app: 'x' } }, template: { metadata: { labels: { app: 'y' } }, spec: { containers: [{ name: 'app' }] } } } });
    expect(invalid.status).toBe(422);
    expect(invalid.body['reason']).toBe('Invalid');
    expect(invalid.body['message']).toBe(
      'Deployment.apps "bad" is invalid: [spec.replicas: Invalid value: -1: must be greater than or equal to 0, spec.template.metadata.labels: Invalid value: map[string]string{"app":"y"}: `selector` does not match template `labels`, spec.template.spec.containers[0].image: Required value]'
    );
    expect((invalid.body['details'] as JsonObject)['causes']).toEqual([
      { reason: 'FieldValueInvalid', message: 'Invalid value: -1: must be greater than or equal to 0', field: 'spec.replicas' },
      { reason: 'FieldValueInvalid', message: 'Invalid value: map[string]string{"app":"y"}: `selector` does not match template `labels`', field: 'spec.template.metadata.labels' },
      { reason: 'FieldValueRequired', message: 'Required value', field: 'spec.template.spec.containers[0].image' }
    ]);

    const immutable = await call(url, 'PATCH', `${DEPLOYMENTS}/web`, { spec: { selector: { matchLabels: { app: 'other' } } } }, { 'Content-Type': 'application/merge-patch+json' });
    expect(immutable.status).toBe(422);
    expect(immutable.body['message']).toContain('spec.selector: Invalid value: v1.LabelSelector{MatchLabels:map[string]string{"app":"other"}, MatchExpressions:[]v1.LabelSelectorRequirement(nil)}: field is immutable');

    const unknownPatch = await call(url, 'PATCH', `${DEPLOYMENTS}/web`, { spec: {} }, { 'Content-Type': 'text/plain' });
    expect(unknownPatch.status).toBe(415);
    const wrongNamespace = await call(url, 'POST', '/apis/apps/v1/namespaces/nowhere/deployments', deployment('web'));
    expect(wrongNamespace.body).toMatchObject({ code: 404, reason: 'NotFound', message: 'namespaces "nowhere" not found' });
    const unknownPath = await call(url, 'GET', '/apis/example.com/v1/widgets');
    expect(unknownPath.body).toEqual({ kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message: 'the server could not find the requested resource', reason: 'NotFound', details: {}, code: 404 });
  });
});

describe('writes', () => {
  it('sets uid, creationTimestamp, generation and a global resourceVersion; bumps generation on spec or annotation changes only', async () => {
    const { url } = await emulator();
    const created = (await call(url, 'POST', DEPLOYMENTS, deployment('web'))).body;
    const metadata = created['metadata'] as JsonObject;
    expect(metadata['generation']).toBe(1);
    expect(metadata['creationTimestamp']).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    const other = (await call(url, 'POST', '/api/v1/namespaces/default/services', { apiVersion: 'v1', kind: 'Service', metadata: { name: 'web' }, spec: { selector: { app: 'web' }, ports: [{ port: 80 }] } })).body;
    expect(Number((other['metadata'] as JsonObject)['resourceVersion'])).toBeGreaterThan(Number(metadata['resourceVersion']));
    expect(other['spec']).toMatchObject({ type: 'ClusterIP', clusterIP: expect.stringMatching(/^10\.96\./), ports: [{ port: 80, protocol: 'TCP', targetPort: 80 }] });

    const merge = { 'Content-Type': 'application/merge-patch+json' };
    const labelled = (await call(url, 'PATCH', `${DEPLOYMENTS}/web`, { metadata: { labels: { team: 'a' } } }, merge)).body;
    expect((labelled['metadata'] as JsonObject)['generation']).toBe(1);
    const annotated = (await call(url, 'PATCH', `${DEPLOYMENTS}/web`, { metadata: { annotations: { 'kubernetes.io/change-cause': 'x' } } }, merge)).body;
    expect((annotated['metadata'] as JsonObject)['generation']).toBe(2);
    const scaled = (await call(url, 'PATCH', `${DEPLOYMENTS}/web`, { spec: { replicas: 3 } }, { 'Content-Type': 'application/strategic-merge-patch+json' })).body;
    expect((scaled['metadata'] as JsonObject)['generation']).toBe(3);
    const before = (await call(url, 'GET', `${DEPLOYMENTS}/web`)).body;
    const noChange = (await call(url, 'PATCH', `${DEPLOYMENTS}/web`, { spec: { replicas: 3 } }, merge)).body;
    expect((noChange['metadata'] as JsonObject)['resourceVersion']).toBe((before['metadata'] as JsonObject)['resourceVersion']);
    const statusIgnored = (await call(url, 'PATCH', `${DEPLOYMENTS}/web`, { status: { replicas: 99 } }, merge)).body;
    expect((statusIgnored['status'] as JsonObject)['replicas']).not.toBe(99);
  });

  it('serves the scale subresource and lists with limit and continue', async () => {
    const { url } = await emulator();
    for (const name of ['a', 'b', 'c']) await call(url, 'POST', DEPLOYMENTS, deployment(name));
    const scale = await call(url, 'PATCH', `${DEPLOYMENTS}/b/scale`, { spec: { replicas: 5 } }, { 'Content-Type': 'application/merge-patch+json' });
    expect(scale.body).toMatchObject({ kind: 'Scale', apiVersion: 'autoscaling/v1', spec: { replicas: 5 }, status: { selector: 'app=b' } });
    const first = (await call(url, 'GET', `${DEPLOYMENTS}?limit=2`)).body;
    expect((first['items'] as JsonObject[]).map((item) => (item['metadata'] as JsonObject)['name'])).toEqual(['a', 'b']);
    expect((first['items'] as JsonObject[])[0]?.['kind']).toBeUndefined();
    const token = String((first['metadata'] as JsonObject)['continue']);
    expect((first['metadata'] as JsonObject)['remainingItemCount']).toBe(1);
    const rest = (await call(url, 'GET', `${DEPLOYMENTS}?limit=2&continue=${token}`)).body;
    expect((rest['items'] as JsonObject[]).map((item) => (item['metadata'] as JsonObject)['name'])).toEqual(['c']);
    expect((await call(url, 'GET', `${DEPLOYMENTS}/b`)).body['spec']).toMatchObject({ replicas: 5 });
  });

  it('deletes dependents with their owner (background), orphans them when asked, and empties a deleted namespace', async () => {
    const { url } = await emulator();
    await call(url, 'POST', DEPLOYMENTS, deployment('gone'));
    await call(url, 'POST', DEPLOYMENTS, deployment('kept'));
    await eventually(async () => {
      const pods = (await call(url, 'GET', '/api/v1/namespaces/default/pods')).body['items'] as JsonObject[];
      return pods.length === 4 ? true : undefined;
    });
    const deleted = await call(url, 'DELETE', `${DEPLOYMENTS}/gone`);
    expect(deleted.body).toMatchObject({ kind: 'Status', status: 'Success', details: { name: 'gone', group: 'apps', kind: 'deployments' } });
    const orphaned = await call(url, 'DELETE', `${DEPLOYMENTS}/kept`, { propagationPolicy: 'Orphan' });
    expect(orphaned.status).toBe(200);
    const replicaSets = (await call(url, 'GET', '/apis/apps/v1/namespaces/default/replicasets')).body['items'] as JsonObject[];
    expect(replicaSets.map((item) => String((item['metadata'] as JsonObject)['name']))).toEqual([expect.stringMatching(/^kept-/)]);
    expect((replicaSets[0]?.['metadata'] as JsonObject)['ownerReferences']).toBeUndefined();
    const pods = (await call(url, 'GET', '/api/v1/namespaces/default/pods')).body['items'] as JsonObject[];
    expect(pods).toHaveLength(2);

    await call(url, 'POST', '/api/v1/namespaces', { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'team' } });
    await call(url, 'POST', '/apis/apps/v1/namespaces/team/deployments', deployment('x'));
    const namespace = await call(url, 'DELETE', '/api/v1/namespaces/team');
    expect(namespace.body).toMatchObject({ kind: 'Namespace', status: { phase: 'Terminating' } });
    expect((await call(url, 'GET', '/apis/apps/v1/namespaces/team/deployments')).body['items']).toEqual([]);
    expect((await call(url, 'GET', '/api/v1/namespaces/team')).status).toBe(404);
  });
});

describe('bearer tokens', () => {
  it('answers 401 without a known token and 403 per verb the token may not use', async () => {
    const url = await emulator({ tokens: { admin: { user: 'admin', verbs: '*' }, viewer: { user: 'viewer', verbs: ['get', 'list', 'watch'] } } });
    expect(url.url).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
    expect((await call(url, 'GET', DEPLOYMENTS)).body).toEqual({ kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message: 'Unauthorized', reason: 'Unauthorized', code: 401 });
    expect((await call(url, 'GET', DEPLOYMENTS, undefined, { Authorization: 'Bearer wrong' })).status).toBe(401);
    expect((await call(url, 'GET', '/version')).status).toBe(200);
    expect((await call(url, 'POST', DEPLOYMENTS, deployment('web'), { Authorization: 'Bearer admin' })).status).toBe(201);
    expect((await call(url, 'GET', `${DEPLOYMENTS}/web`, undefined, { Authorization: 'Bearer viewer' })).status).toBe(200);
    const denied = await call(url, 'PATCH', `${DEPLOYMENTS}/web`, { spec: { paused: true } }, { Authorization: 'Bearer viewer', 'Content-Type': 'application/strategic-merge-patch+json' });
    expect(denied.body).toEqual({
      kind: 'Status',
      apiVersion: 'v1',
      metadata: {},
      status: 'Failure',
      message: 'deployments.apps "web" is forbidden: User "viewer" cannot patch resource "deployments" in API group "apps" in the namespace "default"',
      reason: 'Forbidden',
      details: { name: 'web', group: 'apps', kind: 'deployments' },
      code: 403
    });
    expect((await call(url, 'GET', '/api/v1/namespaces/default/pods', undefined, { Authorization: 'Bearer viewer' })).status).toBe(200);
    url.setTokens({ admin: { user: 'admin', verbs: '*' } });
    expect((await call(url, 'GET', '/api/v1/namespaces/default/pods', undefined, { Authorization: 'Bearer viewer' })).status).toBe(401);
  });
});

describe('discovery and tables', () => {
  it('serves aggregated discovery when asked for it and the legacy documents otherwise', async () => {
    const { url } = await emulator();
    const aggregated = await call(url, 'GET', '/apis', undefined, { Accept: 'application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList,application/json' });
    expect(aggregated.contentType).toBe('application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList');
    const apps = (aggregated.body['items'] as JsonObject[]).find((item) => (item['metadata'] as JsonObject)['name'] === 'apps');
    const resources = ((apps?.['versions'] as JsonObject[])[0]?.['resources'] as JsonObject[]).map((resource) => resource['resource']);
    expect(resources).toEqual(expect.arrayContaining(['deployments', 'replicasets']));
    const legacy = await call(url, 'GET', '/apis/apps/v1');
    expect(legacy.body).toMatchObject({ kind: 'APIResourceList', groupVersion: 'apps/v1' });
    expect((legacy.body['resources'] as JsonObject[]).map((resource) => resource['name'])).toEqual(expect.arrayContaining(['deployments', 'deployments/status', 'deployments/scale']));
    expect((await call(url, 'GET', '/api')).body).toMatchObject({ kind: 'APIVersions', versions: ['v1'] });
    expect((await call(url, 'GET', '/version')).body).toMatchObject({ major: '1', minor: '33', gitVersion: 'v1.33.0' });
  });

  it('prints Tables with the columns kubectl get shows', async () => {
    const { url } = await emulator();
    await call(url, 'POST', DEPLOYMENTS, deployment('web', 'app:1', 2));
    const table = await eventually(async () => {
      const reply = await call(url, 'GET', DEPLOYMENTS, undefined, { Accept: 'application/json;as=Table;v=v1;g=meta.k8s.io,application/json' });
      const rows = reply.body['rows'] as JsonObject[];
      return (rows[0]?.['cells'] as unknown[])[1] === '2/2' ? reply : undefined;
    });
    expect(table.contentType).toBe('application/json;as=Table;v=v1;g=meta.k8s.io');
    expect((table.body['columnDefinitions'] as JsonObject[]).map((column) => column['name'])).toEqual(['Name', 'Ready', 'Up-to-date', 'Available', 'Age', 'Containers', 'Images', 'Selector']);
    expect((table.body['rows'] as JsonObject[])[0]).toMatchObject({ cells: ['web', '2/2', 2, 2, expect.stringMatching(/^\d+s$/), 'app', 'app:1', 'app=web'], object: { kind: 'PartialObjectMetadata' } });
  });
});
