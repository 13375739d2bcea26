/**
 * The Argo Rollouts controller for the canary strategy without a traffic router (`rollout/canary.go`,
 * `rollout/sync.go`, `rollout/pause.go`, `rollout/analysis.go`): a ReplicaSet per pod template labelled
 * `rollouts-pod-template-hash`; steps setWeight (the share of pods), pause (until promoted, or for a
 * duration) and analysis (an AnalysisRun from AnalysisTemplates: a failure aborts, an inconclusive result
 * pauses); abort (back to the stable ReplicaSet), retry, promote and full promotion through the same
 * status fields the Argo Rollouts kubectl plugin patches; status with phase, message and conditions.
 */
import type { ApiService } from '../api-service';
import { ApiError } from '../api-errors';
import { cloneJson, isJsonObject, objectAt, semanticEqual, valueAt, type JsonObject } from '../json';
import { analysisRuns, analysisTemplates, rollouts } from '../kinds/argo-rollouts';
import { defaultPodSpec, defaultTemplateMetadata } from '../kinds/pod-spec';
import { replicaSets } from '../kinds/replica-sets';
import { annotationsOf, controllerReference, generationOf, isControlledBy, kubeTime, labelsOf, metadataOf, nameOf, namespaceOf, numberAt, type KubeObject } from '../object-meta';
import { formatSelector, fromLabelSelector } from '../selectors';
import { isCompleted } from './analysis/analysis-run-controller';
import { durationMs } from './analysis/durations';
import { basicCanaryCounts, canaryMaxUnavailable, type CanaryInputs } from './canary-arithmetic';
import { byCreation, equalIgnoringLabel, podTemplateHash } from './deployment-util';
import { addPause, clearAbort, clearPause, conditionOf, hasPause, pauseCondition, removeCondition, removePause, rolloutPhase, setCondition, setCount } from './rollout-status';
import { WorkQueue, splitKey } from './work-queue';

export const ROLLOUT_HASH = 'rollouts-pod-template-hash';
export const ROLLOUT_REVISION = 'rollout.argoproj.io/revision';
const PAUSE_STEP = 'CanaryPauseStep';
const PAUSE_INCONCLUSIVE = 'InconclusiveAnalysis';

interface Context {
  readonly rollout: KubeObject;
  readonly status: JsonObject;
  readonly steps: JsonObject[];
  readonly inputs: CanaryInputs;
  readonly newReplicaSet: KubeObject;
  readonly stableReplicaSet: KubeObject | undefined;
  readonly others: KubeObject[];
  readonly now: Date;
  /** The abort message to record when the rollout aborts in this sync. */
  abortMessage: string | null;
}

export class RolloutController {
  readonly queue: WorkQueue;

  constructor(
    private readonly api: ApiService,
    private readonly clock: () => Date
  ) {
    this.queue = new WorkQueue('rollout', (key) => this.sync(key));
  }

