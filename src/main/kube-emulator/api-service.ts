/**
 * The API server's write and read semantics over the store, shared by the HTTP front and the built-in
 * controllers: create (names, uid, creationTimestamp, defaults, validation), update (resourceVersion
 * preconditions, generation, the status subresource, no-op updates that change nothing), the three patch
 * types, delete with owner-reference garbage collection, list with selectors.
 */
import { randomUUID } from 'node:crypto';
import {
  ApiError,
  STALE_OBJECT,
  alreadyExists,
  badRequest,
  conflict,
  invalid,
  invalidValue,
  notFound,
  required,
  type FieldError
} from './api-errors';
import { cloneJson, isJsonObject, semanticEqual, type JsonObject, type JsonValue } from './json';
import {
  generationOf,
  kubeTime,
  metadataOf,
  nameOf,
  namespaceOf,
  ownerReferencesOf,
  resourceVersionOf,
  uidOf,
  type KubeObject
} from './object-meta';
import type { ObjectStore } from './object-store';
import { applyJsonPatch } from './patch/json-patch';
import { applyMergePatch } from './patch/merge-patch';
import { applyStrategicMergePatch } from './patch/strategic-merge-patch';
import { apiVersionOf, resourceKey, type ResourceType, type WriteContext } from './resource-type';
import { objectMatches, type FieldRequirement, type Selector } from './selectors';
import type { TypeRegistry } from './type-registry';

export type PatchType = 'json' | 'merge' | 'strategic' | 'apply';

export const PATCH_CONTENT_TYPES: Readonly<Record<string, PatchType>> = {
  'application/json-patch+json': 'json',
  'application/merge-patch+json': 'merge',
  'application/strategic-merge-patch+json': 'strategic',
  'application/apply-patch+yaml': 'apply'
};

export type Subresource = 'status' | 'scale' | null;
export type PropagationPolicy = 'Background' | 'Foreground' | 'Orphan';

export interface DeleteOptions {
  readonly propagationPolicy?: PropagationPolicy;
  readonly preconditions?: { readonly uid?: string; readonly resourceVersion?: string };
}

const NAME_SUFFIX_ALPHABET = 'bcdfghjklmnpqrstvwxz2456789';
const DNS_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const DNS_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const DNS_1035_LABEL = /^[a-z]([-a-z0-9]*[a-z0-9])?$/;

/** The random suffix Kubernetes appends to generated names (`utilrand.String`). */
export function randomSuffix(length = 5): string {
  let suffix = '';
  for (let index = 0; index < length; index++) suffix += NAME_SUFFIX_ALPHABET[Math.floor(Math.random() * NAME_SUFFIX_ALPHABET.length)] ?? 'x';
  return suffix;
}

export class ApiService {
  private nextClusterIp = 10;
  private readonly writeContext: WriteContext = {
    allocateClusterIp: () => {
      const index = this.nextClusterIp++;
      return `10.96.${Math.floor(index / 250)}.${(index % 250) + 1}`;
    }
  };

  constructor(
    readonly store: ObjectStore,
    readonly types: TypeRegistry,
    private readonly clock: () => Date = () => new Date()
  ) {}

  get(type: ResourceType, namespace: string, name: string): KubeObject {
    const object = this.store.get(resourceKey(type), type.namespaced ? namespace : '', name);
    if (!object) throw notFound(type, name);
    return object;
  }

  find(type: ResourceType, namespace: string, name: string): KubeObject | undefined {
    return this.store.get(resourceKey(type), type.namespaced ? namespace : '', name);
  }

  list(type: ResourceType, namespace: string | null, labels: Selector = [], fields: readonly FieldRequirement[] = []): KubeObject[] {
    return this.store.list(resourceKey(type), type.namespaced ? namespace : null).filter((object) => objectMatches(object, labels, fields));
  }

