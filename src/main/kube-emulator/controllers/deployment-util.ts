/**
 * Pure helpers of the Deployment controller, after `pkg/controller/deployment/util/deployment_util.go`:
 * revisions and their annotations, the pod-template-hash, finding the new ReplicaSet, conditions,
 * surge/unavailability and the proportions used when a Deployment is scaled mid-rollout.
 */
import { canonicalJson, cloneJson, isJsonObject, objectAt, semanticEqual, valueAt, type JsonObject, type JsonValue } from '../json';
import { annotationsOf, creationTimestampOf, kubeTime, metadataOf, nameOf, numberAt, type KubeObject } from '../object-meta';
import { resolveFenceposts, scaledValue, type IntOrString } from './rolling-arithmetic';

export const REVISION = 'deployment.kubernetes.io/revision';
export const REVISION_HISTORY = 'deployment.kubernetes.io/revision-history';
export const DESIRED_REPLICAS = 'deployment.kubernetes.io/desired-replicas';
export const MAX_REPLICAS = 'deployment.kubernetes.io/max-replicas';
export const POD_TEMPLATE_HASH = 'pod-template-hash';
export const LAST_APPLIED = 'kubectl.kubernetes.io/last-applied-configuration';
export const ROLLBACK_TO = 'deprecated.deployment.rollback.to';
export const MAX_REVISION_HISTORY_CHARS = 2000;

export const NEW_RS_AVAILABLE = 'NewReplicaSetAvailable';
export const TIMED_OUT = 'ProgressDeadlineExceeded';
export const REPLICA_SET_UPDATED = 'ReplicaSetUpdated';
export const NEW_REPLICA_SET = 'NewReplicaSetCreated';
export const FOUND_NEW_RS = 'FoundNewReplicaSet';
export const PAUSED = 'DeploymentPaused';
export const RESUMED = 'DeploymentResumed';

const ANNOTATIONS_NOT_COPIED = new Set([LAST_APPLIED, REVISION, REVISION_HISTORY, DESIRED_REPLICAS, MAX_REPLICAS, ROLLBACK_TO]);

export function specReplicas(object: KubeObject): number {
  return numberAt(object, 'spec', 'replicas');
}

export function revisionOf(object: KubeObject): number {
  const value = annotationsOf(object)[REVISION];
  if (value === undefined) return 0;
  const parsed = Number.parseInt(value, 10);
  return Number.isNaN(parsed) ? 0 : parsed;
}

export function maxRevision(replicaSets: readonly KubeObject[]): number {
  return replicaSets.reduce((max, replicaSet) => Math.max(max, revisionOf(replicaSet)), 0);
}

export function isRollingUpdate(deployment: KubeObject): boolean {
  return valueAt(deployment, ['spec', 'strategy', 'type']) === 'RollingUpdate';
}

function rollingParameters(deployment: KubeObject): { maxSurge: IntOrString | undefined; maxUnavailable: IntOrString | undefined } {
  const rollingUpdate = valueAt(deployment, ['spec', 'strategy', 'rollingUpdate']);
  const read = (value: JsonValue | undefined): IntOrString | undefined => (typeof value === 'number' || typeof value === 'string' ? value : undefined);
  return { maxSurge: read(valueAt(rollingUpdate, ['maxSurge'])), maxUnavailable: read(valueAt(rollingUpdate, ['maxUnavailable'])) };
}

export function maxSurge(deployment: KubeObject): number {
  if (!isRollingUpdate(deployment)) return 0;
  const { maxSurge: surge, maxUnavailable } = rollingParameters(deployment);
  return resolveFenceposts(surge, maxUnavailable, specReplicas(deployment)).surge;
}

export function maxUnavailable(deployment: KubeObject): number {
  const replicas = specReplicas(deployment);
  if (!isRollingUpdate(deployment) || replicas === 0) return 0;
  const { maxSurge: surge, maxUnavailable: unavailable } = rollingParameters(deployment);
  return Math.min(resolveFenceposts(surge, unavailable, replicas).unavailable, replicas);
}