  sync(key: string): void {
    const { namespace, name } = splitKey(key);
    const found = this.api.find(rollouts, namespace, name);
    if (!found) return;
    const rollout = cloneJson(found);
    const status: JsonObject = isJsonObject(rollout['status']) ? cloneJson(rollout['status']) : {};
    const now = this.clock();
    const canary = valueAt(rollout, ['spec', 'strategy', 'canary']);
    if (!isJsonObject(canary)) return this.invalid(rollout, status, 'the emulator runs only the canary strategy (blueGreen and workloadRef are not emulated)', now);
    const steps = Array.isArray(canary['steps']) ? canary['steps'].filter(isJsonObject) : [];
    const replicas = typeof valueAt(rollout, ['spec', 'replicas']) === 'number' ? numberAt(rollout, 'spec', 'replicas') : 1;
    const inputs = { replicas, maxSurge: intOrString(canary['maxSurge'], '25%'), maxUnavailable: intOrString(canary['maxUnavailable'], '25%'), desiredWeight: 100 };

    const owned = this.api.list(replicaSets, namespace).filter((replicaSet) => isControlledBy(replicaSet, rollout)).map((replicaSet) => cloneJson(replicaSet));
    const newReplicaSet = this.newReplicaSet(rollout, status, owned);
    if (!newReplicaSet) return;
    const newHash = labelsOf(newReplicaSet)[ROLLOUT_HASH] ?? '';
    const stableHash = typeof status['stableRS'] === 'string' ? status['stableRS'] : '';
    const stableReplicaSet = owned.find((replicaSet) => labelsOf(replicaSet)[ROLLOUT_HASH] === stableHash && stableHash !== '');
    const others = owned.filter((replicaSet) => nameOf(replicaSet) !== nameOf(newReplicaSet) && (!stableReplicaSet || nameOf(replicaSet) !== nameOf(stableReplicaSet)));
    const context: Context = { rollout, status, steps, inputs, newReplicaSet, stableReplicaSet, others, now, abortMessage: null };

    const stepsHash = podTemplateHash(steps, undefined);
    if (status['currentPodHash'] !== newHash || status['currentStepHash'] !== stepsHash) {
      resetStatus(status, steps);
      if (steps.length > 0 && stableHash === newHash) status['currentStepIndex'] = steps.length;
      status['currentPodHash'] = newHash;
      status['currentStepHash'] = stepsHash;
      return this.persist(context);
    }

    this.reconcileStepAnalysis(context);
    if (!this.halted(context) && this.reconcileReplicaSets(context)) return this.persist(context);
    this.reconcilePauseStep(context);

    if (status['promoteFull'] === true) {
      clearPause(status);
      clearAbort(status);
      if (steps.length > 0) status['currentStepIndex'] = steps.length;
    }
    const promotion = this.fullPromotionReason(context);
    if (promotion) {
      clearPause(status);
      clearAbort(status);
      delete status['promoteFull'];
      if (steps.length > 0) status['currentStepIndex'] = steps.length;
      else delete status['currentStepIndex'];
      status['stableRS'] = newHash;
    } else if (status['abort'] === true) {
      if (steps.length > 0) status['currentStepIndex'] = stableHash === newHash ? steps.length : 0;
    } else if (this.completedCurrentStep(context)) {
      status['currentStepIndex'] = currentStepIndex(status) + 1;
      const canaryStatus = objectAt(status, ['canary']);
      delete canaryStatus['currentStepAnalysisRunStatus'];
      removePause(status, PAUSE_STEP);
    }
    this.persist(context);
  }

