/**
 * Discovery: the legacy documents (`/api`, `/apis`, `/api/v1`, `/apis/<group>/<version>`) and the
 * aggregated ones (`apidiscovery.k8s.io/v2` and `v2beta1`), which kubectl ≥ 1.26 asks for first in its
 * Accept header and which save it a request per group version.
 */
import type { JsonObject } from '../json';
import { apiVersionOf, type ResourceType } from '../resource-type';
import type { TypeRegistry } from '../type-registry';

export type AggregatedVersion = 'v2' | 'v2beta1';

const AGGREGATED_MEDIA = (version: AggregatedVersion) => `application/json;g=apidiscovery.k8s.io;v=${version};as=APIGroupDiscoveryList`;

/** Which aggregated format the Accept header asks for first, if any. */
export function aggregatedDiscoveryWanted(accept: string | undefined): AggregatedVersion | null {
  for (const part of (accept ?? '').split(',')) {
    const media = part.replace(/\s+/g, '');
    if (!media.includes('as=APIGroupDiscoveryList') || !media.includes('g=apidiscovery.k8s.io')) continue;
    if (media.includes('v=v2beta1')) return 'v2beta1';
    if (media.includes('v=v2')) return 'v2';
  }
  return null;
}

export function aggregatedContentType(version: AggregatedVersion): string {
  return AGGREGATED_MEDIA(version);
}

export function legacyApiVersions(serverAddress: string): JsonObject {
  return { kind: 'APIVersions', versions: ['v1'], serverAddressByClientCIDRs: [{ clientCIDR: '0.0.0.0/0', serverAddress }] };
}

function groupJson(name: string, versions: readonly string[]): JsonObject {
  const versionEntries = versions.map((version) => ({ groupVersion: `${name}/${version}`, version }));
  return { name, versions: versionEntries, preferredVersion: versionEntries[0] ?? null };
}

export function legacyGroupList(types: TypeRegistry): JsonObject {
  return {
    kind: 'APIGroupList',
    apiVersion: 'v1',
    groups: types
      .groups()
      .filter((group) => group.name !== '')
      .map((group) => groupJson(group.name, group.versions))
  };
}

export function legacyGroup(types: TypeRegistry, name: string): JsonObject | null {
  const group = types.groups().find((candidate) => candidate.name === name);
  if (!group || name === '') return null;
  return { kind: 'APIGroup', apiVersion: 'v1', ...groupJson(group.name, group.versions) };
}

export function legacyResourceList(types: TypeRegistry, group: string, version: string): JsonObject | null {
  const inVersion = types.all().filter((type) => type.group === group && type.version === version);
  if (inVersion.length === 0) return null;
  const resources: JsonObject[] = [];
  for (const type of inVersion) {
    const resource: JsonObject = { name: type.resource, singularName: type.singular, namespaced: type.namespaced, kind: type.kind, verbs: [...type.verbs] };
    if (type.shortNames.length > 0) resource['shortNames'] = [...type.shortNames];
    if (type.categories.length > 0) resource['categories'] = [...type.categories];
    resources.push(resource);
    for (const subresource of type.subresources) {
      resources.push(
        subresource === 'scale'
          ? { name: `${type.resource}/scale`, singularName: '', namespaced: type.namespaced, group: 'autoscaling', version: 'v1', kind: 'Scale', verbs: ['get', 'patch', 'update'] }
          : { name: `${type.resource}/status`, singularName: '', namespaced: type.namespaced, kind: type.kind, verbs: ['get', 'patch', 'update'] }
      );
    }
  }
  return { kind: 'APIResourceList', apiVersion: 'v1', groupVersion: apiVersionOf({ group, version }), resources };
}

function aggregatedResource(type: ResourceType): JsonObject {
  const resource: JsonObject = {
    resource: type.resource,
    responseKind: { group: type.group, version: type.version, kind: type.kind },
    scope: type.namespaced ? 'Namespaced' : 'Cluster',
    singularResource: type.singular,
    verbs: [...type.verbs]
  };
  if (type.shortNames.length > 0) resource['shortNames'] = [...type.shortNames];
  if (type.categories.length > 0) resource['categories'] = [...type.categories];
  if (type.subresources.length > 0) {
    resource['subresources'] = type.subresources.map((subresource) => ({
      subresource,
      responseKind: subresource === 'scale' ? { group: 'autoscaling', version: 'v1', kind: 'Scale' } : { group: type.group, version: type.version, kind: type.kind },
      verbs: ['get', 'patch', 'update']
    }));
  }
  return resource;
}

/** `/api` (legacy: true) or `/apis` as an APIGroupDiscoveryList. */
export function aggregatedDiscovery(types: TypeRegistry, legacy: boolean, version: AggregatedVersion): JsonObject {
  const groups = types.groups().filter((group) => (legacy ? group.name === '' : group.name !== ''));
  return {
    kind: 'APIGroupDiscoveryList',
    apiVersion: `apidiscovery.k8s.io/${version}`,
    metadata: {},
    items: groups.map((group) => {
      const metadata: JsonObject = { creationTimestamp: null };
      if (!legacy) metadata['name'] = group.name;
      return {
        metadata,
        versions: group.versions.map((groupVersion) => ({
          version: groupVersion,
          resources: types
            .all()
            .filter((type) => type.group === group.name && type.version === groupVersion)
            .map(aggregatedResource),
          freshness: 'Current'
        }))
      };
    })
  };
}
