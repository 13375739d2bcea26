/**
 * Argo Rollouts: whether the CRD exists, the kubectl plugin's promote / abort / retry patches (status
 * subresource), and a Rollout's AnalysisRuns as the domain shows them.
 */
import type { AnalysisMeasurementView, AnalysisMetricView, AnalysisRunView } from '../../../shared/domain/kubernetes';
import type { WorkloadRef } from '../../ports/kubernetes';
import { AppError } from '../../../shared/result';
import { ANALYSIS_RUNS, PatchStrategy, ROLLOUTS, type KubeApi } from './kube-api';
import { arrayAt, isObject, numberAt, stringAt, stringMap, valueAt, type KubeObject } from './kube-json';
import { requireWorkload } from './workload-client';

export const ROLLOUTS_CRD = 'rollouts.argoproj.io';

function requireRollout(ref: WorkloadRef): void {
  if (ref.kind !== 'Rollout') throw new AppError('INVALID_INPUT', `${ref.name} is a Deployment; promote, abort and retry apply to Argo Rollouts`);
}

export async function hasArgoRollouts(api: KubeApi, signal?: AbortSignal): Promise<boolean> {
  try {
    return await api.customResourceDefinitionExists(ROLLOUTS_CRD, signal);
  } catch (error) {
    // Many users may not read CRDs; discovery is open to any authenticated user.
    if (!(error instanceof AppError && error.code === 'KUBE_FORBIDDEN')) throw error;
    const resources = await api.servedResources(ROLLOUTS.group, ROLLOUTS.version, signal);
    return resources !== null && resources.includes(ROLLOUTS.plural);
  }
}

export async function promoteRollout(api: KubeApi, ref: WorkloadRef, full: boolean, signal?: AbortSignal): Promise<void> {
  requireRollout(ref);
  const rollout = await requireWorkload(api, ref, signal);
  if (full) {
    await api.patch(ROLLOUTS, ref.namespace, ref.name, { status: { promoteFull: true } }, PatchStrategy.MergePatch, signal, 'status');
  } else {
    await api.patch(ROLLOUTS, ref.namespace, ref.name, { status: { pauseConditions: null } }, PatchStrategy.MergePatch, signal, 'status');
  }
  if (valueAt(rollout, 'spec', 'paused') === true) await api.patch(ROLLOUTS, ref.namespace, ref.name, { spec: { paused: false } }, PatchStrategy.MergePatch, signal);
}

export async function abortRollout(api: KubeApi, ref: WorkloadRef, signal?: AbortSignal): Promise<void> {
  requireRollout(ref);
  await api.patch(ROLLOUTS, ref.namespace, ref.name, { status: { abort: true } }, PatchStrategy.MergePatch, signal, 'status');
}

export async function retryRollout(api: KubeApi, ref: WorkloadRef, signal?: AbortSignal): Promise<void> {
  requireRollout(ref);
  await api.patch(ROLLOUTS, ref.namespace, ref.name, { status: { abort: false } }, PatchStrategy.MergePatch, signal, 'status');
}

function measurementOf(measurement: KubeObject): AnalysisMeasurementView {
  return {
    phase: stringAt(measurement, 'phase') ?? 'Pending',
    value: stringAt(measurement, 'value'),
    message: stringAt(measurement, 'message'),
    startedAt: stringAt(measurement, 'startedAt'),
    finishedAt: stringAt(measurement, 'finishedAt')
  };
}

function metricOf(result: KubeObject): AnalysisMetricView {
  return {
    name: stringAt(result, 'name') ?? '',
    phase: stringAt(result, 'phase') ?? 'Pending',
    message: stringAt(result, 'message'),
    successful: numberAt(result, 'successful'),
    failed: numberAt(result, 'failed'),
    inconclusive: numberAt(result, 'inconclusive'),
    error: numberAt(result, 'error'),
    measurements: arrayAt(result, 'measurements').filter(isObject).map(measurementOf)
  };
}

export function analysisRunViewOf(run: KubeObject): AnalysisRunView {
  const stepIndex = Number.parseInt(stringMap(valueAt(run, 'metadata', 'labels'))['step-index'] ?? '', 10);
  return {
    name: stringAt(run, 'metadata', 'name') ?? '',
    phase: stringAt(run, 'status', 'phase') ?? 'Pending',
    message: stringAt(run, 'status', 'message'),
    startedAt: stringAt(run, 'status', 'startedAt') ?? stringAt(run, 'metadata', 'creationTimestamp'),
    stepIndex: Number.isFinite(stepIndex) ? stepIndex : null,
    metrics: arrayAt(run, 'status', 'metricResults').filter(isObject).map(metricOf)
  };
}

export async function analysisRuns(api: KubeApi, ref: WorkloadRef, signal?: AbortSignal): Promise<readonly AnalysisRunView[]> {
  requireRollout(ref);
  const rollout = await requireWorkload(api, ref, signal);
  const uid = stringAt(rollout, 'metadata', 'uid');
  const { items } = await api.list(ANALYSIS_RUNS, ref.namespace, {}, signal);
  const owned = items.filter((run) => arrayAt(run, 'metadata', 'ownerReferences').some((owner) => isObject(owner) && owner['uid'] === uid));
  const created = (run: KubeObject): string => stringAt(run, 'metadata', 'creationTimestamp') ?? '';
  owned.sort((a, b) => created(b).localeCompare(created(a)) || (stringAt(b, 'metadata', 'name') ?? '').localeCompare(stringAt(a, 'metadata', 'name') ?? ''));
  return owned.map(analysisRunViewOf);
}
