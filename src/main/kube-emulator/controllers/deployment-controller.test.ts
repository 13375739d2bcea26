import { afterEach, describe, expect, it } from 'vitest';
import { startKubeEmulator, type KubeEmulator } from '../emulator';
import { call, eventually, openWatch, type WatchHandle } from '../emulator-test-client';
import type { JsonObject } from '../json';

const emulators: KubeEmulator[] = [];
const watches: WatchHandle[] = [];
afterEach(async () => {
  for (const handle of watches.splice(0)) handle.close();
  await Promise.all(emulators.splice(0).map((started) => started.stop()));
});
async function emulator(podReadyDelayMs = 15): Promise<string> {
  const started = await startKubeEmulator({ podReadyDelayMs });
  emulators.push(started);
  return started.url;
}

const DEPLOYMENTS = '/apis/apps/v1/namespaces/default/deployments';
const REPLICA_SETS = '/apis/apps/v1/namespaces/default/replicasets';
const strategic = { 'Content-Type': 'application/strategic-merge-patch+json' };

function deployment(name: string, replicas: number, strategy: JsonObject): JsonObject {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name },
    spec: { replicas, strategy, selector: { matchLabels: { app: name } }, template: { metadata: { labels: { app: name } }, spec: { containers: [{ name: 'app', image: 'app:1' }] } } }
  };
}

async function replicaSets(url: string, name: string): Promise<{ image: string; replicas: number; available: number }[]> {
  const items = (await call(url, 'GET', `${REPLICA_SETS}?labelSelector=app%3D${name}`)).body['items'] as JsonObject[];
  return items
    .map((item) => ({
      image: String((((item['spec'] as JsonObject)['template'] as JsonObject)['spec'] as { containers: { image: string }[] }).containers[0]?.image),
      replicas: Number((item['spec'] as JsonObject)['replicas']),
      available: Number((item['status'] as JsonObject)['availableReplicas'] ?? 0)
    }))
    .sort((a, b) => a.image.localeCompare(b.image));
}

async function rolledOut(url: string, name: string): Promise<JsonObject> {
  return eventually(async () => {
    const body = (await call(url, 'GET', `${DEPLOYMENTS}/${name}`)).body;
    const conditions = ((body['status'] as JsonObject)['conditions'] as JsonObject[] | undefined) ?? [];
    return conditions.some((condition) => condition['type'] === 'Progressing' && condition['reason'] === 'NewReplicaSetAvailable') &&
      (body['status'] as JsonObject)['updatedReplicas'] === (body['spec'] as JsonObject)['replicas'] &&
      (body['status'] as JsonObject)['replicas'] === (body['spec'] as JsonObject)['replicas']
      ? body
      : undefined;
  }, 10_000);
}

const neverReady = { spec: { template: { metadata: { annotations: { 'emulator.shipdeck.dev/never-ready': 'true' } }, spec: { containers: [{ name: 'app', image: 'app:2' }] } } } };