/** `NewRSNewReplicas`: how far the new ReplicaSet may grow now. */
export function newReplicaSetReplicas(deployment: KubeObject, allReplicaSets: readonly KubeObject[], newReplicaSet: KubeObject): number {
  const replicas = specReplicas(deployment);
  if (!isRollingUpdate(deployment)) return replicas;
  const surge = scaledValue(rollingParameters(deployment).maxSurge ?? 0, replicas, true);
  const current = sumSpecReplicas(allReplicaSets);
  const maxTotal = replicas + surge;
  if (current >= maxTotal) return specReplicas(newReplicaSet);
  const scaleUp = Math.min(maxTotal - current, replicas - specReplicas(newReplicaSet));
  return specReplicas(newReplicaSet) + scaleUp;
}

export function sumSpecReplicas(replicaSets: readonly KubeObject[]): number {
  return replicaSets.reduce((sum, replicaSet) => sum + specReplicas(replicaSet), 0);
}

export function sumStatus(replicaSets: readonly KubeObject[], field: 'replicas' | 'readyReplicas' | 'availableReplicas'): number {
  return replicaSets.reduce((sum, replicaSet) => sum + numberAt(replicaSet, 'status', field), 0);
}

export function activeReplicaSets(replicaSets: readonly KubeObject[]): KubeObject[] {
  return replicaSets.filter((replicaSet) => specReplicas(replicaSet) > 0);
}

/** Sorts oldest first, name breaking ties (`ReplicaSetsByCreationTimestamp`). */
export function byCreation(a: KubeObject, b: KubeObject): number {
  const left = creationTimestampOf(a);
  const right = creationTimestampOf(b);
  if (left === right) return nameOf(a) < nameOf(b) ? -1 : nameOf(a) > nameOf(b) ? 1 : 0;
  return left < right ? -1 : 1;
}

export function byRevision(a: KubeObject, b: KubeObject): number {
  const difference = revisionOf(a) - revisionOf(b);
  return difference !== 0 ? difference : byCreation(a, b);
}

export function withoutLabel(template: JsonValue | undefined, label: string): JsonValue | undefined {
  if (!isJsonObject(template)) return template;
  const copy = cloneJson(template);
  const labels = valueAt(copy, ['metadata', 'labels']);
  if (isJsonObject(labels)) delete labels[label];
  return copy;
}

/** The same pod template apart from one label (the hash label of its controller). */
export function equalIgnoringLabel(a: JsonValue | undefined, b: JsonValue | undefined, label: string): boolean {
  return semanticEqual(withoutLabel(a, label), withoutLabel(b, label));
}

/** `EqualIgnoreHash`: the same pod template apart from the pod-template-hash label. */
export function equalIgnoringHash(a: JsonValue | undefined, b: JsonValue | undefined): boolean {
  return equalIgnoringLabel(a, b, POD_TEMPLATE_HASH);
}

/** The oldest ReplicaSet whose template is the Deployment's (`FindNewReplicaSet`). */
export function findNewReplicaSet(deployment: KubeObject, replicaSets: readonly KubeObject[]): KubeObject | undefined {
  const template = valueAt(deployment, ['spec', 'template']);
  return [...replicaSets].sort(byCreation).find((replicaSet) => equalIgnoringHash(valueAt(replicaSet, ['spec', 'template']), template));
}

const SAFE_ALPHABET = 'bcdfghjklmnpqrstvwxz2456789';

/**
 * The pod-template-hash: FNV-32a over the template (here its canonical JSON, where the real controller
 * hashes Go's printed struct) and the collision count, encoded as `rand.SafeEncodeString` encodes it.
 */
export function podTemplateHash(template: JsonValue, collisionCount: number | undefined): string {
  let hash = 0x811c9dc5;
  const feed = (byte: number) => {
    hash ^= byte;
    hash = Math.imul(hash, 0x01000193) >>> 0;
  };
  for (const byte of Buffer.from(canonicalJson(template), 'utf8')) feed(byte);
  if (collisionCount !== undefined) {
    for (let index = 0; index < 4; index++) feed((collisionCount >>> (8 * index)) & 0xff);
  }
  return [...String(hash >>> 0)].map((digit) => SAFE_ALPHABET[digit.charCodeAt(0) % SAFE_ALPHABET.length]).join('');
}