  create(type: ResourceType, namespace: string, body: JsonValue, options: { dryRun?: boolean } = {}): KubeObject {
    const object = this.checkBody(type, body);
    const metadata = metadataOf(object);
    if (type.namespaced) {
      const bodyNamespace = metadata['namespace'];
      if (typeof bodyNamespace === 'string' && bodyNamespace !== '' && bodyNamespace !== namespace) {
        throw badRequest('the namespace of the provided object does not match the namespace sent on the request');
      }
      metadata['namespace'] = namespace;
      this.requireNamespace(namespace);
    } else {
      delete metadata['namespace'];
    }
    if ((typeof metadata['name'] !== 'string' || metadata['name'] === '') && typeof metadata['generateName'] === 'string' && metadata['generateName'] !== '') {
      metadata['name'] = `${metadata['generateName']}${randomSuffix()}`;
    }
    for (const field of ['uid', 'resourceVersion', 'creationTimestamp', 'deletionTimestamp', 'deletionGracePeriodSeconds', 'managedFields', 'selfLink']) delete metadata[field];
    metadata['uid'] = randomUUID();
    metadata['creationTimestamp'] = kubeTime(this.clock());
    if (type.generation !== 'none') metadata['generation'] = 1;
    else delete metadata['generation'];
    type.applyDefaults?.(object);
    type.prepareForCreate?.(object, this.writeContext);
    this.validate(type, object, null);
    if (this.find(type, namespace, nameOf(object))) throw alreadyExists(type, nameOf(object));
    if (options.dryRun) return object;
    return this.store.put(resourceKey(type), object);
  }

  /** PUT of the object (subresource null) or of its status. */
  update(type: ResourceType, namespace: string, name: string, body: JsonValue, subresource: Subresource = null, options: { dryRun?: boolean } = {}): KubeObject {
    const old = this.get(type, namespace, name);
    const incoming = this.checkBody(type, body);
    const incomingName = metadataOf(incoming)['name'];
    if (typeof incomingName === 'string' && incomingName !== name) {
      throw badRequest(`the name of the object (${incomingName}) does not match the name on the URL (${name})`);
    }
    const expectedVersion = metadataOf(incoming)['resourceVersion'];
    if (typeof expectedVersion === 'string' && expectedVersion !== '' && expectedVersion !== resourceVersionOf(old)) {
      throw conflict(type, name, STALE_OBJECT);
    }
    const next = subresource === 'status' ? this.statusUpdate(type, old, incoming) : this.objectUpdate(type, old, incoming);
    return this.write(type, old, next, options);
  }

  /** Read-modify-write for the controllers: `change` edits a copy; nothing is written when it changes nothing. */
  mutate(type: ResourceType, namespace: string, name: string, change: (object: KubeObject) => void, subresource: Subresource = null): KubeObject {
    const old = this.get(type, namespace, name);
    const copy = cloneJson(old);
    change(copy);
    const next = subresource === 'status' ? this.statusUpdate(type, old, copy) : this.objectUpdate(type, old, copy);
    return this.write(type, old, next, {});
  }

  patch(type: ResourceType, namespace: string, name: string, patchType: PatchType, patch: JsonValue, subresource: Subresource = null, options: { dryRun?: boolean } = {}): KubeObject {
    const old = this.get(type, namespace, name);
    const patched = this.applyPatch(type, old, patchType, patch);
    if (!isJsonObject(patched)) throw badRequest('the patch made the object something other than a JSON object');
    const patchedVersion = metadataOf(patched)['resourceVersion'];
    if (typeof patchedVersion === 'string' && patchedVersion !== '' && patchedVersion !== resourceVersionOf(old)) {
      throw conflict(type, name, STALE_OBJECT);
    }
    const patchedName = metadataOf(patched)['name'];
    if (patchedName !== name) throw badRequest(`the name of the object (${String(patchedName)}) does not match the name on the URL (${name})`);
    const next = subresource === 'status' ? this.statusUpdate(type, old, patched) : this.objectUpdate(type, old, patched);
    return this.write(type, old, next, options);
  }

  delete(type: ResourceType, namespace: string, name: string, options: DeleteOptions = {}): KubeObject {
    const old = this.get(type, namespace, name);
    const preconditions = options.preconditions;
    if (preconditions?.uid !== undefined && preconditions.uid !== uidOf(old)) {
      throw conflict(type, name, `Precondition failed: UID in precondition: ${preconditions.uid}, UID in object meta: ${uidOf(old)}`);
    }
    if (preconditions?.resourceVersion !== undefined && preconditions.resourceVersion !== resourceVersionOf(old)) {
      throw conflict(type, name, `Precondition failed: ResourceVersion in precondition: ${preconditions.resourceVersion}, ResourceVersion in meta: ${resourceVersionOf(old)}`);
    }
    if (type.resource === 'namespaces' && type.group === '') return this.deleteNamespace(type, old);
    const removed = this.store.remove(resourceKey(type), type.namespaced ? namespace : '', name);
    if (!removed) throw notFound(type, name);
    this.collectDependents(uidOf(old), options.propagationPolicy ?? 'Background');
    return removed;
  }

