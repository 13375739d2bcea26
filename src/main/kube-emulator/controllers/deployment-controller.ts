/**
 * The Deployment controller, after `pkg/controller/deployment` (sync.go, rolling.go, recreate.go,
 * progress.go): one ReplicaSet per pod template named `<deployment>-<pod-template-hash>`, revisions and
 * change-cause carried onto ReplicaSets, rolling updates bounded by maxSurge/maxUnavailable, proportional
 * scaling mid-rollout, pause, revisionHistoryLimit cleanup, and status with the Available and Progressing
 * conditions (ProgressDeadlineExceeded when no progress is seen within progressDeadlineSeconds).
 */
import type { ApiService } from '../api-service';
import { ApiError } from '../api-errors';
import { cloneJson, isJsonObject, objectAt, semanticEqual, valueAt, type JsonObject } from '../json';
import { deployments } from '../kinds/deployments';
import { pods } from '../kinds/pods';
import { replicaSets } from '../kinds/replica-sets';
import {
  controllerReference,
  generationOf,
  isBeingDeleted,
  isControlledBy,
  metadataOf,
  nameOf,
  namespaceOf,
  numberAt,
  uidOf,
  type KubeObject
} from '../object-meta';
import { fromLabelSelector } from '../selectors';
import {
  FOUND_NEW_RS,
  NEW_REPLICA_SET,
  NEW_RS_AVAILABLE,
  PAUSED,
  POD_TEMPLATE_HASH,
  REPLICA_SET_UPDATED,
  RESUMED,
  REVISION,
  TIMED_OUT,
  activeReplicaSets,
  byCreation,
  byRevision,
  deploymentComplete,
  deploymentProgressing,
  deploymentTimedOut,
  desiredReplicasAnnotation,
  equalIgnoringHash,
  findNewReplicaSet,
  getCondition,
  hasProgressDeadline,
  isRollingUpdate,
  isSaturated,
  maxRevision,
  maxSurge,
  maxUnavailable,
  newCondition,
  newReplicaSetReplicas,
  podTemplateHash,
  progressDeadlineSeconds,
  removeCondition,
  replicaSetProportion,
  replicasAnnotationsNeedUpdate,
  setCondition,
  setNewReplicaSetAnnotations,
  setReplicasAnnotations,
  specReplicas,
  sumSpecReplicas,
  sumStatus
} from './deployment-util';
import { WorkQueue, splitKey } from './work-queue';

export class DeploymentController {
  readonly queue: WorkQueue;

  constructor(
    private readonly api: ApiService,
    private readonly clock: () => Date
  ) {
    this.queue = new WorkQueue('deployment', (key) => this.sync(key));
  }

  sync(key: string): void {
    const { namespace, name } = splitKey(key);
    const found = this.api.find(deployments, namespace, name);
    if (!found) return;
    const deployment = cloneJson(found);
    if (!isJsonObject(deployment['status'])) deployment['status'] = {};
    const owned = this.replicaSetsOf(deployment);
    if (fromLabelSelector(valueAt(deployment, ['spec', 'selector'])).length === 0) return;
    if (isBeingDeleted(deployment)) return this.syncStatusOnly(deployment, owned);
    this.checkPausedConditions(deployment);
    if (valueAt(deployment, ['spec', 'paused']) === true) return this.syncScaling(deployment, owned);
    if (this.isScalingEvent(deployment, owned)) return this.syncScaling(deployment, owned);
    if (valueAt(deployment, ['spec', 'strategy', 'type']) === 'Recreate') return this.rolloutRecreate(deployment, owned);
    return this.rolloutRolling(deployment, owned);
  }

  private replicaSetsOf(deployment: KubeObject): KubeObject[] {
    return this.api.list(replicaSets, namespaceOf(deployment)).filter((replicaSet) => isControlledBy(replicaSet, deployment)).map((replicaSet) => cloneJson(replicaSet));
  }

  private status(deployment: KubeObject): JsonObject {
    return objectAt(deployment, ['status']);
  }

