/** apps/v1 Deployment: defaults (`SetDefaults_Deployment`), validation, table columns. */
import { invalidValue, type FieldError } from '../api-errors';
import { isJsonObject, objectAt, valueAt } from '../json';
import { numberAt, type KubeObject } from '../object-meta';
import { isPercentOrInt, scaledValue } from '../controllers/rolling-arithmetic';
import { workloadPatchSchema } from '../patch/patch-schemas';
import { ALL_VERBS, type ResourceType } from '../resource-type';
import { formatSelector, fromLabelSelector } from '../selectors';
import { AGE_COLUMN, NAME_COLUMN, ageOf, containerNamesAndImages, noneIfEmpty } from '../tables';
import { defaultPodSpec, defaultTemplateMetadata } from './pod-spec';
import { validateWorkload } from './workload-validation';

const PERCENT_MESSAGE = "a valid percent string must be a numeric string followed by an ending '%' (e.g. '1%',  or '93%', regex used for validation is '[0-9]+%')";

export const deployments: ResourceType = {
  group: 'apps',
  version: 'v1',
  resource: 'deployments',
  singular: 'deployment',
  kind: 'Deployment',
  namespaced: true,
  shortNames: ['deploy'],
  categories: ['all'],
  verbs: ALL_VERBS,
  subresources: ['status', 'scale'],
  builtIn: true,
  patchSchema: workloadPatchSchema,
  generation: 'spec-and-annotations',
  applyDefaults(object) {
    const spec = objectAt(object, ['spec']);
    spec['replicas'] ??= 1;
    const strategy = objectAt(spec, ['strategy']);
    strategy['type'] ??= 'RollingUpdate';
    if (strategy['type'] === 'RollingUpdate') {
      const rollingUpdate = objectAt(strategy, ['rollingUpdate']);
      rollingUpdate['maxUnavailable'] ??= '25%';
      rollingUpdate['maxSurge'] ??= '25%';
    }
    spec['revisionHistoryLimit'] ??= 10;
    spec['progressDeadlineSeconds'] ??= 600;
    const template = objectAt(spec, ['template']);
    defaultTemplateMetadata(template);
    defaultPodSpec(objectAt(template, ['spec']));
  },
  prepareForCreate(object) {
    object['status'] = {};
  },
  validate(object, old) {
    const errors = validateWorkload(object, old, 'deployment');
    errors.push(...validateStrategy(object));
    const spec = object['spec'];
    if (isJsonObject(spec)) {
      const deadline = spec['progressDeadlineSeconds'];
      const minReady = numberAt(spec, 'minReadySeconds');
      if (typeof deadline === 'number' && deadline <= minReady) {
        errors.push(invalidValue('spec.progressDeadlineSeconds', String(deadline), 'must be greater than minReadySeconds'));
      }
      const historyLimit = spec['revisionHistoryLimit'];
      if (typeof historyLimit === 'number' && historyLimit < 0) {
        errors.push(invalidValue('spec.revisionHistoryLimit', String(historyLimit), 'must be greater than or equal to 0'));
      }
    }
    return errors;
  },
  scale: { selector: (object) => formatSelector(fromLabelSelector(valueAt(object, ['spec', 'selector']))) },
  table: {
    columns: [
      NAME_COLUMN,
      { name: 'Ready', type: 'string', description: 'Number of the pod with ready state' },
      { name: 'Up-to-date', type: 'string', description: 'Total number of non-terminating pods targeted by this deployment that have the desired template spec.' },
      { name: 'Available', type: 'string', description: 'Total number of available non-terminating pods (ready for at least minReadySeconds) targeted by this deployment.' },
      AGE_COLUMN,
      { name: 'Containers', type: 'string', priority: 1, description: 'Names of each container in the template.' },
      { name: 'Images', type: 'string', priority: 1, description: 'Images referenced by each container in the template.' },
      { name: 'Selector', type: 'string', priority: 1, description: 'Label selector for pods. Existing ReplicaSets whose pods are selected by this will be the ones affected by this deployment. It must match the pod template\'s labels.' }
    ],
    cells(object, now) {
      const { names, images } = containerNamesAndImages(valueAt(object, ['spec', 'template', 'spec']));
      return [
        String(valueAt(object, ['metadata', 'name']) ?? ''),
        `${numberAt(object, 'status', 'readyReplicas')}/${numberAt(object, 'spec', 'replicas')}`,
        numberAt(object, 'status', 'updatedReplicas'),
        numberAt(object, 'status', 'availableReplicas'),
        ageOf(object, now),
        names,
        images,
        noneIfEmpty(formatSelector(fromLabelSelector(valueAt(object, ['spec', 'selector']))))
      ];
    }
  }
};

function validateStrategy(object: KubeObject): FieldError[] {
  const errors: FieldError[] = [];
  const strategy = valueAt(object, ['spec', 'strategy']);
  if (!isJsonObject(strategy)) return errors;
  const type = strategy['type'];
  if (type !== 'RollingUpdate' && type !== 'Recreate') {
    errors.push({ type: 'FieldValueNotSupported', field: 'spec.strategy.type', detail: `Unsupported value: ${JSON.stringify(type)}: supported values: "Recreate", "RollingUpdate"` });
    return errors;
  }
  const rollingUpdate = strategy['rollingUpdate'];
  if (type === 'Recreate') {
    if (isJsonObject(rollingUpdate)) errors.push({ type: 'FieldValueForbidden', field: 'spec.strategy.rollingUpdate', detail: 'Forbidden: may not be specified when strategy `type` is \'Recreate\'' });
    return errors;
  }
  if (!isJsonObject(rollingUpdate)) return errors;
  const maxSurge = rollingUpdate['maxSurge'];
  const maxUnavailable = rollingUpdate['maxUnavailable'];
  for (const [field, value] of [['maxSurge', maxSurge], ['maxUnavailable', maxUnavailable]] as const) {
    if (value === undefined) continue;
    if (!isPercentOrInt(value)) {
      errors.push(invalidValue(`spec.strategy.rollingUpdate.${field}`, JSON.stringify(value), PERCENT_MESSAGE));
    } else if (typeof value === 'number' && value < 0) {
      errors.push(invalidValue(`spec.strategy.rollingUpdate.${field}`, String(value), 'must be greater than or equal to 0'));
    }
  }
  if (typeof maxUnavailable === 'string' && isPercentOrInt(maxUnavailable) && scaledValue(maxUnavailable, 100, false) > 100) {
    errors.push(invalidValue('spec.strategy.rollingUpdate.maxUnavailable', JSON.stringify(maxUnavailable), 'must not be greater than 100%'));
  }
  const isZero = (value: unknown) => value === 0 || value === '0%';
  if (isZero(maxSurge) && isZero(maxUnavailable)) {
    errors.push(invalidValue('spec.strategy.rollingUpdate.maxUnavailable', JSON.stringify(maxUnavailable), 'may not be 0 when `maxSurge` is 0'));
  }
  return errors;
}