  /** The ReplicaSet of the current template, created (or made the newest revision again) as needed. */
  private newReplicaSet(rollout: KubeObject, status: JsonObject, owned: KubeObject[]): KubeObject | undefined {
    const template = objectAt(rollout, ['spec', 'template']);
    const collisionCount = typeof status['collisionCount'] === 'number' ? status['collisionCount'] : undefined;
    const hash = podTemplateHash(template, collisionCount);
    const defaulted = cloneJson(template);
    defaultTemplateMetadata(defaulted);
    defaultPodSpec(objectAt(defaulted, ['spec']));
    let existing = owned.find((replicaSet) => labelsOf(replicaSet)[ROLLOUT_HASH] === hash) ?? [...owned].sort(byCreation).find((replicaSet) => equalIgnoringLabel(valueAt(replicaSet, ['spec', 'template']), defaulted, ROLLOUT_HASH));
    const maxOther = owned.filter((replicaSet) => replicaSet !== existing).reduce((max, replicaSet) => Math.max(max, revisionOf(replicaSet)), 0);
    if (!existing) {
      const labels = { ...labelsOf({ metadata: valueAt(template, ['metadata']) ?? {} }), [ROLLOUT_HASH]: hash };
      const replicaSetTemplate = cloneJson(template);
      objectAt(replicaSetTemplate, ['metadata'])['labels'] = labels;
      const selector = cloneJson(objectAt(rollout, ['spec', 'selector']));
      objectAt(selector, ['matchLabels'])[ROLLOUT_HASH] = hash;
      try {
        existing = cloneJson(
          this.api.create(replicaSets, namespaceOf(rollout), {
            apiVersion: 'apps/v1',
            kind: 'ReplicaSet',
            metadata: { name: `${nameOf(rollout)}-${hash}`, namespace: namespaceOf(rollout), labels, annotations: { [ROLLOUT_REVISION]: String(maxOther + 1) }, ownerReferences: [controllerReference(rollout)] },
            spec: { replicas: 0, selector, template: replicaSetTemplate }
          })
        );
      } catch (error) {
        if (!(error instanceof ApiError) || error.reason !== 'AlreadyExists') throw error;
        status['collisionCount'] = (collisionCount ?? 0) + 1;
        this.api.mutate(rollouts, namespaceOf(rollout), nameOf(rollout), (stored) => {
          stored['status'] = { ...(isJsonObject(stored['status']) ? stored['status'] : {}), collisionCount: status['collisionCount'] ?? 0 };
        }, 'status');
        return undefined;
      }
    } else if (revisionOf(existing) <= maxOther) {
      existing = cloneJson(
        this.api.mutate(replicaSets, namespaceOf(existing), nameOf(existing), (stored) => {
          objectAt(metadataOf(stored), ['annotations'])[ROLLOUT_REVISION] = String(maxOther + 1);
        })
      );
    }
    const revision = String(revisionOf(existing));
    if (annotationsOf(rollout)[ROLLOUT_REVISION] !== revision) {
      const updated = this.api.mutate(rollouts, namespaceOf(rollout), nameOf(rollout), (stored) => {
        objectAt(metadataOf(stored), ['annotations'])[ROLLOUT_REVISION] = revision;
      });
      metadataOf(rollout)['annotations'] = cloneJson(metadataOf(updated)['annotations'] ?? {});
    }
    return existing;
  }

  private halted(context: Context): boolean {
    return valueAt(context.rollout, ['spec', 'paused']) === true || hasPause(context.status, PAUSE_INCONCLUSIVE);
  }

  /**
   * `reconcileStepBasedAnalysisRun`: the step's AnalysisRun is created when the step starts (again after a
   * retry); a failed or errored run aborts the rollout, an inconclusive one pauses it; runs of other steps
   * are terminated.
   */
  private reconcileStepAnalysis(context: Context): void {
    const { rollout, status, steps } = context;
    const index = currentStepIndex(status);
    const step = steps[index];
    const analysis = step?.['analysis'];
    const canaryStatus = objectAt(status, ['canary']);
    const runs = this.api.list(analysisRuns, namespaceOf(rollout)).filter((run) => isControlledBy(run, rollout));
    const hash = String(status['currentPodHash'] ?? '');
    const trackedName = valueAt(canaryStatus, ['currentStepAnalysisRunStatus', 'name']);
    // As in Argo Rollouts, the step's run is the one the status names: coming back to an analysis step
    // (after a retry) starts a new run, named with a collision counter (`….1`).
    let current = runs.find((run) => nameOf(run) === trackedName);
    const paused = Array.isArray(status['pauseConditions']) && status['pauseConditions'].length > 0;
    if (!paused && status['abort'] !== true) {
      const stale = current !== undefined && (labelsOf(current)['step-index'] !== String(index) || labelsOf(current)[ROLLOUT_HASH] !== hash);
      if (!isJsonObject(analysis) || stale) {
        for (const run of runs) this.terminate(run);
        delete canaryStatus['currentStepAnalysisRunStatus'];
        if (!isJsonObject(analysis)) return;
        current = undefined;
      }
      const retrying = typeof status['abortedAt'] === 'string';
      const inconclusiveResumed = status['controllerPause'] === true && valueAt(current ?? {}, ['status', 'phase']) === 'Inconclusive';
      if (!current || retrying || inconclusiveResumed) {
        const previous = runs.filter((run) => nameOf(run).startsWith(`${nameOf(rollout)}-${hash}-`) && labelsOf(run)['step-index'] === String(index)).length;
        current = this.createAnalysisRun(context, analysis, index, previous);
      }
    }
    if (!current) return;
    const phase = String(valueAt(current, ['status', 'phase']) ?? 'Pending');
    const message = valueAt(current, ['status', 'message']);
    canaryStatus['currentStepAnalysisRunStatus'] = { name: nameOf(current), status: phase, ...(typeof message === 'string' && message !== '' ? { message } : {}) };
    if (paused || status['abort'] === true) return;
    if (phase === 'Inconclusive') addPause(status, PAUSE_INCONCLUSIVE, context.now);
    if (phase === 'Failed' || phase === 'Error') {
      context.abortMessage = `Step-based analysis phase error/failed${typeof message === 'string' && message !== '' ? `: ${message}` : ''}`;
      status['abort'] = true;
      status['abortedAt'] = kubeTime(context.now);
    }
  }