  private deleteNamespace(type: ResourceType, namespace: KubeObject): KubeObject {
    const name = nameOf(namespace);
    const terminating = cloneJson(namespace);
    metadataOf(terminating)['deletionTimestamp'] = kubeTime(this.clock());
    terminating['status'] = { phase: 'Terminating' };
    const stored = this.store.put(resourceKey(type), terminating);
    for (const other of this.types.all()) {
      if (!other.namespaced) continue;
      for (const object of this.store.list(resourceKey(other), name)) this.store.remove(resourceKey(other), name, nameOf(object));
    }
    this.store.remove(resourceKey(type), '', name);
    return stored;
  }

  /** The garbage collector: dependents of a deleted owner are deleted too, or orphaned. */
  private collectDependents(ownerUid: string, policy: PropagationPolicy): void {
    for (const type of this.types.all()) {
      for (const object of this.store.list(resourceKey(type), null)) {
        const references = ownerReferencesOf(object);
        if (!references.some((reference) => reference.uid === ownerUid)) continue;
        if (policy === 'Orphan') {
          this.mutate(type, namespaceOf(object), nameOf(object), (copy) => {
            const remaining = (metadataOf(copy)['ownerReferences'] as JsonValue[]).filter((reference) => !(isJsonObject(reference) && reference['uid'] === ownerUid));
            if (remaining.length === 0) delete metadataOf(copy)['ownerReferences'];
            else metadataOf(copy)['ownerReferences'] = remaining;
          });
        } else if (this.store.get(resourceKey(type), namespaceOf(object), nameOf(object))) {
          this.store.remove(resourceKey(type), namespaceOf(object), nameOf(object));
          this.collectDependents(uidOf(object), policy);
        }
      }
    }
  }

  private applyPatch(type: ResourceType, old: KubeObject, patchType: PatchType, patch: JsonValue): JsonValue {
    switch (patchType) {
      case 'json':
        return applyJsonPatch(old, patch);
      case 'merge':
        return applyMergePatch(old, patch);
      case 'strategic':
        if (!type.builtIn) throw unsupportedPatch();
        return applyStrategicMergePatch(old, patch, type.patchSchema);
      case 'apply':
        throw unsupportedPatch();
    }
  }

  private objectUpdate(type: ResourceType, old: KubeObject, incoming: KubeObject): KubeObject {
    const next = cloneJson(incoming);
    next['kind'] = type.kind;
    next['apiVersion'] = apiVersionOf(type);
    const metadata = metadataOf(next);
    const oldMetadata = metadataOf(old);
    for (const field of ['name', 'namespace', 'uid', 'creationTimestamp', 'deletionTimestamp', 'deletionGracePeriodSeconds', 'generation']) {
      const value = oldMetadata[field];
      if (value === undefined) delete metadata[field];
      else metadata[field] = value;
    }
    delete metadata['resourceVersion'];
    if (type.subresources.includes('status')) {
      if (old['status'] === undefined) delete next['status'];
      else next['status'] = old['status'];
    }
    if (type.resource === 'services') carryClusterIp(old, next);
    type.applyDefaults?.(next);
    this.validate(type, next, old);
    if (bumpsGeneration(type, old, next)) metadata['generation'] = generationOf(old) + 1;
    return next;
  }

  private statusUpdate(type: ResourceType, old: KubeObject, incoming: KubeObject): KubeObject {
    const next = cloneJson(old);
    const metadata = metadataOf(next);
    delete metadata['resourceVersion'];
    if (incoming['status'] === undefined) delete next['status'];
    else next['status'] = cloneJson(incoming['status']);
    // The Deployment controller records the revision on the Deployment through a status update.
    if (type.kind === 'Deployment' || type.kind === 'ReplicaSet') {
      const annotations = metadataOf(incoming)['annotations'];
      if (annotations === undefined) delete metadata['annotations'];
      else metadata['annotations'] = cloneJson(annotations);
    }
    return next;
  }