describe('the Deployment controller', () => {
  it('stops a rollout of pods that never become ready where the real controller does: 10 replicas, maxSurge 3, maxUnavailable 2 → old 8, new 5', async () => {
    const url = await emulator();
    await call(url, 'POST', DEPLOYMENTS, deployment('web', 10, { type: 'RollingUpdate', rollingUpdate: { maxSurge: 3, maxUnavailable: 2 } }));
    await rolledOut(url, 'web');
    await call(url, 'PATCH', `${DEPLOYMENTS}/web`, neverReady, strategic);
    const settled = await eventually(async () => {
      const sets = await replicaSets(url, 'web');
      return sets[0]?.replicas === 8 && sets[1]?.replicas === 5 ? sets : undefined;
    });
    expect(settled).toEqual([
      { image: 'app:1', replicas: 8, available: 8 },
      { image: 'app:2', replicas: 5, available: 0 }
    ]);
    const status = await eventually(async () => {
      const body = (await call(url, 'GET', `${DEPLOYMENTS}/web`)).body['status'] as JsonObject;
      return body['replicas'] === 13 && body['availableReplicas'] === 8 ? body : undefined;
    });
    expect(status).toMatchObject({ replicas: 13, updatedReplicas: 5, availableReplicas: 8, unavailableReplicas: 5 });
    expect((status['conditions'] as JsonObject[]).find((condition) => condition['type'] === 'Available')).toMatchObject({ status: 'True', reason: 'MinimumReplicasAvailable' });

    // Scaling mid-rollout spreads the new replicas proportionally (the documented example: 3 to old, 2 to new).
    await call(url, 'PATCH', `${DEPLOYMENTS}/web`, { spec: { replicas: 15 } }, strategic);
    const scaled = await eventually(async () => {
      const sets = await replicaSets(url, 'web');
      return sets[0]?.replicas === 11 ? sets : undefined;
    });
    expect(scaled.map((set) => set.replicas)).toEqual([11, 7]);
  });

  it('never exceeds maxSurge nor drops below maxUnavailable while rolling (maxSurge 1, maxUnavailable 0)', async () => {
    const url = await emulator(10);
    await call(url, 'POST', DEPLOYMENTS, deployment('api', 4, { type: 'RollingUpdate', rollingUpdate: { maxSurge: 1, maxUnavailable: 0 } }));
    await rolledOut(url, 'api');
    const stream = openWatch(url, `${REPLICA_SETS}?watch=1&labelSelector=app%3Dapi`);
    watches.push(stream);
    await stream.waitFor((events) => events.length >= 1);
    await call(url, 'PATCH', `${DEPLOYMENTS}/api`, { spec: { template: { spec: { containers: [{ name: 'app', image: 'app:2' }] } } } }, strategic);
    await rolledOut(url, 'api');
    await stream.waitFor((events) => events.some((event) => event.type === 'MODIFIED' && (event.object['spec'] as JsonObject)['replicas'] === 0));
    const latest = new Map<string, JsonObject>();
    let maxTotal = 0;
    let minAvailable = Infinity;
    for (const event of stream.events) {
      latest.set(String((event.object['metadata'] as JsonObject)['name']), event.object);
      const all = [...latest.values()];
      if (all.length < 2) continue;
      maxTotal = Math.max(maxTotal, all.reduce((sum, set) => sum + Number((set['spec'] as JsonObject)['replicas']), 0));
      minAvailable = Math.min(minAvailable, all.reduce((sum, set) => sum + Number((set['status'] as JsonObject)['availableReplicas'] ?? 0), 0));
    }
    expect(maxTotal).toBe(5);
    expect(minAvailable).toBe(4);
  });

  it('scales the old ReplicaSet to zero before creating the new one with the Recreate strategy', async () => {
    const url = await emulator();
    await call(url, 'POST', DEPLOYMENTS, deployment('batch', 2, { type: 'Recreate' }));
    await rolledOut(url, 'batch');
    const stream = openWatch(url, `${REPLICA_SETS}?watch=1&labelSelector=app%3Dbatch`);
    watches.push(stream);
    await stream.waitFor((events) => events.length >= 1);
    await call(url, 'PATCH', `${DEPLOYMENTS}/batch`, { spec: { template: { spec: { containers: [{ name: 'app', image: 'app:2' }] } } } }, strategic);
    await rolledOut(url, 'batch');
    const added = stream.events.findIndex((event, index) => index > 0 && event.type === 'ADDED');
    const oldDrained = stream.events.findIndex((event) => event.type === 'MODIFIED' && (event.object['status'] as JsonObject)['replicas'] === 0);
    expect(oldDrained).toBeGreaterThan(0);
    expect(added).toBeGreaterThan(oldDrained);
  });

  it('counts a ready pod as available only after minReadySeconds', async () => {
    const url = await emulator();
    await call(url, 'POST', DEPLOYMENTS, { ...deployment('slow', 2, { type: 'RollingUpdate' }), spec: { ...(deployment('slow', 2, { type: 'RollingUpdate' })['spec'] as JsonObject), minReadySeconds: 2 } });
    const ready = await eventually(async () => {
      const body = (await call(url, 'GET', `${DEPLOYMENTS}/slow`)).body['status'] as JsonObject;
      return body['readyReplicas'] === 2 ? body : undefined;
    });
    expect(ready['availableReplicas']).toBeUndefined();
    expect(((ready['conditions'] as JsonObject[]).find((condition) => condition['type'] === 'Available'))).toMatchObject({ status: 'False', reason: 'MinimumReplicasUnavailable' });
    const available = await eventually(async () => {
      const body = (await call(url, 'GET', `${DEPLOYMENTS}/slow`)).body['status'] as JsonObject;
      return body['availableReplicas'] === 2 ? body : undefined;
    }, 6000);
    expect(((available['conditions'] as JsonObject[]).find((condition) => condition['type'] === 'Available'))).toMatchObject({ status: 'True' });
  });

  it('recognises the never-ready environment variable in a container', async () => {
    const url = await emulator();
    await call(url, 'POST', DEPLOYMENTS, {
      ...deployment('stuck', 1, { type: 'RollingUpdate' }),
      spec: { replicas: 1, selector: { matchLabels: { app: 'stuck' } }, template: { metadata: { labels: { app: 'stuck' } }, spec: { containers: [{ name: 'app', image: 'app:1', env: [{ name: 'EMULATOR_NEVER_READY', value: 'true' }] }] } } }
    });
    const pod = await eventually(async () => {
      const items = (await call(url, 'GET', '/api/v1/namespaces/default/pods?labelSelector=app%3Dstuck')).body['items'] as JsonObject[];
      const first = items[0];
      return first && (first['status'] as JsonObject)['phase'] === 'Running' ? first : undefined;
    });
    expect(((pod['status'] as JsonObject)['conditions'] as JsonObject[]).find((condition) => condition['type'] === 'Ready')).toMatchObject({ status: 'False', reason: 'ContainersNotReady' });
    expect(((await call(url, 'GET', `${DEPLOYMENTS}/stuck`)).body['status'] as JsonObject)['availableReplicas']).toBeUndefined();
  });
});