  private writeStatus(deployment: KubeObject): void {
    this.api.mutate(
      deployments,
      namespaceOf(deployment),
      nameOf(deployment),
      (stored) => {
        stored['status'] = cloneJson(this.status(deployment));
        const annotations = metadataOf(deployment)['annotations'];
        if (annotations === undefined) delete metadataOf(stored)['annotations'];
        else metadataOf(stored)['annotations'] = cloneJson(annotations);
      },
      'status'
    );
  }

  private checkPausedConditions(deployment: KubeObject): void {
    if (!hasProgressDeadline(deployment)) return;
    const status = this.status(deployment);
    const condition = getCondition(status, 'Progressing');
    if (condition?.['reason'] === TIMED_OUT) return;
    const pausedConditionExists = condition?.['reason'] === PAUSED;
    const paused = valueAt(deployment, ['spec', 'paused']) === true;
    if (paused && !pausedConditionExists) {
      setCondition(status, newCondition('Progressing', 'Unknown', PAUSED, 'Deployment is paused', this.clock()));
    } else if (!paused && pausedConditionExists) {
      setCondition(status, newCondition('Progressing', 'Unknown', RESUMED, 'Deployment is resumed', this.clock()));
    } else {
      return;
    }
    this.writeStatus(deployment);
  }

  private allReplicaSetsAndSyncRevision(deployment: KubeObject, owned: KubeObject[], createIfMissing: boolean): { newReplicaSet: KubeObject | undefined; oldReplicaSets: KubeObject[] } {
    const existing = findNewReplicaSet(deployment, owned);
    const oldReplicaSets = owned.filter((replicaSet) => !existing || uidOf(replicaSet) !== uidOf(existing));
    const newReplicaSet = this.newReplicaSet(deployment, owned, oldReplicaSets, createIfMissing);
    return { newReplicaSet, oldReplicaSets };
  }