  private terminate(run: KubeObject): void {
    if (isCompleted(valueAt(run, ['status', 'phase'])) || valueAt(run, ['spec', 'terminate']) === true) return;
    this.api.mutate(analysisRuns, namespaceOf(run), nameOf(run), (stored) => {
      objectAt(stored, ['spec'])['terminate'] = true;
    });
  }

  private createAnalysisRun(context: Context, analysis: JsonObject, index: number, existingRuns: number): KubeObject | undefined {
    const { rollout, status } = context;
    const templates = Array.isArray(analysis['templates']) ? analysis['templates'].filter(isJsonObject) : [];
    const metrics: JsonObject[] = [];
    const templateArgs: JsonObject[] = [];
    for (const reference of templates) {
      const template = this.api.find(analysisTemplates, namespaceOf(rollout), String(reference['templateName'] ?? ''));
      if (!template) {
        context.abortMessage = `AnalysisTemplate "${String(reference['templateName'])}" not found`;
        status['abort'] = true;
        status['abortedAt'] ??= kubeTime(context.now);
        return undefined;
      }
      const spec = isJsonObject(template['spec']) ? template['spec'] : {};
      if (Array.isArray(spec['metrics'])) metrics.push(...spec['metrics'].filter(isJsonObject));
      if (Array.isArray(spec['args'])) templateArgs.push(...spec['args'].filter(isJsonObject));
    }
    const stepArgs = Array.isArray(analysis['args']) ? analysis['args'].filter(isJsonObject) : [];
    const args = templateArgs.map((arg) => {
      const given = stepArgs.find((candidate) => candidate['name'] === arg['name']);
      const value = given ? argumentValue(given, rollout, status) : typeof arg['value'] === 'string' ? arg['value'] : null;
      return value === null ? { name: arg['name'] ?? '' } : { name: arg['name'] ?? '', value };
    });
    const hash = String(status['currentPodHash'] ?? '');
    const revision = annotationsOf(rollout)[ROLLOUT_REVISION] ?? '1';
    const baseName = `${nameOf(rollout)}-${hash}-${revision}-${index}`;
    const name = existingRuns === 0 ? baseName : `${baseName}.${existingRuns}`;
    const labels = { [ROLLOUT_HASH]: hash, 'rollout-type': 'Step', 'step-index': String(index), ...(isJsonObject(valueAt(rollout, ['spec', 'selector', 'matchLabels'])) ? (valueAt(rollout, ['spec', 'selector', 'matchLabels']) as JsonObject) : {}) };
    return cloneJson(
      this.api.create(analysisRuns, namespaceOf(rollout), {
        apiVersion: 'argoproj.io/v1alpha1',
        kind: 'AnalysisRun',
        metadata: { name, namespace: namespaceOf(rollout), labels, annotations: { [ROLLOUT_REVISION]: revision }, ownerReferences: [controllerReference(rollout)] },
        spec: { metrics, args }
      })
    );
  }

