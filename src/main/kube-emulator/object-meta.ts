/** Readers and writers for the metadata every Kubernetes object carries, over plain JSON objects. */
import { isJsonObject, objectAt, stringMap, type JsonObject, type JsonValue } from './json';

/** A stored object: always has apiVersion, kind and metadata with at least a name. */
export type KubeObject = JsonObject;

export function metadataOf(object: KubeObject): JsonObject {
  return objectAt(object, ['metadata']);
}

export function nameOf(object: KubeObject): string {
  const name = metadataOf(object)['name'];
  return typeof name === 'string' ? name : '';
}

export function namespaceOf(object: KubeObject): string {
  const namespace = metadataOf(object)['namespace'];
  return typeof namespace === 'string' ? namespace : '';
}

export function uidOf(object: KubeObject): string {
  const uid = metadataOf(object)['uid'];
  return typeof uid === 'string' ? uid : '';
}

export function resourceVersionOf(object: KubeObject): string {
  const version = metadataOf(object)['resourceVersion'];
  return typeof version === 'string' ? version : '';
}

export function generationOf(object: KubeObject): number {
  const generation = metadataOf(object)['generation'];
  return typeof generation === 'number' ? generation : 0;
}

export function creationTimestampOf(object: KubeObject): string {
  const created = metadataOf(object)['creationTimestamp'];
  return typeof created === 'string' ? created : '';
}

export function labelsOf(object: KubeObject): Record<string, string> {
  return stringMap(metadataOf(object)['labels']);
}

export function annotationsOf(object: KubeObject): Record<string, string> {
  return stringMap(metadataOf(object)['annotations']);
}

export function setAnnotation(object: KubeObject, key: string, value: string): void {
  objectAt(metadataOf(object), ['annotations'])[key] = value;
}

export function isBeingDeleted(object: KubeObject): boolean {
  return typeof metadataOf(object)['deletionTimestamp'] === 'string';
}

export interface OwnerReference {
  readonly apiVersion: string;
  readonly kind: string;
  readonly name: string;
  readonly uid: string;
  readonly controller: boolean;
}

export function ownerReferencesOf(object: KubeObject): OwnerReference[] {
  const references = metadataOf(object)['ownerReferences'];
  if (!Array.isArray(references)) return [];
  return references.filter(isJsonObject).map((reference) => ({
    apiVersion: String(reference['apiVersion'] ?? ''),
    kind: String(reference['kind'] ?? ''),
    name: String(reference['name'] ?? ''),
    uid: String(reference['uid'] ?? ''),
    controller: reference['controller'] === true
  }));
}

/** The owner reference a controller puts on what it creates (`metav1.NewControllerRef`). */
export function controllerReference(owner: KubeObject): JsonObject {
  return {
    apiVersion: String(owner['apiVersion']),
    kind: String(owner['kind']),
    name: nameOf(owner),
    uid: uidOf(owner),
    controller: true,
    blockOwnerDeletion: true
  };
}

export function isControlledBy(object: KubeObject, owner: KubeObject): boolean {
  return ownerReferencesOf(object).some((reference) => reference.controller && reference.uid === uidOf(owner));
}

/** Kubernetes time format: RFC 3339 in UTC with second precision (`metav1.Time`). */
export function kubeTime(date: Date = new Date()): string {
  return `${date.toISOString().slice(0, 19)}Z`;
}

/** A number at `path` in the object (a count in spec or status), 0 when absent. */
export function numberAt(object: JsonValue | undefined, ...path: string[]): number {
  let current: JsonValue | undefined = object;
  for (const key of path) {
    if (!isJsonObject(current)) return 0;
    current = current[key];
  }
  return typeof current === 'number' ? current : 0;
}
