/**
 * `apiextensions.k8s.io/v1` CustomResourceDefinitions: the emulator lists the CRDs of the custom kinds it
 * serves (kubectl and clients look for them, e.g. to know Argo Rollouts is installed). CRDs created
 * through the API are stored but not served: the emulator cannot register new kinds.
 */
import type { JsonObject } from '../json';
import { metadataOnlyPatchSchema } from '../patch/patch-schemas';
import { ALL_VERBS, type ResourceType } from '../resource-type';
import { AGE_COLUMN, NAME_COLUMN, ageOf } from '../tables';
import { nameOf } from '../object-meta';
import type { CustomResourceDefinition } from './custom-resource';

export const customResourceDefinitions: ResourceType = {
  group: 'apiextensions.k8s.io',
  version: 'v1',
  resource: 'customresourcedefinitions',
  singular: 'customresourcedefinition',
  kind: 'CustomResourceDefinition',
  namespaced: false,
  shortNames: ['crd', 'crds'],
  categories: ['api-extensions'],
  verbs: ALL_VERBS,
  subresources: ['status'],
  builtIn: true,
  patchSchema: metadataOnlyPatchSchema,
  generation: 'spec',
  table: {
    columns: [NAME_COLUMN, { name: 'Created At', type: 'date', description: 'CreationTimestamp' }, { ...AGE_COLUMN, priority: 1 }],
    cells: (object, now) => [nameOf(object), String((object['metadata'] as JsonObject)['creationTimestamp'] ?? ''), ageOf(object, now)]
  }
};

/** The CRD object declaring a served custom kind (no schema: `x-kubernetes-preserve-unknown-fields`). */
export function definitionOf(type: CustomResourceDefinition): JsonObject {
  const columns = type.printerColumns.map((column) => ({ name: column.name, type: column.type, description: column.description ?? '', jsonPath: column.jsonPath }));
  return {
    apiVersion: 'apiextensions.k8s.io/v1',
    kind: 'CustomResourceDefinition',
    metadata: { name: `${type.plural}.${type.group}` },
    spec: {
      group: type.group,
      names: { kind: type.kind, listKind: `${type.kind}List`, plural: type.plural, singular: type.singular, shortNames: [...type.shortNames] },
      scope: type.namespaced ? 'Namespaced' : 'Cluster',
      versions: [
        {
          name: type.version,
          served: true,
          storage: true,
          additionalPrinterColumns: columns,
          schema: { openAPIV3Schema: { type: 'object', 'x-kubernetes-preserve-unknown-fields': true } },
          subresources: Object.fromEntries(type.subresources.map((subresource) => [subresource, subresource === 'scale' ? { specReplicasPath: '.spec.replicas', statusReplicasPath: '.status.HPAReplicas', labelSelectorPath: '.status.selector' } : {}]))
        }
      ]
    }
  };
}
