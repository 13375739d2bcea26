/** What a resource request asks for: its verb, a Table, a page of a list, delete options; the Scale view. */
import { badRequest } from '../api-errors';
import type { DeleteOptions, PropagationPolicy } from '../api-service';
import { isJsonObject, valueAt, type JsonObject, type JsonValue } from '../json';
import { metadataOf, type KubeObject } from '../object-meta';
import type { ResourceType, Verb } from '../resource-type';

export function verbOf(method: string, name: string | null, watching: boolean): Verb | null {
  switch (method) {
    case 'GET':
      return name !== null ? (watching ? 'watch' : 'get') : watching ? 'watch' : 'list';
    case 'POST':
      return name === null ? 'create' : null;
    case 'PUT':
      return name !== null ? 'update' : null;
    case 'PATCH':
      return name !== null ? 'patch' : null;
    case 'DELETE':
      return name !== null ? 'delete' : 'deletecollection';
    default:
      return null;
  }
}

export function wantsTable(accept: string | undefined): boolean {
  return (accept ?? '').split(',').some((part) => {
    const media = part.replace(/\s+/g, '');
    return media.includes('as=Table') && media.includes('g=meta.k8s.io');
  });
}

export function scaleOf(type: ResourceType, object: KubeObject): JsonObject {
  const metadata = metadataOf(object);
  return {
    kind: 'Scale',
    apiVersion: 'autoscaling/v1',
    metadata: {
      name: metadata['name'] ?? null,
      namespace: metadata['namespace'] ?? null,
      uid: metadata['uid'] ?? null,
      resourceVersion: metadata['resourceVersion'] ?? null,
      creationTimestamp: metadata['creationTimestamp'] ?? null
    },
    spec: { replicas: Number(valueAt(object, ['spec', 'replicas']) ?? 0) },
    status: { replicas: Number(valueAt(object, ['status', 'replicas']) ?? 0), selector: type.scale?.selector(object) ?? '' }
  };
}

export function withoutTypeMeta(object: KubeObject): KubeObject {
  const copy = { ...object };
  delete copy['kind'];
  delete copy['apiVersion'];
  return copy;
}

export interface Page {
  readonly items: KubeObject[];
  readonly continueToken: string | null;
  readonly remaining: number;
}

/** limit/continue: the continue token is the offset of the next item (the list is not a snapshot). */
export function page(all: KubeObject[], limitText: string | null, continueText: string | null): Page {
  let start = 0;
  if (continueText) {
    try {
      const decoded: unknown = JSON.parse(Buffer.from(continueText, 'base64url').toString('utf8'));
      start = isJsonObject(decoded as JsonValue) && typeof (decoded as JsonObject)['start'] === 'number' ? Number((decoded as JsonObject)['start']) : 0;
    } catch {
      throw badRequest('continue key is not valid: illegal base64 data');
    }
  }
  const limit = Number(limitText ?? 0);
  if (!Number.isFinite(limit) || limit <= 0 || start + limit >= all.length) return { items: all.slice(start), continueToken: null, remaining: 0 };
  const next = start + limit;
  return { items: all.slice(start, next), continueToken: Buffer.from(JSON.stringify({ start: next })).toString('base64url'), remaining: all.length - next };
}

export function deleteOptions(query: URLSearchParams, body: JsonValue): DeleteOptions {
  const policyText = query.get('propagationPolicy') ?? (isJsonObject(body) ? body['propagationPolicy'] : null);
  const orphan = query.get('orphanDependents') === 'true' || (isJsonObject(body) && body['orphanDependents'] === true);
  const policy: PropagationPolicy | undefined = policyText === 'Orphan' || policyText === 'Foreground' || policyText === 'Background' ? policyText : orphan ? 'Orphan' : undefined;
  const preconditions = isJsonObject(body) && isJsonObject(body['preconditions']) ? body['preconditions'] : null;
  const options: { propagationPolicy?: PropagationPolicy; preconditions?: { uid?: string; resourceVersion?: string } } = {};
  if (policy) options.propagationPolicy = policy;
  if (preconditions) {
    const parsed: { uid?: string; resourceVersion?: string } = {};
    if (typeof preconditions['uid'] === 'string') parsed.uid = preconditions['uid'];
    if (typeof preconditions['resourceVersion'] === 'string') parsed.resourceVersion = preconditions['resourceVersion'];
    options.preconditions = parsed;
  }
  return options;
}