  /** Scales stable, then canary, then older ReplicaSets toward the step's weight; true when it scaled. */
  private reconcileReplicaSets(context: Context): boolean {
    const { status, steps, newReplicaSet, stableReplicaSet, others } = context;
    const inputs = { ...context.inputs, desiredWeight: desiredWeight(status, steps) };
    const [newCount, stableCount] = basicCanaryCounts(inputs, newReplicaSet, stableReplicaSet, others);
    if (stableReplicaSet && nameOf(stableReplicaSet) !== nameOf(newReplicaSet) && this.scale(stableReplicaSet, stableCount)) return true;
    if (this.scale(newReplicaSet, newCount)) return true;
    const all = [newReplicaSet, ...(stableReplicaSet ? [stableReplicaSet] : []), ...others];
    const available = all.reduce((sum, replicaSet) => sum + numberAt(replicaSet, 'status', 'availableReplicas'), 0);
    let budget = available - (inputs.replicas - canaryMaxUnavailable(inputs));
    let scaled = false;
    for (const old of [...others].sort((a, b) => revisionOf(b) - revisionOf(a))) {
      const replicas = numberAt(old, 'spec', 'replicas');
      if (replicas === 0) continue;
      const unavailable = replicas - Math.min(replicas, numberAt(old, 'status', 'availableReplicas'));
      const target = Math.max(0, replicas - unavailable - Math.max(0, budget));
      if (target === replicas) continue;
      budget -= replicas - unavailable - target;
      scaled = this.scale(old, target) || scaled;
    }
    return scaled;
  }

  private scale(replicaSet: KubeObject, replicas: number): boolean {
    if (numberAt(replicaSet, 'spec', 'replicas') === replicas) return false;
    this.api.mutate(replicaSets, namespaceOf(replicaSet), nameOf(replicaSet), (stored) => {
      objectAt(stored, ['spec'])['replicas'] = replicas;
    });
    return true;
  }

  /** `reconcileCanaryPause`: a pause step adds the CanaryPauseStep condition; a timed one requeues. */
  private reconcilePauseStep(context: Context): void {
    const { rollout, status, steps, now } = context;
    if (valueAt(rollout, ['spec', 'paused']) === true || status['promoteFull'] === true) return;
    const step = steps[currentStepIndex(status)];
    const pause = step?.['pause'];
    if (!isJsonObject(pause)) return;
    const condition = pauseCondition(status, PAUSE_STEP);
    if (!condition) {
      if (status['controllerPause'] !== true) addPause(status, PAUSE_STEP, now);
      return;
    }
    const duration = durationMs(pause['duration']);
    if (duration === null) return;
    const remaining = Date.parse(String(condition['startTime'])) + duration - now.getTime();
    this.queue.addAfter(`${namespaceOf(rollout)}/${nameOf(rollout)}`, Math.max(remaining, 0) + 20);
  }

  private completedCurrentStep(context: Context): boolean {
    const { rollout, status, steps, now } = context;
    if (valueAt(rollout, ['spec', 'paused']) === true) return false;
    const step = steps[currentStepIndex(status)];
    if (!step) return false;
    if (isJsonObject(step['pause'])) {
      const condition = pauseCondition(status, PAUSE_STEP);
      if (status['controllerPause'] === true && !condition) return true;
      const duration = durationMs(step['pause']['duration']);
      return duration !== null && condition !== undefined && Date.parse(String(condition['startTime'])) + duration < now.getTime();
    }
    if (step['setWeight'] !== undefined) return this.atDesiredCounts(context);
    if (isJsonObject(step['analysis'])) return valueAt(status, ['canary', 'currentStepAnalysisRunStatus', 'status']) === 'Successful';
    return true;
  }

  private atDesiredCounts(context: Context): boolean {
    const { status, steps, newReplicaSet, stableReplicaSet, others } = context;
    const [newCount, stableCount] = basicCanaryCounts({ ...context.inputs, desiredWeight: desiredWeight(status, steps) }, newReplicaSet, stableReplicaSet, others);
    const settled = (replicaSet: KubeObject | undefined, count: number) => replicaSet !== undefined && numberAt(replicaSet, 'spec', 'replicas') === count && numberAt(replicaSet, 'status', 'availableReplicas') === count;
    return settled(newReplicaSet, newCount) && settled(stableReplicaSet, stableCount) && others.every((old) => numberAt(old, 'status', 'availableReplicas') === 0);
  }