export interface Condition extends JsonObject {
  type: string;
  status: 'True' | 'False' | 'Unknown';
  lastUpdateTime: string;
  lastTransitionTime: string;
  reason: string;
  message: string;
}

export function newCondition(type: string, status: Condition['status'], reason: string, message: string, now: Date): Condition {
  const time = kubeTime(now);
  return { type, status, lastUpdateTime: time, lastTransitionTime: time, reason, message };
}

export function conditionsOf(status: JsonObject): JsonObject[] {
  const conditions = status['conditions'];
  return Array.isArray(conditions) ? conditions.filter(isJsonObject) : [];
}

export function getCondition(status: JsonObject, type: string): JsonObject | undefined {
  return conditionsOf(status).find((condition) => condition['type'] === type);
}

/** `SetDeploymentCondition`: same status and reason → unchanged; same status → keeps lastTransitionTime. */
export function setCondition(status: JsonObject, condition: Condition): void {
  const current = getCondition(status, condition.type);
  if (current && current['status'] === condition.status && current['reason'] === condition.reason) return;
  if (current && current['status'] === condition.status) condition.lastTransitionTime = String(current['lastTransitionTime'] ?? condition.lastTransitionTime);
  status['conditions'] = [...conditionsOf(status).filter((existing) => existing['type'] !== condition.type), condition];
}

export function removeCondition(status: JsonObject, type: string): void {
  const remaining = conditionsOf(status).filter((existing) => existing['type'] !== type);
  if (remaining.length === 0) delete status['conditions'];
  else status['conditions'] = remaining;
}

export function hasProgressDeadline(deployment: KubeObject): boolean {
  const deadline = valueAt(deployment, ['spec', 'progressDeadlineSeconds']);
  return typeof deadline === 'number' && deadline !== 2147483647;
}

export function progressDeadlineSeconds(deployment: KubeObject): number {
  return numberAt(deployment, 'spec', 'progressDeadlineSeconds');
}

/** `SetNewReplicaSetAnnotations`: copies the Deployment's annotations and moves the revision forward. */
export function setNewReplicaSetAnnotations(deployment: KubeObject, replicaSet: KubeObject, newRevision: number, exists: boolean): boolean {
  const annotations = objectAt(metadataOf(replicaSet), ['annotations']);
  let changed = false;
  for (const [key, value] of Object.entries(annotationsOf(deployment))) {
    if (ANNOTATIONS_NOT_COPIED.has(key) || annotations[key] === value) continue;
    annotations[key] = value;
    changed = true;
  }
  const oldRevisionText = annotations[REVISION];
  const hadRevision = typeof oldRevisionText === 'string';
  const oldRevision = hadRevision && oldRevisionText !== '' ? Number.parseInt(oldRevisionText, 10) : 0;
  if (hadRevision && Number.isNaN(oldRevision)) return changed;
  if (oldRevision < newRevision) {
    annotations[REVISION] = String(newRevision);
    changed = true;
    if (hadRevision) {
      // Rolling back to this ReplicaSet: keep the revisions it served before.
      const history = typeof annotations[REVISION_HISTORY] === 'string' ? annotations[REVISION_HISTORY] : '';
      const previous = history === '' ? [] : history.split(',');
      const entries = [...previous, oldRevisionText];
      while (entries.join(',').length > MAX_REVISION_HISTORY_CHARS && entries.length > 1) entries.shift();
      annotations[REVISION_HISTORY] = entries.join(',');
    }
  }
  if (!exists && setReplicasAnnotations(replicaSet, specReplicas(deployment), specReplicas(deployment) + maxSurge(deployment))) changed = true;
  return changed;
}

export function setReplicasAnnotations(replicaSet: KubeObject, desired: number, max: number): boolean {
  const annotations = objectAt(metadataOf(replicaSet), ['annotations']);
  let changed = false;
  if (annotations[DESIRED_REPLICAS] !== String(desired)) {
    annotations[DESIRED_REPLICAS] = String(desired);
    changed = true;
  }
  if (annotations[MAX_REPLICAS] !== String(max)) {
    annotations[MAX_REPLICAS] = String(max);
    changed = true;
  }
  return changed;
}