  /** `getNewReplicaSet`: the ReplicaSet of the current template, its annotations synced, created when asked. */
  private newReplicaSet(deployment: KubeObject, owned: KubeObject[], oldReplicaSets: KubeObject[], createIfMissing: boolean): KubeObject | undefined {
    const existing = findNewReplicaSet(deployment, owned);
    const newRevision = maxRevision(oldReplicaSets) + 1;
    const status = this.status(deployment);
    if (existing) {
      const copy = cloneJson(existing);
      const annotationsUpdated = setNewReplicaSetAnnotations(deployment, copy, newRevision, true);
      const minReadySeconds = numberAt(deployment, 'spec', 'minReadySeconds');
      if (annotationsUpdated || numberAt(copy, 'spec', 'minReadySeconds') !== minReadySeconds) {
        return cloneJson(
          this.api.mutate(replicaSets, namespaceOf(copy), nameOf(copy), (stored) => {
            metadataOf(stored)['annotations'] = cloneJson(metadataOf(copy)['annotations'] ?? {});
            if (minReadySeconds > 0) objectAt(stored, ['spec'])['minReadySeconds'] = minReadySeconds;
            else delete objectAt(stored, ['spec'])['minReadySeconds'];
          })
        );
      }
      let needsUpdate = setDeploymentRevision(deployment, String(valueAt(copy, ['metadata', 'annotations', REVISION]) ?? ''));
      if (hasProgressDeadline(deployment) && !getCondition(status, 'Progressing')) {
        setCondition(status, newCondition('Progressing', 'True', FOUND_NEW_RS, `Found new replica set "${nameOf(copy)}"`, this.clock()));
        needsUpdate = true;
      }
      if (needsUpdate) this.writeStatus(deployment);
      return copy;
    }
    if (!createIfMissing) return undefined;

    const template = cloneJson(objectAt(deployment, ['spec', 'template']));
    const collisionCount = typeof status['collisionCount'] === 'number' ? status['collisionCount'] : undefined;
    const hash = podTemplateHash(objectAt(deployment, ['spec', 'template']), collisionCount);
    objectAt(template, ['metadata', 'labels'])[POD_TEMPLATE_HASH] = hash;
    const selector = cloneJson(objectAt(deployment, ['spec', 'selector']));
    objectAt(selector, ['matchLabels'])[POD_TEMPLATE_HASH] = hash;
    const spec: JsonObject = { replicas: 0, selector, template };
    const minReadySeconds = numberAt(deployment, 'spec', 'minReadySeconds');
    if (minReadySeconds > 0) spec['minReadySeconds'] = minReadySeconds;
    const candidate: KubeObject = {
      apiVersion: 'apps/v1',
      kind: 'ReplicaSet',
      metadata: {
        name: `${nameOf(deployment)}-${hash}`,
        namespace: namespaceOf(deployment),
        labels: cloneJson(objectAt(template, ['metadata', 'labels'])),
        ownerReferences: [controllerReference(deployment)]
      },
      spec
    };
    spec['replicas'] = newReplicaSetReplicas(deployment, [...oldReplicaSets, candidate], candidate);
    setNewReplicaSetAnnotations(deployment, candidate, newRevision, false);

    let created: KubeObject;
    let alreadyExisted = false;
    try {
      created = cloneJson(this.api.create(replicaSets, namespaceOf(deployment), candidate));
    } catch (error) {
      if (!(error instanceof ApiError) || error.reason !== 'AlreadyExists') {
        if (hasProgressDeadline(deployment)) {
          const message = `Failed to create new replica set "${nameOf(candidate)}": ${error instanceof Error ? error.message : String(error)}`;
          setCondition(status, newCondition('Progressing', 'False', 'ReplicaSetCreateError', message, this.clock()));
          this.writeStatus(deployment);
        }
        throw error;
      }
      const clash = this.api.find(replicaSets, namespaceOf(deployment), nameOf(candidate));
      if (clash && isControlledBy(clash, deployment) && equalIgnoringHash(valueAt(clash, ['spec', 'template']), valueAt(deployment, ['spec', 'template']))) {
        created = cloneJson(clash);
        alreadyExisted = true;
      } else {
        status['collisionCount'] = (collisionCount ?? 0) + 1;
        this.writeStatus(deployment);
        throw error;
      }
    }
    let needsUpdate = setDeploymentRevision(deployment, String(newRevision));
    if (!alreadyExisted && hasProgressDeadline(deployment)) {
      setCondition(status, newCondition('Progressing', 'True', NEW_REPLICA_SET, `Created new replica set "${nameOf(created)}"`, this.clock()));
      needsUpdate = true;
    }
    if (needsUpdate) this.writeStatus(deployment);
    return created;
  }

  private scaleReplicaSetIfNeeded(replicaSet: KubeObject, newScale: number, deployment: KubeObject): { scaled: boolean; replicaSet: KubeObject } {
    if (specReplicas(replicaSet) === newScale) return { scaled: false, replicaSet };
    return this.scaleReplicaSet(replicaSet, newScale, deployment);
  }

  private scaleReplicaSet(replicaSet: KubeObject, newScale: number, deployment: KubeObject): { scaled: boolean; replicaSet: KubeObject } {
    const desired = specReplicas(deployment);
    const max = desired + maxSurge(deployment);
    const sizeChanges = specReplicas(replicaSet) !== newScale;
    if (!sizeChanges && !replicasAnnotationsNeedUpdate(replicaSet, desired, max)) return { scaled: false, replicaSet };
    const updated = this.api.mutate(replicaSets, namespaceOf(replicaSet), nameOf(replicaSet), (stored) => {
      objectAt(stored, ['spec'])['replicas'] = newScale;
      setReplicasAnnotations(stored, desired, max);
    });
    return { scaled: sizeChanges, replicaSet: cloneJson(updated) };
  }