  /** `shouldFullPromote`. */
  private fullPromotionReason(context: Context): string | null {
    const { status, steps, newReplicaSet, stableReplicaSet, inputs } = context;
    if (!stableReplicaSet) return 'Initial deploy';
    if (status['abort'] === true) return null;
    if (numberAt(newReplicaSet, 'status', 'availableReplicas') < inputs.replicas) return null;
    if (status['promoteFull'] === true) return 'Full promotion requested';
    if (nameOf(stableReplicaSet) === nameOf(newReplicaSet)) return 'Fast rollback';
    if (steps.length === 0 || currentStepIndex(status) === steps.length) return `Completed all ${steps.length} canary steps`;
    return null;
  }

  private invalid(rollout: KubeObject, status: JsonObject, message: string, now: Date): void {
    status['phase'] = 'Degraded';
    status['message'] = `InvalidSpec: ${message}`;
    status['observedGeneration'] = String(generationOf(rollout));
    setCondition(status, 'InvalidSpec', 'True', 'InvalidSpec', message, now);
    this.write(rollout, status);
  }

  /** `persistRolloutStatus`: counts, phase, message and conditions, written when they changed. */
  private persist(context: Context): void {
    const { rollout, status, newReplicaSet, stableReplicaSet, others, now } = context;
    const current = this.api.list(replicaSets, namespaceOf(rollout)).filter((replicaSet) => isControlledBy(replicaSet, rollout));
    const sum = (field: string) => current.reduce((total, replicaSet) => total + numberAt(replicaSet, 'status', field), 0);
    const fresh = current.find((replicaSet) => nameOf(replicaSet) === nameOf(newReplicaSet)) ?? newReplicaSet;
    setCount(status, 'replicas', sum('replicas'));
    setCount(status, 'updatedReplicas', numberAt(fresh, 'status', 'replicas'));
    setCount(status, 'readyReplicas', sum('readyReplicas'));
    setCount(status, 'availableReplicas', sum('availableReplicas'));
    setCount(status, 'HPAReplicas', sum('replicas'));
    status['observedGeneration'] = String(generationOf(rollout));
    status['selector'] = formatSelector(fromLabelSelector(valueAt(rollout, ['spec', 'selector'])));
    objectAt(status, ['canary']);
    if (status['abort'] !== true) delete status['abortedAt'];
    const revision = Number(annotationsOf(rollout)[ROLLOUT_REVISION] ?? '1');
    const abortedMessage = `Rollout aborted update to revision ${revision}${context.abortMessage ? `: ${context.abortMessage}` : ''}`;
    const paused = valueAt(rollout, ['spec', 'paused']) === true || (Array.isArray(status['pauseConditions']) && status['pauseConditions'].length > 0);
    const fullyPromoted = status['stableRS'] === status['currentPodHash'];
    const replicas = context.inputs.replicas;
    const complete = fullyPromoted && numberAt(status, 'updatedReplicas') === replicas && numberAt(status, 'availableReplicas') === replicas && numberAt(status, 'replicas') === replicas;

    if (status['abort'] === true) {
      const previous = conditionOf(status, 'Progressing');
      const message = previous?.['reason'] === 'RolloutAborted' && !context.abortMessage ? String(previous['message']) : abortedMessage;
      setCondition(status, 'Progressing', 'False', 'RolloutAborted', message, now);
    } else if (paused) {
      setCondition(status, 'Progressing', 'Unknown', 'RolloutPaused', 'Rollout is paused', now);
    } else if (complete) {
      setCondition(status, 'Progressing', 'True', 'NewReplicaSetAvailable', `ReplicaSet "${nameOf(newReplicaSet)}" has successfully progressed.`, now);
    } else {
      setCondition(status, 'Progressing', 'True', 'ReplicaSetUpdated', `ReplicaSet "${nameOf(newReplicaSet)}" is progressing.`, now);
    }
    const minAvailable = replicas - canaryMaxUnavailable(context.inputs);
    setCondition(status, 'Available', numberAt(status, 'availableReplicas') >= minAvailable ? 'True' : 'False', 'AvailableReason', numberAt(status, 'availableReplicas') >= minAvailable ? 'Rollout has minimum availability' : 'Rollout does not have minimum availability', now);
    setCondition(status, 'Completed', complete && !paused ? 'True' : 'False', 'RolloutCompleted', 'RolloutCompleted', now);
    if (paused) setCondition(status, 'Paused', 'True', 'RolloutPaused', 'Rollout is paused', now);
    else removeCondition(status, 'Paused');

    const { phase, message } = rolloutPhase(rollout, status, complete, others.concat(stableReplicaSet && nameOf(stableReplicaSet) !== nameOf(newReplicaSet) ? [stableReplicaSet] : []));
    status['phase'] = phase;
    if (message) status['message'] = message;
    else delete status['message'];
    setCondition(status, 'Healthy', phase === 'Healthy' ? 'True' : 'False', 'RolloutHealthy', phase === 'Healthy' ? 'Rollout is healthy' : 'Rollout is not healthy', now);
    this.write(rollout, status);
  }

