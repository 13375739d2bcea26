/**
 * The least OpenAPI v2 kubectl 1.27 and 1.28 need: they decide whether the server validates fields by
 * looking for the `fieldValidation` parameter on each kind's PATCH operation in `/openapi/v2`, which they
 * fetch as protobuf (gnostic's `openapi.v2.Document`). Only paths, PATCH operations, their
 * `x-kubernetes-group-version-kind` extension and query parameters are encoded; no definitions.
 * The protobuf is written by hand (field numbers from gnostic's OpenAPIv2.proto) because it is this small.
 */
import type { ResourceType } from '../resource-type';
import type { TypeRegistry } from '../type-registry';

const QUERY_PARAMETERS = ['dryRun', 'fieldManager', 'fieldValidation', 'force', 'pretty'];

function varint(value: number): number[] {
  const bytes: number[] = [];
  let remaining = value >>> 0;
  while (remaining >= 0x80) {
    bytes.push((remaining & 0x7f) | 0x80);
    remaining >>>= 7;
  }
  bytes.push(remaining);
  return bytes;
}

function bytesField(field: number, payload: Buffer): Buffer {
  return Buffer.concat([Buffer.from(varint((field << 3) | 2)), Buffer.from(varint(payload.length)), payload]);
}

function stringField(field: number, value: string): Buffer {
  return bytesField(field, Buffer.from(value, 'utf8'));
}

function boolField(field: number, value: boolean): Buffer {
  return Buffer.from([...varint(field << 3), value ? 1 : 0]);
}

function objectPath(type: ResourceType): string {
  const base = type.group === '' ? `/api/${type.version}` : `/apis/${type.group}/${type.version}`;
  return type.namespaced ? `${base}/namespaces/{namespace}/${type.resource}/{name}` : `${base}/${type.resource}/{name}`;
}

function queryParameter(name: string): Buffer {
  const subSchema = Buffer.concat([stringField(2, 'query'), stringField(4, name), stringField(6, 'string'), boolField(20, true)]);
  const nonBody = bytesField(3, subSchema);
  const parameter = bytesField(2, nonBody);
  return bytesField(1, parameter);
}

function patchOperation(type: ResourceType): Buffer {
  const gvk = `group: ${type.group === '' ? '""' : type.group}\nkind: ${type.kind}\nversion: ${type.version}\n`;
  const extension = Buffer.concat([stringField(1, 'x-kubernetes-group-version-kind'), bytesField(2, stringField(2, gvk))]);
  return Buffer.concat([
    stringField(5, `patch${type.kind}`),
    ...QUERY_PARAMETERS.map((name) => bytesField(8, queryParameter(name))),
    bytesField(13, extension)
  ]);
}

export function openApiV2Protobuf(types: TypeRegistry, serverVersion: string): Buffer {
  const info = Buffer.concat([stringField(1, 'Kubernetes'), stringField(2, serverVersion)]);
  const pathItems = types.all().map((type) => {
    const pathItem = bytesField(8, patchOperation(type));
    return bytesField(2, Buffer.concat([stringField(1, objectPath(type)), bytesField(2, pathItem)]));
  });
  return Buffer.concat([stringField(1, '2.0'), bytesField(2, info), bytesField(8, Buffer.concat(pathItems))]);
}