export function replicasAnnotationsNeedUpdate(replicaSet: KubeObject, desired: number, max: number): boolean {
  const annotations = annotationsOf(replicaSet);
  return annotations[DESIRED_REPLICAS] !== String(desired) || annotations[MAX_REPLICAS] !== String(max);
}

export function desiredReplicasAnnotation(replicaSet: KubeObject): number | undefined {
  const value = annotationsOf(replicaSet)[DESIRED_REPLICAS];
  if (value === undefined) return undefined;
  const parsed = Number.parseInt(value, 10);
  return Number.isNaN(parsed) ? undefined : parsed;
}

/** `IsSaturated`: the new ReplicaSet has all the Deployment's replicas, all available. */
export function isSaturated(deployment: KubeObject, replicaSet: KubeObject | undefined): boolean {
  if (!replicaSet) return false;
  const desired = desiredReplicasAnnotation(replicaSet);
  const replicas = specReplicas(deployment);
  return desired !== undefined && specReplicas(replicaSet) === replicas && desired === replicas && numberAt(replicaSet, 'status', 'availableReplicas') === replicas;
}

/** `GetReplicaSetProportion`: this ReplicaSet's share of replicas being added or removed by a scale. */
export function replicaSetProportion(replicaSet: KubeObject, deployment: KubeObject, toAdd: number, added: number): number {
  if (specReplicas(replicaSet) === 0 || toAdd === 0 || toAdd === added) return 0;
  const fraction = replicaSetFraction(replicaSet, deployment);
  const allowed = toAdd - added;
  return toAdd > 0 ? Math.min(fraction, allowed) : Math.max(fraction, allowed);
}

function replicaSetFraction(replicaSet: KubeObject, deployment: KubeObject): number {
  if (specReplicas(deployment) === 0) return -specReplicas(replicaSet);
  const deploymentMax = specReplicas(deployment) + maxSurge(deployment);
  const annotated = Number.parseInt(annotationsOf(replicaSet)[MAX_REPLICAS] ?? '', 10);
  let before = Number.isNaN(annotated) ? 0 : annotated;
  if (before === 0) {
    before = numberAt(deployment, 'status', 'replicas');
    if (before === 0) return 0;
  }
  const size = (specReplicas(replicaSet) * deploymentMax) / before;
  return roundHalfAwayFromZero(size) - specReplicas(replicaSet);
}

function roundHalfAwayFromZero(value: number): number {
  return value < 0 ? -Math.round(-value) : Math.round(value);
}

/** `DeploymentComplete`. */
export function deploymentComplete(deployment: KubeObject, status: JsonObject): boolean {
  const replicas = specReplicas(deployment);
  return (
    numberAt(status, 'updatedReplicas') === replicas &&
    numberAt(status, 'replicas') === replicas &&
    numberAt(status, 'availableReplicas') === replicas &&
    numberAt(status, 'observedGeneration') >= numberAt(deployment, 'metadata', 'generation')
  );
}

/** `DeploymentProgressing`: any replica moved toward the new template since the last status. */
export function deploymentProgressing(deployment: KubeObject, status: JsonObject): boolean {
  const old = isJsonObject(deployment['status']) ? deployment['status'] : {};
  const oldOld = numberAt(old, 'replicas') - numberAt(old, 'updatedReplicas');
  const newOld = numberAt(status, 'replicas') - numberAt(status, 'updatedReplicas');
  return (
    numberAt(status, 'updatedReplicas') > numberAt(old, 'updatedReplicas') ||
    newOld < oldOld ||
    numberAt(status, 'readyReplicas') > numberAt(old, 'readyReplicas') ||
    numberAt(status, 'availableReplicas') > numberAt(old, 'availableReplicas')
  );
}

/** `DeploymentTimedOut`: no progress reported for progressDeadlineSeconds. */
export function deploymentTimedOut(deployment: KubeObject, status: JsonObject, now: Date): boolean {
  if (!hasProgressDeadline(deployment)) return false;
  const condition = getCondition(status, 'Progressing');
  if (!condition) return false;
  if (condition['reason'] === NEW_RS_AVAILABLE) return false;
  if (condition['reason'] === TIMED_OUT) return true;
  const from = Date.parse(String(condition['lastUpdateTime'] ?? ''));
  return from + progressDeadlineSeconds(deployment) * 1000 < now.getTime();
}
