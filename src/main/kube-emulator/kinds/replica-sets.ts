/** apps/v1 ReplicaSet: defaults, validation, table columns. */
import { objectAt, valueAt } from '../json';
import { numberAt } from '../object-meta';
import { workloadPatchSchema } from '../patch/patch-schemas';
import { ALL_VERBS, type ResourceType } from '../resource-type';
import { formatSelector, fromLabelSelector } from '../selectors';
import { AGE_COLUMN, NAME_COLUMN, ageOf, containerNamesAndImages, noneIfEmpty } from '../tables';
import { defaultPodSpec, defaultTemplateMetadata } from './pod-spec';
import { validateWorkload } from './workload-validation';

export const replicaSets: ResourceType = {
  group: 'apps',
  version: 'v1',
  resource: 'replicasets',
  singular: 'replicaset',
  kind: 'ReplicaSet',
  namespaced: true,
  shortNames: ['rs'],
  categories: ['all'],
  verbs: ALL_VERBS,
  subresources: ['status', 'scale'],
  builtIn: true,
  patchSchema: workloadPatchSchema,
  generation: 'spec',
  applyDefaults(object) {
    const spec = objectAt(object, ['spec']);
    spec['replicas'] ??= 1;
    const template = objectAt(spec, ['template']);
    defaultTemplateMetadata(template);
    defaultPodSpec(objectAt(template, ['spec']));
  },
  prepareForCreate(object) {
    object['status'] = { replicas: 0 };
  },
  validate: (object, old) => validateWorkload(object, old, 'replicaset'),
  scale: { selector: (object) => formatSelector(fromLabelSelector(valueAt(object, ['spec', 'selector']))) },
  table: {
    columns: [
      NAME_COLUMN,
      { name: 'Desired', type: 'integer', description: 'Replicas is the number of desired pods. This is a pointer to distinguish between explicit zero and unspecified. Defaults to 1. More info: https://kubernetes.io/docs/concepts/workloads/controllers/replicaset/#replicaset' },
      { name: 'Current', type: 'integer', description: 'Replicas is the most recently observed number of non-terminating pods. More info: https://kubernetes.io/docs/concepts/workloads/controllers/replicaset/#replicaset' },
      { name: 'Ready', type: 'integer', description: 'The number of non-terminating pods targeted by this ReplicaSet with a Ready Condition.' },
      AGE_COLUMN,
      { name: 'Containers', type: 'string', priority: 1, description: 'Names of each container in the template.' },
      { name: 'Images', type: 'string', priority: 1, description: 'Images referenced by each container in the template.' },
      { name: 'Selector', type: 'string', priority: 1, description: 'Selector is a label query over pods that should match the replica count. Label keys and values that must match in order to be controlled by this replica set. It must match the pod template\'s labels. More info: https://kubernetes.io/docs/concepts/overview/working-with-objects/labels/#label-selectors' }
    ],
    cells(object, now) {
      const { names, images } = containerNamesAndImages(valueAt(object, ['spec', 'template', 'spec']));
      return [
        String(valueAt(object, ['metadata', 'name']) ?? ''),
        numberAt(object, 'spec', 'replicas'),
        numberAt(object, 'status', 'replicas'),
        numberAt(object, 'status', 'readyReplicas'),
        ageOf(object, now),
        names,
        images,
        noneIfEmpty(formatSelector(fromLabelSelector(valueAt(object, ['spec', 'selector']))))
      ];
    }
  }
};
