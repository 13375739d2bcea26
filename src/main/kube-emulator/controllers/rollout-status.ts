/** The Rollout status bookkeeping of Argo Rollouts: pause conditions, abort, conditions and the phase. */
import { isJsonObject, valueAt, type JsonObject } from '../json';
import { kubeTime, numberAt, type KubeObject } from '../object-meta';

/** `CalculateRolloutPhase` (controller side, Argo Rollouts ≥ 1.0). */
export function rolloutPhase(rollout: KubeObject, status: JsonObject, complete: boolean, olderOrStable: KubeObject[]): { phase: string; message: string } {
  const conditions = Array.isArray(status['conditions']) ? status['conditions'].filter(isJsonObject) : [];
  for (const condition of conditions) {
    if (condition['type'] === 'InvalidSpec') return { phase: 'Degraded', message: `InvalidSpec: ${String(condition['message'])}` };
    if (condition['reason'] === 'RolloutAborted' || condition['reason'] === 'ProgressDeadlineExceeded') return { phase: 'Degraded', message: `${String(condition['reason'])}: ${String(condition['message'])}` };
  }
  if (valueAt(rollout, ['spec', 'paused']) === true) return { phase: 'Paused', message: 'manually paused' };
  const pauses = Array.isArray(status['pauseConditions']) ? status['pauseConditions'].filter(isJsonObject) : [];
  if (pauses[0]) return { phase: 'Paused', message: String(pauses[0]['reason']) };
  const replicas = typeof valueAt(rollout, ['spec', 'replicas']) === 'number' ? numberAt(rollout, 'spec', 'replicas') : 1;
  if (numberAt(status, 'updatedReplicas') < replicas) return { phase: 'Progressing', message: 'more replicas need to be updated' };
  if (numberAt(status, 'availableReplicas') < numberAt(status, 'updatedReplicas')) return { phase: 'Progressing', message: 'updated replicas are still becoming available' };
  if (numberAt(status, 'replicas') > numberAt(status, 'updatedReplicas') || olderOrStable.some((replicaSet) => numberAt(replicaSet, 'status', 'replicas') > 0 && !complete)) {
    return { phase: 'Progressing', message: 'old replicas are pending termination' };
  }
  if (status['stableRS'] !== status['currentPodHash']) return { phase: 'Progressing', message: 'waiting for all steps to complete' };
  return { phase: 'Healthy', message: '' };
}

export function clearPause(status: JsonObject): void {
  delete status['pauseConditions'];
  delete status['controllerPause'];
}

export function clearAbort(status: JsonObject): void {
  delete status['abort'];
  delete status['abortedAt'];
}

export function pauseCondition(status: JsonObject, reason: string): JsonObject | undefined {
  const conditions = status['pauseConditions'];
  return Array.isArray(conditions) ? conditions.filter(isJsonObject).find((condition) => condition['reason'] === reason) : undefined;
}

export function hasPause(status: JsonObject, reason: string): boolean {
  return pauseCondition(status, reason) !== undefined;
}

export function addPause(status: JsonObject, reason: string, now: Date): void {
  if (hasPause(status, reason)) return;
  const conditions = Array.isArray(status['pauseConditions']) ? status['pauseConditions'] : [];
  status['pauseConditions'] = [...conditions, { reason, startTime: kubeTime(now) }];
  status['controllerPause'] = true;
}

export function removePause(status: JsonObject, reason: string): void {
  const conditions = Array.isArray(status['pauseConditions']) ? status['pauseConditions'].filter((condition) => !(isJsonObject(condition) && condition['reason'] === reason)) : [];
  if (conditions.length === 0) clearPause(status);
  else status['pauseConditions'] = conditions;
}

export function conditionOf(status: JsonObject, type: string): JsonObject | undefined {
  const conditions = status['conditions'];
  return Array.isArray(conditions) ? conditions.filter(isJsonObject).find((condition) => condition['type'] === type) : undefined;
}

/** Sets a condition; one with the same status, reason and message is left as it is (times included). */
export function setCondition(status: JsonObject, type: string, conditionStatus: string, reason: string, message: string, now: Date): void {
  const existing = conditionOf(status, type);
  if (existing && existing['status'] === conditionStatus && existing['reason'] === reason && existing['message'] === message) return;
  const time = kubeTime(now);
  const condition = {
    type,
    status: conditionStatus,
    reason,
    message,
    lastUpdateTime: time,
    lastTransitionTime: existing && existing['status'] === conditionStatus ? String(existing['lastTransitionTime'] ?? time) : time
  };
  const others = Array.isArray(status['conditions']) ? status['conditions'].filter((item) => !(isJsonObject(item) && item['type'] === type)) : [];
  status['conditions'] = [...others, condition];
}

export function removeCondition(status: JsonObject, type: string): void {
  if (!Array.isArray(status['conditions'])) return;
  status['conditions'] = status['conditions'].filter((item) => !(isJsonObject(item) && item['type'] === type));
}

export function setCount(status: JsonObject, field: string, value: number): void {
  if (value === 0) delete status[field];
  else status[field] = value;
}
