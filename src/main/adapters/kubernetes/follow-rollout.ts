/**
 * `kubectl rollout status`: reads the workload, then watches that one object (fieldSelector
 * metadata.name) from the resourceVersion read, evaluating each change; a dropped or expired watch is
 * re-established from a fresh read. Resolves when done (or paused), rejects ROLLOUT_FAILED on a deadline
 * exceeded / abort / deletion, CANCELLED on the signal.
 */
import { Watch } from '@kubernetes/client-node';
import type { RolloutProgress, WorkloadRef } from '../../ports/kubernetes';
import { AppError } from '../../../shared/result';
import type { KubeApi } from './kube-api';
import { kubeErrorOf } from './kube-errors';
import { isObject, stringAt, type KubeObject } from './kube-json';
import { workloadProgress } from './rollout-progress';
import { describeRef, readWorkload, resourceOf } from './workload-client';
import { workloadSnapshotOf } from './workload-snapshot';

export interface FollowOptions {
  readonly signal?: AbortSignal | undefined;
  readonly onProgress?: (progress: RolloutProgress) => void;
  readonly timeoutMs?: number;
}

/** Consecutive failures to re-establish the watch before giving up (unreachable server, lost credentials). */
const MAX_RECONNECTS = 6;

export function followRollout(api: KubeApi, ref: WorkloadRef, options: FollowOptions): Promise<RolloutProgress> {
  return new Promise<RolloutProgress>((resolve, reject) => {
    let finished = false;
    let lastMessage: string | null = null;
    let lastProgress: RolloutProgress | null = null;
    let resourceVersion = '';
    let watchController: AbortController | null = null;
    let retryTimer: NodeJS.Timeout | null = null;
    let failures = 0;
    let timeout: NodeJS.Timeout | null = null;
    const type = resourceOf(ref);

    const finish = (outcome: { progress: RolloutProgress } | { error: AppError }): void => {
      if (finished) return;
      finished = true;
      if (timeout) clearTimeout(timeout);
      if (retryTimer) clearTimeout(retryTimer);
      options.signal?.removeEventListener('abort', onAbort);
      watchController?.abort();
      if ('progress' in outcome) resolve(outcome.progress);
      else reject(outcome.error);
    };

    const evaluate = (object: KubeObject): void => {
      if (finished) return;
      resourceVersion = stringAt(object, 'metadata', 'resourceVersion') ?? resourceVersion;
      const verdict = workloadProgress(workloadSnapshotOf(ref, object));
      lastProgress = verdict.progress;
      if (verdict.progress.message !== lastMessage) {
        lastMessage = verdict.progress.message;
        options.onProgress?.(verdict.progress);
      }
      if (verdict.kind === 'failed') finish({ error: new AppError('ROLLOUT_FAILED', verdict.message, ref.kind === 'Deployment' ? 'Look at the new Pods (kubectl describe pods) for why they do not become ready, then roll back or fix the image.' : 'See the Rollout\'s message and AnalysisRuns; retry or roll back.') });
      else if (verdict.kind === 'paused' || verdict.progress.done) finish({ progress: verdict.progress });
    };

    const deleted = (): void => finish({ error: new AppError('ROLLOUT_FAILED', `${describeRef(ref)} was deleted during the rollout`, 'Someone deleted it; re-create it or release again.') });

    const scheduleReconnect = (error: unknown): void => {
      if (finished) return;
      failures += 1;
      if (failures > MAX_RECONNECTS) return finish({ error: kubeErrorOf(error, api.scene) });
      const delay = Math.min(5000, 100 * 2 ** Math.min(failures, 6));
      retryTimer = setTimeout(() => void establish(), delay);
    };

    const establish = async (): Promise<void> => {
      if (finished) return;
      let object: KubeObject | null;
      try {
        object = await readWorkload(api, ref, options.signal);
      } catch (error) {
        if (error instanceof AppError && (error.code === 'KUBE_UNAUTHORIZED' || error.code === 'KUBE_FORBIDDEN' || error.code === 'CANCELLED')) return finish({ error });
        return scheduleReconnect(error);
      }
      if (object === null) return deleted();
      evaluate(object);
      if (finished) return;
      const path = type.group === '' ? `/api/${type.version}/namespaces/${ref.namespace}/${type.plural}` : `/apis/${type.group}/${type.version}/namespaces/${ref.namespace}/${type.plural}`;
      try {
        watchController = await new Watch(api.config).watch(
          path,
          { fieldSelector: `metadata.name=${ref.name}`, resourceVersion, allowWatchBookmarks: true },
          (phase: string, apiObject: unknown) => {
            if (finished || !isObject(apiObject)) return;
            failures = 0;
            if (phase === 'ADDED' || phase === 'MODIFIED') evaluate(apiObject);
            else if (phase === 'DELETED') deleted();
            else if (phase === 'BOOKMARK') resourceVersion = stringAt(apiObject, 'metadata', 'resourceVersion') ?? resourceVersion;
            // ERROR (410 Gone and others): the watch ends; `done` re-establishes it from a fresh read.
          },
          (error: unknown) => {
            if (finished) return;
            if (error === null || error === undefined) {
              retryTimer = setTimeout(() => void establish(), 0);
              return;
            }
            scheduleReconnect(error);
          }
        );
        if (finished) watchController.abort();
      } catch (error) {
        scheduleReconnect(error);
      }
    };

    const onAbort = (): void => finish({ error: new AppError('CANCELLED', `stopped following ${describeRef(ref)}`) });
    if (options.signal?.aborted) return onAbort();
    options.signal?.addEventListener('abort', onAbort, { once: true });
    if (options.timeoutMs !== undefined) {
      timeout = setTimeout(() => {
        const last = lastProgress === null ? '' : `: ${lastProgress.message}`;
        finish({ error: new AppError('ROLLOUT_FAILED', `timed out after ${Math.round((options.timeoutMs ?? 0) / 1000)} s waiting for ${describeRef(ref)} to roll out${last}`, 'The rollout may still finish; check it, or roll back.') });
      }, options.timeoutMs);
    }
    void establish();
  });
}
