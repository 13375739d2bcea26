/**
 * Replica counts of a basic canary (no traffic router: the weight is the share of pods), after Argo
 * Rollouts' `utils/replicaset/canary.go`: the weight is approximated by the closest canary/stable split
 * (surging by one pod when that is closer), the total stays within replicas + maxSurge, and scale-downs
 * keep replicas − maxUnavailable available.
 */
import { nameOf, numberAt, type KubeObject } from '../object-meta';
import { resolveFenceposts, type IntOrString } from './rolling-arithmetic';

const MAX_WEIGHT = 100;

export interface CanaryInputs {
  readonly replicas: number;
  readonly maxSurge: IntOrString;
  readonly maxUnavailable: IntOrString;
  /** The weight the canary should have now (0–100). */
  readonly desiredWeight: number;
}

const specOf = (replicaSet: KubeObject | undefined) => (replicaSet ? numberAt(replicaSet, 'spec', 'replicas') : 0);
const availableOf = (replicaSet: KubeObject | undefined) => (replicaSet ? numberAt(replicaSet, 'status', 'availableReplicas') : 0);

export function canaryMaxSurge(inputs: Pick<CanaryInputs, 'replicas' | 'maxSurge' | 'maxUnavailable'>): number {
  return resolveFenceposts(inputs.maxSurge, inputs.maxUnavailable, inputs.replicas).surge;
}

export function canaryMaxUnavailable(inputs: Pick<CanaryInputs, 'replicas' | 'maxSurge' | 'maxUnavailable'>): number {
  if (inputs.replicas === 0) return 0;
  return Math.min(resolveFenceposts(inputs.maxSurge, inputs.maxUnavailable, inputs.replicas).unavailable, inputs.replicas);
}

function floorCeilingTied(weight: number, total: number): boolean {
  const value = total * (weight / MAX_WEIGHT);
  return value - Math.trunc(value) === 0.5;
}

function weightDelta(weight: number, canary: number, total: number): number {
  return Math.abs((canary * MAX_WEIGHT) / total - weight);
}

/** `approximateWeightedCanaryStableReplicaCounts`: [canary, stable]. */
export function approximateCounts(replicas: number, weight: number, maxSurge: number): [number, number] {
  if (replicas === 0) return [0, 0];
  const ceil = Math.ceil((replicas * weight) / MAX_WEIGHT);
  const floor = Math.floor((replicas * weight) / MAX_WEIGHT);
  const zeroAllowed = weight === MAX_WEIGHT || weight === 0 || (replicas === 1 && maxSurge === 0);
  const options: { canary: number; total: number }[] = [];
  if (ceil < replicas || zeroAllowed) options.push({ canary: ceil, total: replicas });
  if (!floorCeilingTied(weight, replicas) && (floor !== 0 || zeroAllowed)) options.push({ canary: floor, total: replicas });
  if (maxSurge > 0) {
    options.push({ canary: ceil, total: replicas + 1 });
    if (!floorCeilingTied(weight, replicas + 1) && (floor !== 0 || zeroAllowed)) options.push({ canary: floor, total: replicas + 1 });
  }
  if (options.length === 0) return [0, replicas];
  let best = options[0] as { canary: number; total: number };
  for (const option of options.slice(1)) {
    if (weightDelta(weight, option.canary, option.total) < weightDelta(weight, best.canary, best.total)) best = option;
  }
  return [best.canary, best.total - best.canary];
}

function replicasForScaleDown(replicaSet: KubeObject | undefined, ignoreAvailability: boolean): number {
  if (!replicaSet) return 0;
  if (specOf(replicaSet) < availableOf(replicaSet)) return specOf(replicaSet);
  return ignoreAvailability ? specOf(replicaSet) : availableOf(replicaSet);
}