  private rolloutRolling(deployment: KubeObject, owned: KubeObject[]): void {
    const { newReplicaSet, oldReplicaSets } = this.allReplicaSetsAndSyncRevision(deployment, owned, true);
    if (!newReplicaSet) return;
    const all = [...oldReplicaSets, newReplicaSet];
    if (this.reconcileNewReplicaSet(all, newReplicaSet, deployment)) return this.syncRolloutStatus(all, newReplicaSet, deployment);
    if (this.reconcileOldReplicaSets(all, activeReplicaSets(oldReplicaSets), newReplicaSet, deployment)) {
      return this.syncRolloutStatus(all, newReplicaSet, deployment);
    }
    if (deploymentComplete(deployment, this.status(deployment))) this.cleanup(oldReplicaSets, deployment);
    this.syncRolloutStatus(all, newReplicaSet, deployment);
  }

  private reconcileNewReplicaSet(all: KubeObject[], newReplicaSet: KubeObject, deployment: KubeObject): boolean {
    const desired = specReplicas(deployment);
    if (specReplicas(newReplicaSet) === desired) return false;
    if (specReplicas(newReplicaSet) > desired) return this.scaleReplicaSetIfNeeded(newReplicaSet, desired, deployment).scaled;
    return this.scaleReplicaSetIfNeeded(newReplicaSet, newReplicaSetReplicas(deployment, all, newReplicaSet), deployment).scaled;
  }

  private reconcileOldReplicaSets(all: KubeObject[], oldActive: KubeObject[], newReplicaSet: KubeObject, deployment: KubeObject): boolean {
    if (sumSpecReplicas(oldActive) === 0) return false;
    const minAvailable = specReplicas(deployment) - maxUnavailable(deployment);
    const newUnavailable = specReplicas(newReplicaSet) - numberAt(newReplicaSet, 'status', 'availableReplicas');
    const maxScaledDown = sumSpecReplicas(all) - minAvailable - newUnavailable;
    if (maxScaledDown <= 0) return false;
    const { replicaSets: cleaned, count: cleanedUp } = this.cleanupUnhealthyReplicas(oldActive, deployment, maxScaledDown);
    const scaledDown = this.scaleDownOldForRollingUpdate([...cleaned, newReplicaSet], cleaned, deployment);
    return cleanedUp + scaledDown > 0;
  }

  /** Old ReplicaSets' unavailable replicas go first: removing them cannot lower availability. */
  private cleanupUnhealthyReplicas(oldReplicaSets: KubeObject[], deployment: KubeObject, maxCleanup: number): { replicaSets: KubeObject[]; count: number } {
    const sorted = [...oldReplicaSets].sort(byCreation);
    let total = 0;
    for (let index = 0; index < sorted.length; index++) {
      const replicaSet = sorted[index];
      if (!replicaSet) continue;
      if (total >= maxCleanup) break;
      const replicas = specReplicas(replicaSet);
      const available = numberAt(replicaSet, 'status', 'availableReplicas');
      if (replicas === 0 || replicas === available) continue;
      const count = Math.min(maxCleanup - total, replicas - available);
      sorted[index] = this.scaleReplicaSetIfNeeded(replicaSet, replicas - count, deployment).replicaSet;
      total += count;
    }
    return { replicaSets: sorted, count: total };
  }

  private scaleDownOldForRollingUpdate(all: KubeObject[], oldReplicaSets: KubeObject[], deployment: KubeObject): number {
    const minAvailable = specReplicas(deployment) - maxUnavailable(deployment);
    const available = sumStatus(all, 'availableReplicas');
    if (available <= minAvailable) return 0;
    const toScaleDown = available - minAvailable;
    let total = 0;
    for (const replicaSet of [...oldReplicaSets].sort(byCreation)) {
      if (total >= toScaleDown) break;
      const replicas = specReplicas(replicaSet);
      if (replicas === 0) continue;
      const count = Math.min(replicas, toScaleDown - total);
      this.scaleReplicaSetIfNeeded(replicaSet, replicas - count, deployment);
      total += count;
    }
    return total;
  }

