import { describe, expect, it } from 'vitest';
import type { JsonObject } from '../json';
import { applyJsonPatch } from './json-patch';
import { applyMergePatch } from './merge-patch';
import { workloadPatchSchema } from './patch-schemas';
import { applyStrategicMergePatch } from './strategic-merge-patch';

const deployment = (): JsonObject => ({
  metadata: { name: 'web', annotations: { a: '1', b: '2' }, finalizers: ['x', 'y'] },
  spec: {
    replicas: 3,
    strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: '25%', maxUnavailable: '25%' } },
    template: {
      metadata: { labels: { app: 'web' } },
      spec: {
        containers: [
          { name: 'app', image: 'app:1', env: [{ name: 'A', value: '1' }, { name: 'B', value: '2' }], ports: [{ containerPort: 80, protocol: 'TCP' }] },
          { name: 'sidecar', image: 'proxy:1' }
        ],
        tolerations: [{ key: 'k', operator: 'Exists' }]
      }
    }
  }
});

describe('merge patch (RFC 7386)', () => {
  it('merges objects, deletes with null and replaces lists', () => {
    const result = applyMergePatch(deployment(), { metadata: { annotations: { a: null, c: '3' } }, spec: { paused: true, template: { spec: { containers: [{ name: 'only', image: 'x' }] } } } }) as JsonObject;
    expect(result['metadata']).toMatchObject({ annotations: { b: '2', c: '3' } });
    expect((result['spec'] as JsonObject)['paused']).toBe(true);
    expect(((result['spec'] as JsonObject)['template'] as JsonObject)['spec']).toEqual({ containers: [{ name: 'only', image: 'x' }], tolerations: [{ key: 'k', operator: 'Exists' }] });
  });
});

describe('JSON patch (RFC 6902)', () => {
  it('applies replace, add, remove, move, copy and test in order — kubectl rollout undo replaces the template and annotations', () => {
    const result = applyJsonPatch(deployment(), [
      { op: 'replace', path: '/spec/template', value: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'app', image: 'app:0' }] } } },
      { op: 'replace', path: '/metadata/annotations', value: { restored: 'yes' } },
      { op: 'add', path: '/metadata/finalizers/-', value: 'z' },
      { op: 'remove', path: '/metadata/finalizers/0' },
      { op: 'copy', from: '/spec/replicas', path: '/spec/minReadySeconds' },
      { op: 'move', from: '/spec/minReadySeconds', path: '/spec/progressDeadlineSeconds' },
      { op: 'test', path: '/spec/progressDeadlineSeconds', value: 3 }
    ]) as JsonObject;
    expect(result['metadata']).toEqual({ name: 'web', annotations: { restored: 'yes' }, finalizers: ['y', 'z'] });
    expect((result['spec'] as JsonObject)['template']).toEqual({ metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'app', image: 'app:0' }] } });
    expect((result['spec'] as JsonObject)['progressDeadlineSeconds']).toBe(3);
  });

  it('fails as the API server does on a missing path or a failed test', () => {
    expect(() => applyJsonPatch(deployment(), [{ op: 'replace', path: '/spec/paused', value: true }])).toThrow('replace operation does not apply: doc is missing key: /spec/paused: missing value');
    expect(() => applyJsonPatch(deployment(), [{ op: 'test', path: '/spec/replicas', value: 4 }])).toThrow('testing value /spec/replicas failed: test failed');
    expect(() => applyJsonPatch(deployment(), { op: 'add' })).toThrow(/cannot unmarshal object/);
  });
});

describe('strategic merge patch', () => {
  it('merges containers by name, as kubectl set image sends it (with $setElementOrder)', () => {
    const result = applyStrategicMergePatch(
      deployment(),
      { spec: { template: { spec: { '$setElementOrder/containers': [{ name: 'app' }, { name: 'sidecar' }], containers: [{ image: 'app:2', name: 'app' }] } } } },
      workloadPatchSchema
    ) as JsonObject;
    const containers = ((((result['spec'] as JsonObject)['template'] as JsonObject)['spec'] as JsonObject)['containers']) as JsonObject[];
    expect(containers.map((container) => [container['name'], container['image']])).toEqual([
      ['app', 'app:2'],
      ['sidecar', 'proxy:1']
    ]);
    expect(containers[0]?.['env']).toEqual([{ name: 'A', value: '1' }, { name: 'B', value: '2' }]);
  });

  it('merges env by name, deletes list elements with $patch: delete and reorders by $setElementOrder', () => {
    const result = applyStrategicMergePatch(
      deployment(),
      {
        spec: {
          template: {
            spec: {
              containers: [
                { name: 'app', env: [{ name: 'B', value: '20' }, { name: 'C', value: '3' }, { name: 'A', $patch: 'delete' }], '$setElementOrder/env': [{ name: 'C' }, { name: 'B' }] },
                { name: 'sidecar', $patch: 'delete' }
              ]
            }
          }
        }
      },
      workloadPatchSchema
    ) as JsonObject;
    const containers = ((((result['spec'] as JsonObject)['template'] as JsonObject)['spec'] as JsonObject)['containers']) as JsonObject[];
    expect(containers).toHaveLength(1);
    expect(containers[0]?.['env']).toEqual([{ name: 'C', value: '3' }, { name: 'B', value: '20' }]);
  });

  it('replaces lists without a merge strategy, honours $retainKeys (strategy switched to Recreate) and deletes from primitive lists', () => {
    const result = applyStrategicMergePatch(
      deployment(),
      {
        metadata: { '$deleteFromPrimitiveList/finalizers': ['x'], annotations: { a: null } },
        spec: { strategy: { $retainKeys: ['type'], type: 'Recreate', rollingUpdate: null }, template: { spec: { tolerations: [{ key: 'other', operator: 'Exists' }] } } }
      },
      workloadPatchSchema
    ) as JsonObject;
    expect(result['metadata']).toEqual({ name: 'web', annotations: { b: '2' }, finalizers: ['y'] });
    expect((result['spec'] as JsonObject)['strategy']).toEqual({ type: 'Recreate' });
    expect((((result['spec'] as JsonObject)['template'] as JsonObject)['spec'] as JsonObject)['tolerations']).toEqual([{ key: 'other', operator: 'Exists' }]);
  });

  it('replaces a whole map with $patch: replace and refuses list elements without their merge key', () => {
    const result = applyStrategicMergePatch(deployment(), { metadata: { annotations: { $patch: 'replace', only: 'this' } } }, workloadPatchSchema) as JsonObject;
    expect((result['metadata'] as JsonObject)['annotations']).toEqual({ only: 'this' });
    expect(() => applyStrategicMergePatch(deployment(), { spec: { template: { spec: { containers: [{ image: 'x' }] } } } }, workloadPatchSchema)).toThrow('does not contain declared merge key: name');
  });
});
