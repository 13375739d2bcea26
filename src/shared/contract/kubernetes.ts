/**
 * Kubernetes environments: the kubeconfig's contexts (for Settings' picker) and the watches' state; a
 * workload's revisions joined with the release records; pause, resume and restart; an Argo Rollout's
 * AnalysisRuns. Deploy, promote and rollback are the releases feature's, as for any environment; the
 * `kubernetes.changes` hint says a watched workload changed (the board refetches within a moment).
 */
import { z } from 'zod';
import type { AnalysisRunView, KubeconfigView, WorkloadRevision } from '../domain/kubernetes';
import { call, stream, type FeatureContract } from './define';
import { noInput, serviceName } from './schemas';

const environmentName = z.string({ error: 'environment name is required' }).regex(/^[a-z0-9][a-z0-9-]{0,31}$/, {
  error: 'environment name must be 1–32 lowercase letters, digits or "-", e.g. "staging"'
});

const target = z.strictObject({ service: serviceName, environment: environmentName });

/** One namespace's watch as Settings shows it. */
export interface KubeWatchView {
  readonly context: string | null;
  readonly namespace: string;
  readonly state: 'listing' | 'live' | 'backing-off';
  readonly problem: string | null;
  readonly since: string;
}

export interface KubernetesOverview {
  readonly kubeconfig: KubeconfigView;
  readonly watches: readonly KubeWatchView[];
  /** Whether this Shipdeck runs a Kubernetes API emulator for the demo (its context is the emulator's). */
  readonly emulator: { readonly context: string; readonly server: string } | null;
}

export interface KubernetesChange {
  readonly service: string;
  readonly environment: string;
}

export const WORKLOAD_ACTIONS = ['pause', 'resume', 'restart'] as const;

export const kubernetesContract = {
  feature: 'kubernetes',
  calls: {
    'kubernetes.overview': call<KubernetesOverview>()(
      noInput,
      "The kubeconfig's contexts as kubectl reads them (KUBECONFIG or ~/.kube/config; never a credential) and the state of each namespace's watch."
    ),
    'kubernetes.revisions': call<readonly WorkloadRevision[]>()(
      target,
      "A kubernetes environment's revisions, newest first: its ReplicaSets (revision, change-cause, image) joined with Shipdeck's records, which go back further than revisionHistoryLimit keeps."
    ),
    'kubernetes.control': call<{ readonly service: string; readonly environment: string; readonly action: (typeof WORKLOAD_ACTIONS)[number] }>()(
      z.strictObject({ ...target.shape, action: z.enum(WORKLOAD_ACTIONS, { error: `action must be one of: ${WORKLOAD_ACTIONS.join(', ')}` }) }),
      "Pauses, resumes or restarts a kubernetes environment's workload (as kubectl rollout pause/resume/restart); recorded in the audit trail."
    ),
    'kubernetes.analysisRuns': call<readonly AnalysisRunView[]>()(
      target,
      "An Argo Rollout environment's AnalysisRuns, newest first, with each measurement and why it failed."
    )
  },
  streams: {
    'kubernetes.changes': stream<KubernetesChange>()(noInput, "A hint each time a watched workload of a kubernetes environment changes: refetch the board.")
  }
} as const satisfies FeatureContract;
