/** core/v1 Namespace: cluster-scoped; the name label and phase a real server sets. */
import { objectAt, valueAt } from '../json';
import { metadataOf, nameOf } from '../object-meta';
import { metadataOnlyPatchSchema } from '../patch/patch-schemas';
import { type ResourceType } from '../resource-type';
import { AGE_COLUMN, NAME_COLUMN, ageOf } from '../tables';

export const namespaces: ResourceType = {
  group: '',
  version: 'v1',
  resource: 'namespaces',
  singular: 'namespace',
  kind: 'Namespace',
  namespaced: false,
  shortNames: ['ns'],
  categories: [],
  verbs: ['create', 'delete', 'get', 'list', 'patch', 'update', 'watch'],
  subresources: ['status'],
  builtIn: true,
  patchSchema: metadataOnlyPatchSchema,
  generation: 'none',
  applyDefaults(object) {
    objectAt(metadataOf(object), ['labels'])['kubernetes.io/metadata.name'] = nameOf(object);
  },
  prepareForCreate(object) {
    object['spec'] = { finalizers: ['kubernetes'] };
    object['status'] = { phase: 'Active' };
  },
  table: {
    columns: [
      NAME_COLUMN,
      { name: 'Status', type: 'string', description: 'The status of the namespace' },
      AGE_COLUMN
    ],
    cells: (object, now) => [nameOf(object), String(valueAt(object, ['status', 'phase']) ?? 'Active'), ageOf(object, now)]
  }
};
