/**
 * The least OpenAPI v3 that kubectl's commands need: per group version, the object paths with their
 * PATCH operation carrying `x-kubernetes-group-version-kind`, the `fieldValidation` query parameter and
 * the patch media types. With that, kubectl (1.27+) sees that the server validates fields itself and
 * skips downloading schemas for client-side validation, and `kubectl apply` computes its strategic merge
 * patch from its built-in types. No component schemas are published, so `kubectl explain` has nothing to
 * show (see README). OpenAPI v2 (served as protobuf by real servers) is not served.
 */
import { createHash } from 'node:crypto';
import type { JsonObject } from '../json';
import type { ResourceType } from '../resource-type';
import type { TypeRegistry } from '../type-registry';

const QUERY_PARAMETERS = ['dryRun', 'fieldManager', 'fieldValidation', 'force', 'pretty'];

function groupVersionPath(group: string, version: string): string {
  return group === '' ? `api/${version}` : `apis/${group}/${version}`;
}

function objectPath(type: ResourceType): string {
  const base = `/${groupVersionPath(type.group, type.version)}`;
  return type.namespaced ? `${base}/namespaces/{namespace}/${type.resource}/{name}` : `${base}/${type.resource}/{name}`;
}

function patchOperation(type: ResourceType): JsonObject {
  const media = ['application/apply-patch+yaml', 'application/json-patch+json', 'application/merge-patch+json'];
  if (type.builtIn) media.push('application/strategic-merge-patch+json');
  const content: JsonObject = {};
  for (const mediaType of media) content[mediaType] = { schema: { type: 'object' } };
  return {
    operationId: `patch${type.kind}`,
    parameters: QUERY_PARAMETERS.map((name) => ({ name, in: 'query', schema: { type: 'string', uniqueItems: true } })),
    requestBody: { content, required: true },
    responses: { '200': { description: 'OK' } },
    'x-kubernetes-action': 'patch',
    'x-kubernetes-group-version-kind': { group: type.group, version: type.version, kind: type.kind }
  };
}

export function groupVersionDocument(types: TypeRegistry, group: string, version: string, serverVersion: string): JsonObject | null {
  const inVersion = types.all().filter((type) => type.group === group && type.version === version);
  if (inVersion.length === 0) return null;
  const paths: JsonObject = {};
  for (const type of inVersion) {
    paths[objectPath(type)] = {
      patch: patchOperation(type),
      parameters: [{ name: 'name', in: 'path', required: true, schema: { type: 'string', uniqueItems: true } }]
    };
  }
  return { openapi: '3.0.0', info: { title: 'Kubernetes', version: serverVersion }, paths, components: { schemas: {} } };
}

/** The handler for `/openapi/...` paths: the v3 root index and one document per group version. */
export function openApiDocuments(types: TypeRegistry, serverVersion: string): (path: string) => JsonObject | null {
  return (path) => {
    if (path === '/openapi/v3') {
      const paths: JsonObject = {};
      for (const { name, versions } of types.groups()) {
        for (const version of versions) {
          const document = groupVersionDocument(types, name, version, serverVersion);
          const hash = createHash('sha512').update(JSON.stringify(document)).digest('hex').slice(0, 128).toUpperCase();
          paths[groupVersionPath(name, version)] = { serverRelativeURL: `/openapi/v3/${groupVersionPath(name, version)}?hash=${hash}` };
        }
      }
      return { paths };
    }
    const match = /^\/openapi\/v3\/(?:api\/([^/]+)|apis\/([^/]+)\/([^/]+))$/.exec(path);
    if (!match) return null;
    return match[1] !== undefined ? groupVersionDocument(types, '', match[1], serverVersion) : groupVersionDocument(types, match[2] ?? '', match[3] ?? '', serverVersion);
  };
}