  private rolloutRecreate(deployment: KubeObject, owned: KubeObject[]): void {
    let { newReplicaSet, oldReplicaSets } = this.allReplicaSetsAndSyncRevision(deployment, owned, false);
    let all = newReplicaSet ? [...oldReplicaSets, newReplicaSet] : [...oldReplicaSets];
    let scaledDown = false;
    for (const replicaSet of activeReplicaSets(oldReplicaSets)) {
      if (this.scaleReplicaSetIfNeeded(replicaSet, 0, deployment).scaled) scaledDown = true;
    }
    if (scaledDown) return this.syncRolloutStatus(all, newReplicaSet, deployment);
    if (this.oldPodsRunning(oldReplicaSets)) return this.syncRolloutStatus(all, newReplicaSet, deployment);
    if (!newReplicaSet) {
      ({ newReplicaSet, oldReplicaSets } = this.allReplicaSetsAndSyncRevision(deployment, owned, true));
      all = newReplicaSet ? [...oldReplicaSets, newReplicaSet] : [...oldReplicaSets];
    }
    if (newReplicaSet) this.scaleReplicaSetIfNeeded(newReplicaSet, specReplicas(deployment), deployment);
    if (deploymentComplete(deployment, this.status(deployment))) this.cleanup(oldReplicaSets, deployment);
    this.syncRolloutStatus(all, newReplicaSet, deployment);
  }

  private oldPodsRunning(oldReplicaSets: KubeObject[]): boolean {
    if (sumStatus(oldReplicaSets, 'replicas') > 0) return true;
    const podsOfNamespace = oldReplicaSets.length > 0 ? this.api.list(pods, namespaceOf(oldReplicaSets[0] as KubeObject)) : [];
    return podsOfNamespace.some((pod) => {
      const phase = valueAt(pod, ['status', 'phase']);
      return phase !== 'Failed' && phase !== 'Succeeded' && oldReplicaSets.some((replicaSet) => isControlledBy(pod, replicaSet));
    });
  }

  /** `sync`: for paused Deployments and scaling events, scale proportionally without rolling. */
  private syncScaling(deployment: KubeObject, owned: KubeObject[]): void {
    const { newReplicaSet, oldReplicaSets } = this.allReplicaSetsAndSyncRevision(deployment, owned, false);
    this.scale(deployment, newReplicaSet, oldReplicaSets);
    if (valueAt(deployment, ['spec', 'paused']) === true) this.cleanup(oldReplicaSets, deployment);
    const all = newReplicaSet ? [...oldReplicaSets, newReplicaSet] : oldReplicaSets;
    this.syncDeploymentStatus(all, newReplicaSet, deployment);
  }

  private syncStatusOnly(deployment: KubeObject, owned: KubeObject[]): void {
    const { newReplicaSet, oldReplicaSets } = this.allReplicaSetsAndSyncRevision(deployment, owned, false);
    const all = newReplicaSet ? [...oldReplicaSets, newReplicaSet] : oldReplicaSets;
    this.syncDeploymentStatus(all, newReplicaSet, deployment);
  }

  private isScalingEvent(deployment: KubeObject, owned: KubeObject[]): boolean {
    const { newReplicaSet, oldReplicaSets } = this.allReplicaSetsAndSyncRevision(deployment, owned, false);
    const all = newReplicaSet ? [...oldReplicaSets, newReplicaSet] : oldReplicaSets;
    return activeReplicaSets(all).some((replicaSet) => {
      const desired = desiredReplicasAnnotation(replicaSet);
      return desired !== undefined && desired !== specReplicas(deployment);
    });
  }

