/**
 * Path parsing for the resource API: `/api/v1/...` and `/apis/<group>/<version>/...`, cluster-wide or
 * under `namespaces/<ns>/`, with an optional object name and subresource.
 */
import type { ResourceType } from '../resource-type';
import type { TypeRegistry } from '../type-registry';

export type Route =
  | { readonly kind: 'resource'; readonly type: ResourceType; readonly namespace: string | null; readonly name: string | null; readonly subresource: string | null; readonly legacyWatch: boolean }
  | { readonly kind: 'group-version'; readonly group: string; readonly version: string }
  | { readonly kind: 'group'; readonly group: string }
  | { readonly kind: 'unknown' };

export function parseRoute(pathname: string, types: TypeRegistry): Route {
  const segments = pathname.split('/').filter((segment) => segment !== '').map(decodeURIComponent);
  let group: string;
  let version: string;
  let rest: string[];
  if (segments[0] === 'api' && segments.length >= 2) {
    group = '';
    version = segments[1] ?? '';
    rest = segments.slice(2);
  } else if (segments[0] === 'apis' && segments.length === 2) {
    return { kind: 'group', group: segments[1] ?? '' };
  } else if (segments[0] === 'apis' && segments.length >= 3) {
    group = segments[1] ?? '';
    version = segments[2] ?? '';
    rest = segments.slice(3);
  } else {
    return { kind: 'unknown' };
  }
  if (rest.length === 0) return { kind: 'group-version', group, version };
  let legacyWatch = false;
  if (rest[0] === 'watch') {
    legacyWatch = true;
    rest = rest.slice(1);
  }
  const lookup = (resource: string | undefined) => (resource === undefined ? undefined : types.find(group, version, resource));
  if (rest[0] === 'namespaces' && rest.length >= 3) {
    const namespaced = lookup(rest[2]);
    if (namespaced?.namespaced) {
      if (rest.length > 5) return { kind: 'unknown' };
      return { kind: 'resource', type: namespaced, namespace: rest[1] ?? '', name: rest[3] ?? null, subresource: rest[4] ?? null, legacyWatch };
    }
  }
  const type = lookup(rest[0]);
  if (!type || rest.length > 3) return { kind: 'unknown' };
  if (type.namespaced && rest.length > 1) return { kind: 'unknown' };
  return { kind: 'resource', type, namespace: null, name: rest[1] ?? null, subresource: rest[2] ?? null, legacyWatch };
}
