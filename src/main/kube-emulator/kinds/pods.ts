/** core/v1 Pod: defaults, validation, table columns (READY, STATUS, RESTARTS as `kubectl get pods` shows them). */
import { required } from '../api-errors';
import { isJsonObject, objectAt, valueAt, type JsonValue } from '../json';
import { isBeingDeleted, metadataOf, type KubeObject } from '../object-meta';
import { podPatchSchema } from '../patch/patch-schemas';
import { ALL_VERBS, type ResourceType } from '../resource-type';
import { AGE_COLUMN, NAME_COLUMN, ageOf, noneIfEmpty } from '../tables';
import { defaultPodOnlyFields, defaultPodSpec, validatePodSpec } from './pod-spec';

export const pods: ResourceType = {
  group: '',
  version: 'v1',
  resource: 'pods',
  singular: 'pod',
  kind: 'Pod',
  namespaced: true,
  shortNames: ['po'],
  categories: ['all'],
  verbs: ALL_VERBS,
  subresources: ['status'],
  builtIn: true,
  patchSchema: podPatchSchema,
  generation: 'none',
  applyDefaults(object) {
    const spec = objectAt(object, ['spec']);
    defaultPodSpec(spec);
    defaultPodOnlyFields(spec);
  },
  prepareForCreate(object) {
    object['status'] = { phase: 'Pending', qosClass: 'BestEffort' };
  },
  validate(object) {
    const errors = validatePodSpec(object['spec'], 'spec', ['Always', 'OnFailure', 'Never']);
    if (typeof metadataOf(object)['name'] !== 'string') errors.push(required('metadata.name', 'name or generateName is required'));
    return errors;
  },
  table: {
    columns: [
      NAME_COLUMN,
      { name: 'Ready', type: 'string', description: 'The aggregate readiness state of this pod for accepting traffic.' },
      { name: 'Status', type: 'string', description: 'The aggregate status of the containers in this pod.' },
      { name: 'Restarts', type: 'string', description: 'The number of times the containers in this pod have been restarted and when the last container in this pod has restarted.' },
      AGE_COLUMN,
      { name: 'IP', type: 'string', priority: 1, description: 'IP address allocated to the pod. Routable at least within the cluster. Empty if not yet allocated.' },
      { name: 'Node', type: 'string', priority: 1, description: 'NodeName is a request to schedule this pod onto a specific node. If it is non-empty, the scheduler simply schedules this pod onto that node, assuming that it fits resource requirements.' },
      { name: 'Nominated Node', type: 'string', priority: 1, description: 'nominatedNodeName is set only when this pod preempts other pods on the node, but it cannot be scheduled right away as preemption victims receive their graceful termination periods. This field does not guarantee that the pod will be scheduled on this node. Scheduler may decide to place the pod elsewhere if other nodes become available sooner. Scheduler may also decide to give the resources on this node to a higher priority pod that is created after preemption. As a result, this field may be different than PodSpec.nodeName when the pod is scheduled.' },
      { name: 'Readiness Gates', type: 'string', priority: 1, description: 'If specified, all readiness gates will be evaluated for pod readiness. A pod is ready when all its containers are ready AND all conditions specified in the readiness gates have status equal to "True" More info: https://git.k8s.io/enhancements/keps/sig-network/580-pod-readiness-gates' }
    ],
    cells(object, now) {
      const containers = valueAt(object, ['spec', 'containers']);
      const total = Array.isArray(containers) ? containers.length : 0;
      const statuses = valueAt(object, ['status', 'containerStatuses']);
      const ready = Array.isArray(statuses) ? statuses.filter((status) => isJsonObject(status) && status['ready'] === true).length : 0;
      return [
        String(valueAt(object, ['metadata', 'name']) ?? ''),
        `${ready}/${total}`,
        podStatusReason(object),
        '0',
        ageOf(object, now),
        noneIfEmpty(stringAt(object, ['status', 'podIP'])),
        noneIfEmpty(stringAt(object, ['spec', 'nodeName'])),
        '<none>',
        '<none>'
      ];
    }
  }
};

/** What the STATUS column says: Terminating, a waiting reason (ContainerCreating), or the phase. */
export function podStatusReason(pod: KubeObject): string {
  if (isBeingDeleted(pod)) return 'Terminating';
  const statuses = valueAt(pod, ['status', 'containerStatuses']);
  if (Array.isArray(statuses)) {
    for (const status of statuses) {
      const reason = valueAt(status, ['state', 'waiting', 'reason']);
      if (typeof reason === 'string' && reason !== '') return reason;
    }
  }
  return stringAt(pod, ['status', 'phase']) || 'Pending';
}

function stringAt(object: JsonValue, path: string[]): string {
  const value = valueAt(object, path);
  return typeof value === 'string' ? value : '';
}
