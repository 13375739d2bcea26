/**
 * The strategic-merge strategies of the built-in kinds the emulator serves, taken from the
 * `patchStrategy`/`patchMergeKey` tags of `k8s.io/api` (only the fields a pod template, a Service or
 * object metadata use; any other list is replaced, as for a field without tags).
 */
import type { FieldStrategy, PatchSchema } from './strategic-merge-patch';

const byKey = (mergeKey: string): FieldStrategy => ({ type: 'merge-by-key', mergeKey });

const POD_SPEC_FIELDS: Readonly<Record<string, FieldStrategy>> = {
  containers: byKey('name'),
  initContainers: byKey('name'),
  ephemeralContainers: byKey('name'),
  'containers.env': byKey('name'),
  'initContainers.env': byKey('name'),
  'ephemeralContainers.env': byKey('name'),
  'containers.ports': byKey('containerPort'),
  'initContainers.ports': byKey('containerPort'),
  'containers.volumeMounts': byKey('mountPath'),
  'initContainers.volumeMounts': byKey('mountPath'),
  'containers.volumeDevices': byKey('devicePath'),
  'initContainers.volumeDevices': byKey('devicePath'),
  volumes: byKey('name'),
  imagePullSecrets: byKey('name'),
  hostAliases: byKey('ip'),
  topologySpreadConstraints: byKey('topologyKey'),
  resourceClaims: byKey('name'),
  schedulingGates: byKey('name')
};

const METADATA_FIELDS: Readonly<Record<string, FieldStrategy>> = {
  finalizers: { type: 'merge-set' },
  ownerReferences: byKey('uid')
};

function lookup(path: readonly string[], table: Readonly<Record<string, FieldStrategy>>, prefix: readonly string[]): FieldStrategy | undefined {
  if (path.length <= prefix.length || !prefix.every((part, index) => path[index] === part)) return undefined;
  return table[path.slice(prefix.length).join('.')];
}

function metadataStrategy(path: readonly string[]): FieldStrategy | undefined {
  return lookup(path, METADATA_FIELDS, ['metadata']) ?? lookup(path, METADATA_FIELDS, ['spec', 'template', 'metadata']);
}

export const podPatchSchema: PatchSchema = (path) =>
  metadataStrategy(path) ?? lookup(path, POD_SPEC_FIELDS, ['spec']) ?? (path.join('.') === 'status.conditions' ? byKey('type') : undefined);

/** Deployments and ReplicaSets: a pod template under spec.template. */
export const workloadPatchSchema: PatchSchema = (path) => {
  const joined = path.join('.');
  if (joined === 'spec.strategy') return { type: 'retain-keys' };
  if (joined === 'status.conditions') return byKey('type');
  return metadataStrategy(path) ?? lookup(path, POD_SPEC_FIELDS, ['spec', 'template', 'spec']);
};

export const servicePatchSchema: PatchSchema = (path) => {
  if (path.join('.') === 'spec.ports') return byKey('port');
  return metadataStrategy(path);
};

export const metadataOnlyPatchSchema: PatchSchema = (path) => metadataStrategy(path);