function adjustWithinLimits(drain: KubeObject | undefined, adjust: KubeObject | undefined, drainCount: number, adjustCount: number, maxAllowed: number, minAvailable: number): [number, number] {
  let overLimit = Math.max(0, adjustCount + drainCount - maxAllowed);
  let totalAvailable = drain ? Math.min(availableOf(drain), drainCount) : 0;
  if (adjust) {
    adjustCount -= overLimit;
    totalAvailable += Math.min(availableOf(adjust), adjustCount);
    const extraAvailable = Math.max(0, availableOf(adjust) - adjustCount);
    const stillNeeded = Math.max(0, minAvailable - totalAvailable);
    adjustCount += Math.min(extraAvailable, stillNeeded);
    overLimit = Math.max(0, adjustCount + drainCount - maxAllowed);
    drainCount -= overLimit;
  }
  return [drainCount, adjustCount];
}

/** `CalculateReplicaCountsForBasicCanary`: [canary (new) replicas, stable replicas]. */
export function basicCanaryCounts(inputs: CanaryInputs, newReplicaSet: KubeObject | undefined, stableReplicaSet: KubeObject | undefined, others: readonly KubeObject[]): [number, number] {
  const replicas = inputs.replicas;
  const maxSurge = canaryMaxSurge(inputs);
  let [desiredNew, desiredStable] = approximateCounts(replicas, inputs.desiredWeight, maxSurge);
  let stableCount = 0;
  let newCount = specOf(newReplicaSet);
  const scaleStable = stableReplicaSet !== undefined && (newReplicaSet === undefined || nameOf(newReplicaSet) !== nameOf(stableReplicaSet));
  if (scaleStable) {
    stableCount = specOf(stableReplicaSet);
  } else {
    desiredNew = replicas;
    desiredStable = 0;
  }
  const maxAllowed = replicas + maxSurge;
  const all = [...others, ...(newReplicaSet ? [newReplicaSet] : []), ...(scaleStable && stableReplicaSet ? [stableReplicaSet] : [])];
  let scaleUp = maxAllowed - all.reduce((sum, replicaSet) => sum + specOf(replicaSet), 0);
  if (scaleStable && specOf(stableReplicaSet) < desiredStable && scaleUp > 0) {
    if (specOf(stableReplicaSet) + scaleUp < desiredStable) {
      stableCount = specOf(stableReplicaSet) + scaleUp;
      scaleUp = 0;
    } else {
      stableCount = desiredStable;
      scaleUp -= desiredStable - specOf(stableReplicaSet);
    }
  }
  if (newReplicaSet && specOf(newReplicaSet) < desiredNew && scaleUp > 0) {
    newCount = specOf(newReplicaSet) + scaleUp < desiredNew ? specOf(newReplicaSet) + scaleUp : desiredNew;
  }
  if (others.reduce((sum, replicaSet) => sum + specOf(replicaSet), 0) > 0) return [newCount, stableCount];

  const minAvailable = replicas - canaryMaxUnavailable(inputs);
  const increasing = newReplicaSet === undefined || desiredNew >= specOf(newReplicaSet);
  const toScaleDown = replicasForScaleDown(newReplicaSet, !increasing) + replicasForScaleDown(stableReplicaSet, increasing);
  if (toScaleDown <= minAvailable) return [newCount, stableCount];
  const scaleDown = toScaleDown - minAvailable;
  if (!increasing) {
    if (newReplicaSet && specOf(newReplicaSet) > desiredNew) newCount = Math.max(desiredNew, specOf(newReplicaSet) - scaleDown);
    [newCount, stableCount] = adjustWithinLimits(newReplicaSet, stableReplicaSet, newCount, stableCount, maxAllowed, minAvailable);
  } else if (scaleStable) {
    if (stableReplicaSet && specOf(stableReplicaSet) > desiredStable) stableCount = Math.max(desiredStable, specOf(stableReplicaSet) - scaleDown);
    [stableCount, newCount] = adjustWithinLimits(stableReplicaSet, newReplicaSet, stableCount, newCount, maxAllowed, minAvailable);
  }
  return [newCount, stableCount];
}