  /** `scale`: proportional scaling of all active ReplicaSets when the Deployment's replicas change. */
  private scale(deployment: KubeObject, newReplicaSet: KubeObject | undefined, oldReplicaSets: KubeObject[]): void {
    const desired = specReplicas(deployment);
    const activeOrLatest = findActiveOrLatest(newReplicaSet, oldReplicaSets);
    if (activeOrLatest) {
      if (specReplicas(activeOrLatest) !== desired) this.scaleReplicaSetIfNeeded(activeOrLatest, desired, deployment);
      return;
    }
    if (isSaturated(deployment, newReplicaSet)) {
      for (const old of activeReplicaSets(oldReplicaSets)) this.scaleReplicaSetIfNeeded(old, 0, deployment);
      return;
    }
    if (!isRollingUpdate(deployment)) return;
    const active = activeReplicaSets(newReplicaSet ? [...oldReplicaSets, newReplicaSet] : oldReplicaSets);
    const allowed = desired > 0 ? desired + maxSurge(deployment) : 0;
    const toAdd = allowed - sumSpecReplicas(active);
    if (toAdd > 0) active.sort((a, b) => specReplicas(b) - specReplicas(a) || -byCreation(a, b));
    else if (toAdd < 0) active.sort((a, b) => specReplicas(b) - specReplicas(a) || byCreation(a, b));
    let added = 0;
    const sizes = new Map<string, number>();
    for (const replicaSet of active) {
      if (toAdd !== 0) {
        const proportion = replicaSetProportion(replicaSet, deployment, toAdd, added);
        sizes.set(nameOf(replicaSet), specReplicas(replicaSet) + proportion);
        added += proportion;
      } else {
        sizes.set(nameOf(replicaSet), specReplicas(replicaSet));
      }
    }
    active.forEach((replicaSet, index) => {
      let size = sizes.get(nameOf(replicaSet)) ?? specReplicas(replicaSet);
      if (index === 0 && toAdd !== 0) size = Math.max(0, size + toAdd - added);
      this.scaleReplicaSet(replicaSet, size, deployment);
    });
  }

  private cleanup(oldReplicaSets: KubeObject[], deployment: KubeObject): void {
    const limit = valueAt(deployment, ['spec', 'revisionHistoryLimit']);
    if (typeof limit !== 'number') return;
    const alive = oldReplicaSets.filter((replicaSet) => !isBeingDeleted(replicaSet));
    const excess = alive.length - limit;
    if (excess <= 0) return;
    for (const replicaSet of [...alive].sort(byRevision).slice(0, excess)) {
      const current = this.api.find(replicaSets, namespaceOf(replicaSet), nameOf(replicaSet));
      if (!current) continue;
      if (numberAt(current, 'status', 'replicas') !== 0 || specReplicas(current) !== 0 || generationOf(current) > numberAt(current, 'status', 'observedGeneration')) continue;
      this.api.delete(replicaSets, namespaceOf(current), nameOf(current));
    }
  }

  private calculateStatus(all: KubeObject[], newReplicaSet: KubeObject | undefined, deployment: KubeObject): JsonObject {
    const available = sumStatus(all, 'availableReplicas');
    const unavailable = Math.max(0, sumSpecReplicas(all) - available);
    const previous = this.status(deployment);
    const status: JsonObject = {};
    const setCount = (field: string, value: number) => {
      if (value !== 0) status[field] = value;
    };
    setCount('observedGeneration', generationOf(deployment));
    setCount('replicas', sumStatus(all, 'replicas'));
    setCount('updatedReplicas', newReplicaSet ? numberAt(newReplicaSet, 'status', 'replicas') : 0);
    setCount('readyReplicas', sumStatus(all, 'readyReplicas'));
    setCount('availableReplicas', available);
    setCount('unavailableReplicas', unavailable);
    if (typeof previous['collisionCount'] === 'number') status['collisionCount'] = previous['collisionCount'];
    const conditions = previous['conditions'];
    if (Array.isArray(conditions) && conditions.length > 0) status['conditions'] = cloneJson(conditions);
    const now = this.clock();
    if (available >= specReplicas(deployment) - maxUnavailable(deployment)) {
      setCondition(status, newCondition('Available', 'True', 'MinimumReplicasAvailable', 'Deployment has minimum availability.', now));
    } else {
      setCondition(status, newCondition('Available', 'False', 'MinimumReplicasUnavailable', 'Deployment does not have minimum availability.', now));
    }
    return status;
  }