  private write(type: ResourceType, old: KubeObject, next: KubeObject, options: { dryRun?: boolean }): KubeObject {
    const comparableOld = { ...old, metadata: { ...metadataOf(old), resourceVersion: null } };
    const comparableNext = { ...next, metadata: { ...metadataOf(next), resourceVersion: null } };
    if (semanticEqual(comparableOld, comparableNext)) return old;
    if (options.dryRun) return next;
    return this.store.put(resourceKey(type), next);
  }

  private checkBody(type: ResourceType, body: JsonValue): KubeObject {
    if (!isJsonObject(body)) throw badRequest(`Object 'Kind' is missing in '${JSON.stringify(body)}'`);
    const object = cloneJson(body);
    const apiVersion = object['apiVersion'];
    const kind = object['kind'];
    if (typeof apiVersion === 'string' && apiVersion !== '' && apiVersion !== apiVersionOf(type)) {
      throw badRequest(`the API version in the data (${apiVersion}) does not match the expected API version (${apiVersionOf(type)})`);
    }
    if (typeof kind === 'string' && kind !== '' && kind !== type.kind) {
      throw badRequest(`${kind} in version "${type.version}" cannot be handled as a ${type.kind}: no kind "${kind}" is registered for version "${apiVersionOf(type)}"`);
    }
    object['kind'] = type.kind;
    object['apiVersion'] = apiVersionOf(type);
    if (!isJsonObject(object['metadata'])) object['metadata'] = {};
    return object;
  }

  private requireNamespace(namespace: string): void {
    const namespaces = this.types.find('', 'v1', 'namespaces');
    if (namespaces && !this.find(namespaces, '', namespace)) throw notFound(namespaces, namespace);
  }

  private validate(type: ResourceType, object: KubeObject, old: KubeObject | null): void {
    const errors: FieldError[] = [...validateName(type, object), ...(type.validate?.(object, old) ?? [])];
    if (errors.length > 0) throw invalid(type.kind, type.group, nameOf(object), errors);
  }
}

function unsupportedPatch(): ApiError {
  return new ApiError(
    415,
    'UnsupportedMediaType',
    'the body of the request was in an unknown format - accepted media types include: application/json-patch+json, application/merge-patch+json, application/apply-patch+yaml'
  );
}

function validateName(type: ResourceType, object: KubeObject): FieldError[] {
  const name = metadataOf(object)['name'];
  if (typeof name !== 'string' || name === '') return [required('metadata.name', 'name or generateName is required')];
  if (type.kind === 'Service') {
    if (DNS_1035_LABEL.test(name) && name.length <= 63) return [];
    return [invalidValue('metadata.name', JSON.stringify(name), "a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character (e.g. 'my-name',  or 'abc-123', regex used for validation is '[a-z]([-a-z0-9]*[a-z0-9])?')")];
  }
  if (type.kind === 'Namespace') {
    if (DNS_LABEL.test(name) && name.length <= 63) return [];
    return [invalidValue('metadata.name', JSON.stringify(name), "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')")];
  }
  if (DNS_SUBDOMAIN.test(name) && name.length <= 253) return [];
  return [invalidValue('metadata.name', JSON.stringify(name), "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')")];
}

function bumpsGeneration(type: ResourceType, old: KubeObject, next: KubeObject): boolean {
  switch (type.generation) {
    case 'none':
      return false;
    case 'spec':
      return !semanticEqual(old['spec'], next['spec']);
    case 'spec-and-annotations':
      return !semanticEqual(old['spec'], next['spec']) || !semanticEqual(metadataOf(old)['annotations'], metadataOf(next)['annotations']);
    case 'all-but-metadata-and-status': {
      const strip = (object: KubeObject): JsonObject => {
        const copy = { ...object };
        delete copy['metadata'];
        delete copy['status'];
        return copy;
      };
      return !semanticEqual(strip(old), strip(next));
    }
  }
}

function carryClusterIp(old: KubeObject, next: KubeObject): void {
  const oldSpec = old['spec'];
  const nextSpec = next['spec'];
  if (!isJsonObject(oldSpec) || !isJsonObject(nextSpec)) return;
  if (nextSpec['clusterIP'] === undefined || nextSpec['clusterIP'] === '') nextSpec['clusterIP'] = oldSpec['clusterIP'] ?? null;
  if (nextSpec['clusterIPs'] === undefined) nextSpec['clusterIPs'] = oldSpec['clusterIPs'] ?? null;
}
