/**
 * The ReplicaSet controller: keeps as many Pods as spec.replicas (named `<replicaset>-<5 random>`, labelled
 * from the template, owned by the ReplicaSet), removes unready and newest Pods first when scaling down, and
 * reports replicas, fullyLabeledReplicas, readyReplicas, availableReplicas (ready for minReadySeconds) and
 * observedGeneration.
 */
import type { ApiService } from '../api-service';
import { randomSuffix } from '../api-service';
import { cloneJson, isJsonObject, objectAt, semanticEqual, valueAt, type JsonObject } from '../json';
import { pods } from '../kinds/pods';
import { replicaSets } from '../kinds/replica-sets';
import { controllerReference, creationTimestampOf, generationOf, isBeingDeleted, isControlledBy, labelsOf, nameOf, namespaceOf, numberAt, type KubeObject } from '../object-meta';
import { matchesLabels } from '../selectors';
import { specReplicas } from './deployment-util';
import { WorkQueue, splitKey } from './work-queue';

export const NODE_NAME = 'emulator-node';

export class ReplicaSetController {
  readonly queue: WorkQueue;

  constructor(
    private readonly api: ApiService,
    private readonly clock: () => Date
  ) {
    this.queue = new WorkQueue('replicaset', (key) => this.sync(key));
  }

  sync(key: string): void {
    const { namespace, name } = splitKey(key);
    const replicaSet = this.api.find(replicaSets, namespace, name);
    if (!replicaSet || isBeingDeleted(replicaSet)) return;
    let owned = this.api.list(pods, namespace).filter((pod) => isControlledBy(pod, replicaSet) && !isBeingDeleted(pod));
    const difference = owned.length - specReplicas(replicaSet);
    if (difference < 0) {
      for (let index = 0; index < -difference; index++) owned.push(this.createPod(replicaSet));
    } else if (difference > 0) {
      const victims = [...owned].sort(deletionOrder).slice(0, difference);
      for (const victim of victims) this.api.delete(pods, namespace, nameOf(victim));
      owned = owned.filter((pod) => !victims.includes(pod));
    }
    this.updateStatus(replicaSet, owned);
  }

  private createPod(replicaSet: KubeObject): KubeObject {
    const template = cloneJson(objectAt(replicaSet, ['spec', 'template']));
    const metadata = isJsonObject(template['metadata']) ? template['metadata'] : {};
    delete metadata['creationTimestamp'];
    const spec = isJsonObject(template['spec']) ? template['spec'] : {};
    spec['nodeName'] = NODE_NAME;
    const pod: KubeObject = {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { ...metadata, name: `${nameOf(replicaSet)}-${randomSuffix()}`, namespace: namespaceOf(replicaSet), ownerReferences: [controllerReference(replicaSet)] },
      spec
    };
    return this.api.create(pods, namespaceOf(replicaSet), pod);
  }

  private updateStatus(replicaSet: KubeObject, owned: KubeObject[]): void {
    const now = this.clock().getTime();
    const minReadyMs = numberAt(replicaSet, 'spec', 'minReadySeconds') * 1000;
    const templateLabels = labelsOf({ metadata: valueAt(replicaSet, ['spec', 'template', 'metadata']) ?? {} });
    const templateSelector = Object.entries(templateLabels).map(([key, value]) => ({ key, operator: 'in' as const, values: [value] }));
    let ready = 0;
    let available = 0;
    let nextAvailableAt = Infinity;
    for (const pod of owned) {
      const readySince = readySinceOf(pod);
      if (readySince === undefined) continue;
      ready++;
      if (readySince + minReadyMs <= now) available++;
      else nextAvailableAt = Math.min(nextAvailableAt, readySince + minReadyMs);
    }
    const status: JsonObject = { replicas: owned.length };
    const fullyLabeled = owned.filter((pod) => matchesLabels(templateSelector, labelsOf(pod))).length;
    if (fullyLabeled !== 0) status['fullyLabeledReplicas'] = fullyLabeled;
    if (ready !== 0) status['readyReplicas'] = ready;
    if (available !== 0) status['availableReplicas'] = available;
    status['observedGeneration'] = generationOf(replicaSet);
    if (Number.isFinite(nextAvailableAt)) this.queue.addAfter(`${namespaceOf(replicaSet)}/${nameOf(replicaSet)}`, nextAvailableAt - now + 5);
    if (semanticEqual(replicaSet['status'], status)) return;
    this.api.mutate(replicaSets, namespaceOf(replicaSet), nameOf(replicaSet), (stored) => {
      stored['status'] = status;
    }, 'status');
  }
}

/** When the Pod's Ready condition turned True (ms), or undefined when it is not ready. */
export function readySinceOf(pod: KubeObject): number | undefined {
  const conditions = valueAt(pod, ['status', 'conditions']);
  if (!Array.isArray(conditions)) return undefined;
  const readyCondition = conditions.find((condition) => isJsonObject(condition) && condition['type'] === 'Ready');
  if (!isJsonObject(readyCondition) || readyCondition['status'] !== 'True') return undefined;
  const since = Date.parse(String(readyCondition['lastTransitionTime'] ?? ''));
  return Number.isNaN(since) ? 0 : since;
}

/** Scale-down order (`ActivePods` ranking, simplified): not ready before ready, then newest first. */
function deletionOrder(a: KubeObject, b: KubeObject): number {
  const readyA = readySinceOf(a) !== undefined ? 1 : 0;
  const readyB = readySinceOf(b) !== undefined ? 1 : 0;
  if (readyA !== readyB) return readyA - readyB;
  const createdA = creationTimestampOf(a);
  const createdB = creationTimestampOf(b);
  if (createdA !== createdB) return createdA < createdB ? 1 : -1;
  return nameOf(a) < nameOf(b) ? 1 : -1;
}