  private syncDeploymentStatus(all: KubeObject[], newReplicaSet: KubeObject | undefined, deployment: KubeObject): void {
    const status = this.calculateStatus(all, newReplicaSet, deployment);
    if (semanticEqual(this.status(deployment), status)) return;
    deployment['status'] = status;
    this.writeStatus(deployment);
  }

  /** `syncRolloutStatus`: status plus the Progressing condition, and a requeue at the progress deadline. */
  private syncRolloutStatus(all: KubeObject[], newReplicaSet: KubeObject | undefined, deployment: KubeObject): void {
    const status = this.calculateStatus(all, newReplicaSet, deployment);
    const now = this.clock();
    if (!hasProgressDeadline(deployment)) removeCondition(status, 'Progressing');
    const current = getCondition(this.status(deployment), 'Progressing');
    const complete = numberAt(status, 'replicas') === numberAt(status, 'updatedReplicas') && current?.['reason'] === NEW_RS_AVAILABLE;
    if (hasProgressDeadline(deployment) && !complete) {
      if (deploymentComplete(deployment, status)) {
        const message = newReplicaSet ? `ReplicaSet "${nameOf(newReplicaSet)}" has successfully progressed.` : `Deployment "${nameOf(deployment)}" has successfully progressed.`;
        setCondition(status, newCondition('Progressing', 'True', NEW_RS_AVAILABLE, message, now));
      } else if (deploymentProgressing(deployment, status)) {
        const message = newReplicaSet ? `ReplicaSet "${nameOf(newReplicaSet)}" is progressing.` : `Deployment "${nameOf(deployment)}" is progressing.`;
        const condition = newCondition('Progressing', 'True', REPLICA_SET_UPDATED, message, now);
        if (current) {
          if (current['status'] === 'True') condition.lastTransitionTime = String(current['lastTransitionTime'] ?? condition.lastTransitionTime);
          removeCondition(status, 'Progressing');
        }
        setCondition(status, condition);
      } else if (deploymentTimedOut(deployment, status, now)) {
        const message = newReplicaSet ? `ReplicaSet "${nameOf(newReplicaSet)}" has timed out progressing.` : `Deployment "${nameOf(deployment)}" has timed out progressing.`;
        setCondition(status, newCondition('Progressing', 'False', TIMED_OUT, message, now));
      }
    }
    removeCondition(status, 'ReplicaFailure');
    if (semanticEqual(this.status(deployment), status)) {
      this.requeueStuck(deployment, status, now);
      return;
    }
    deployment['status'] = status;
    this.writeStatus(deployment);
  }

  private requeueStuck(deployment: KubeObject, status: JsonObject, now: Date): void {
    const current = getCondition(this.status(deployment), 'Progressing');
    if (!hasProgressDeadline(deployment) || !current) return;
    if (deploymentComplete(deployment, status) || current['reason'] === TIMED_OUT) return;
    const lastUpdate = Date.parse(String(current['lastUpdateTime'] ?? ''));
    const after = lastUpdate + progressDeadlineSeconds(deployment) * 1000 - now.getTime();
    this.queue.addAfter(`${namespaceOf(deployment)}/${nameOf(deployment)}`, Math.max(after, 0) + 50);
  }
}

function setDeploymentRevision(deployment: KubeObject, revision: string): boolean {
  const annotations = objectAt(metadataOf(deployment), ['annotations']);
  if (annotations[REVISION] === revision) return false;
  annotations[REVISION] = revision;
  return true;
}

/** `FindActiveOrLatest`: the only active ReplicaSet, the newest when none is active, else none. */
function findActiveOrLatest(newReplicaSet: KubeObject | undefined, oldReplicaSets: KubeObject[]): KubeObject | undefined {
  if (!newReplicaSet && oldReplicaSets.length === 0) return undefined;
  const newestFirst = [...oldReplicaSets].sort((a, b) => -byCreation(a, b));
  const active = activeReplicaSets(newReplicaSet ? [...newestFirst, newReplicaSet] : newestFirst);
  if (active.length === 0) return newReplicaSet ?? newestFirst[0];
  if (active.length === 1) return active[0];
  return undefined;
}