  private write(rollout: KubeObject, status: JsonObject): void {
    if (semanticEqual(rollout['status'], status)) return;
    this.api.mutate(rollouts, namespaceOf(rollout), nameOf(rollout), (stored) => {
      stored['status'] = status;
    }, 'status');
  }
}

/** The canary's weight now: full when promoted or nothing is stable yet, 0 when aborted, else the last setWeight. */
function desiredWeight(status: JsonObject, steps: JsonObject[]): number {
  if (status['promoteFull'] === true || !status['stableRS'] || status['currentPodHash'] === status['stableRS']) return 100;
  if (status['abort'] === true) return 0;
  const index = currentStepIndex(status);
  if (index >= steps.length) return 100;
  for (let position = index; position >= 0; position--) {
    const weight = steps[position]?.['setWeight'];
    if (typeof weight === 'number') return weight;
  }
  return 0;
}

function currentStepIndex(status: JsonObject): number {
  return typeof status['currentStepIndex'] === 'number' ? status['currentStepIndex'] : 0;
}

function resetStatus(status: JsonObject, steps: JsonObject[]): void {
  clearPause(status);
  clearAbort(status);
  delete status['promoteFull'];
  const canaryStatus = objectAt(status, ['canary']);
  delete canaryStatus['currentStepAnalysisRunStatus'];
  if (steps.length > 0) status['currentStepIndex'] = 0;
  else delete status['currentStepIndex'];
}

function revisionOf(replicaSet: KubeObject): number {
  const value = Number.parseInt(annotationsOf(replicaSet)[ROLLOUT_REVISION] ?? '', 10);
  return Number.isNaN(value) ? 0 : value;
}

function intOrString(value: unknown, fallback: string): number | string {
  return typeof value === 'number' || typeof value === 'string' ? value : fallback;
}

/** An analysis step argument: a value, the stable/latest pod-template-hash, or a field of the Rollout. */
function argumentValue(argument: JsonObject, rollout: KubeObject, status: JsonObject): string | null {
  if (typeof argument['value'] === 'string') return argument['value'];
  const from = argument['valueFrom'];
  if (!isJsonObject(from)) return null;
  if (from['podTemplateHashValue'] === 'Stable') return String(status['stableRS'] ?? '');
  if (from['podTemplateHashValue'] === 'Latest') return String(status['currentPodHash'] ?? '');
  const fieldPath = valueAt(from, ['fieldRef', 'fieldPath']);
  if (typeof fieldPath === 'string') {
    const value = valueAt(rollout, fieldPath.split('.'));
    return value === undefined || value === null ? null : String(value);
  }
  return null;
}
