/**
 * Server-side printing (`application/json;as=Table;v=v1;g=meta.k8s.io`): since kubectl 1.x prints what the
 * server's table convertor returns, `kubectl get` shows the same columns as against a cluster only when
 * the emulator builds the same rows (`pkg/printers/internalversion/printers.go`).
 */
import type { JsonObject, JsonValue } from './json';
import { creationTimestampOf, metadataOf, type KubeObject } from './object-meta';
import { apiVersionOf, type ResourceType, type TableColumn } from './resource-type';

export const NAME_COLUMN: TableColumn = {
  name: 'Name',
  type: 'string',
  format: 'name',
  description:
    'Name must be unique within a namespace. Is required when creating resources, although some resources may allow a client to request the generation of an appropriate name automatically. Name is primarily intended for creation idempotence and configuration definition. Cannot be updated. More info: https://kubernetes.io/docs/concepts/overview/working-with-objects/names#names'
};

export const AGE_COLUMN: TableColumn = {
  name: 'Age',
  type: 'string',
  description:
    'CreationTimestamp is a timestamp representing the server time when this object was created. It is not guaranteed to be set in happens-before order across separate operations. Clients may not set this value. It is represented in RFC3339 form and is in UTC.\n\nPopulated by the system. Read-only. Null for lists. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#metadata'
};

/** `duration.HumanDuration` from apimachinery: 45s, 3m20s, 15m, 5h3m, 12h, 3d4h, 40d, 2y10d… */
export function humanDuration(milliseconds: number): string {
  const seconds = Math.floor(milliseconds / 1000);
  if (seconds < -1) return '<invalid>';
  if (seconds < 0) return '0s';
  if (seconds < 120) return `${seconds}s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 10) return seconds % 60 === 0 ? `${minutes}m` : `${minutes}m${seconds % 60}s`;
  if (minutes < 180) return `${minutes}m`;
  const hours = Math.floor(minutes / 60);
  if (hours < 8) return minutes % 60 === 0 ? `${hours}h` : `${hours}h${minutes % 60}m`;
  if (hours < 48) return `${hours}h`;
  if (hours < 24 * 8) return hours % 24 === 0 ? `${Math.floor(hours / 24)}d` : `${Math.floor(hours / 24)}d${hours % 24}h`;
  if (hours < 24 * 365 * 2) return `${Math.floor(hours / 24)}d`;
  if (hours < 24 * 365 * 8) {
    const days = Math.floor(hours / 24) % 365;
    return days === 0 ? `${Math.floor(hours / 24 / 365)}y` : `${Math.floor(hours / 24 / 365)}y${days}d`;
  }
  return `${Math.floor(hours / 24 / 365)}y`;
}

export function ageOf(object: KubeObject, now: Date): string {
  const created = creationTimestampOf(object);
  if (created === '') return '<unknown>';
  return humanDuration(now.getTime() - Date.parse(created));
}

/** `metav1.Table` for objects; each row carries the object's metadata as PartialObjectMetadata. */
export function buildTable(type: ResourceType, objects: readonly KubeObject[], resourceVersion: string, now: Date, includeObject: string): JsonObject {
  return {
    kind: 'Table',
    apiVersion: 'meta.k8s.io/v1',
    metadata: { resourceVersion },
    columnDefinitions: type.table.columns.map(columnJson),
    rows: objects.map((object) => tableRow(type, object, now, includeObject))
  };
}

function tableRow(type: ResourceType, object: KubeObject, now: Date, includeObject: string): JsonObject {
  const row: JsonObject = { cells: type.table.cells(object, now) };
  if (includeObject === 'None') return row;
  if (includeObject === 'Object') {
    row['object'] = { ...object, kind: type.kind, apiVersion: apiVersionOf(type) };
  } else {
    row['object'] = { kind: 'PartialObjectMetadata', apiVersion: 'meta.k8s.io/v1', metadata: metadataOf(object) };
  }
  return row;
}

function columnJson(column: TableColumn): JsonObject {
  const json: JsonObject = { name: column.name, type: column.type, format: column.format ?? '', description: column.description, priority: column.priority ?? 0 };
  return json;
}

export function noneIfEmpty(value: string): string {
  return value === '' ? '<none>' : value;
}

export function containerNamesAndImages(podSpec: JsonValue | undefined): { names: string; images: string } {
  const containers = podSpec && typeof podSpec === 'object' && !Array.isArray(podSpec) ? podSpec['containers'] : undefined;
  const list = Array.isArray(containers) ? containers : [];
  const names: string[] = [];
  const images: string[] = [];
  for (const container of list) {
    if (container && typeof container === 'object' && !Array.isArray(container)) {
      names.push(String(container['name'] ?? ''));
      images.push(String(container['image'] ?? ''));
    }
  }
  return { names: names.join(','), images: images.join(',') };
}
