/** core/v1 Service: defaults, ClusterIP allocation, validation, table columns. */
import { required } from '../api-errors';
import { isJsonObject, objectAt, stringMap, valueAt } from '../json';
import { servicePatchSchema } from '../patch/patch-schemas';
import { type ResourceType } from '../resource-type';
import { AGE_COLUMN, NAME_COLUMN, ageOf, noneIfEmpty } from '../tables';

export const services: ResourceType = {
  group: '',
  version: 'v1',
  resource: 'services',
  singular: 'service',
  kind: 'Service',
  namespaced: true,
  shortNames: ['svc'],
  categories: ['all'],
  verbs: ['create', 'delete', 'get', 'list', 'patch', 'update', 'watch'],
  subresources: ['status'],
  builtIn: true,
  patchSchema: servicePatchSchema,
  generation: 'none',
  applyDefaults(object) {
    const spec = objectAt(object, ['spec']);
    spec['type'] ??= 'ClusterIP';
    spec['sessionAffinity'] ??= 'None';
    spec['internalTrafficPolicy'] ??= 'Cluster';
    spec['ipFamilies'] ??= ['IPv4'];
    spec['ipFamilyPolicy'] ??= 'SingleStack';
    const ports = spec['ports'];
    if (Array.isArray(ports)) {
      for (const port of ports) {
        if (!isJsonObject(port)) continue;
        port['protocol'] ??= 'TCP';
        port['targetPort'] ??= port['port'] ?? null;
      }
    }
  },
  prepareForCreate(object, context) {
    const spec = objectAt(object, ['spec']);
    if (spec['clusterIP'] === undefined || spec['clusterIP'] === '') spec['clusterIP'] = context.allocateClusterIp();
    spec['clusterIPs'] ??= [spec['clusterIP']];
    object['status'] = { loadBalancer: {} };
  },
  validate(object) {
    const spec = object['spec'];
    if (!isJsonObject(spec)) return [required('spec')];
    const ports = spec['ports'];
    if (spec['clusterIP'] !== 'None' && (!Array.isArray(ports) || ports.length === 0)) return [required('spec.ports')];
    return [];
  },
  table: {
    columns: [
      NAME_COLUMN,
      { name: 'Type', type: 'string', description: 'type determines how the Service is exposed. Defaults to ClusterIP.' },
      { name: 'Cluster-IP', type: 'string', description: 'clusterIP is the IP address of the service and is usually assigned randomly.' },
      { name: 'External-IP', type: 'string', description: 'externalIPs is a list of IP addresses for which nodes in the cluster will also accept traffic for this service.' },
      { name: 'Port(s)', type: 'string', description: 'The list of ports that are exposed by this service. More info: https://kubernetes.io/docs/concepts/services-networking/service/#virtual-ips-and-service-proxies' },
      AGE_COLUMN,
      { name: 'Selector', type: 'string', priority: 1, description: 'Route service traffic to pods with label keys and values matching this selector.' }
    ],
    cells(object, now) {
      const spec = valueAt(object, ['spec']);
      const ports = valueAt(spec, ['ports']);
      const portText = (Array.isArray(ports) ? ports : [])
        .filter(isJsonObject)
        .map((port) => (typeof port['nodePort'] === 'number' && port['nodePort'] > 0 ? `${String(port['port'])}:${port['nodePort']}/${String(port['protocol'] ?? 'TCP')}` : `${String(port['port'])}/${String(port['protocol'] ?? 'TCP')}`))
        .join(',');
      const selector = Object.entries(stringMap(valueAt(spec, ['selector'])))
        .sort(([a], [b]) => (a < b ? -1 : 1))
        .map(([key, value]) => `${key}=${value}`)
        .join(',');
      return [
        String(valueAt(object, ['metadata', 'name']) ?? ''),
        String(valueAt(spec, ['type']) ?? 'ClusterIP'),
        String(valueAt(spec, ['clusterIP']) ?? ''),
        '<none>',
        noneIfEmpty(portText),
        ageOf(object, now),
        noneIfEmpty(selector)
      ];
    }
  }
};
