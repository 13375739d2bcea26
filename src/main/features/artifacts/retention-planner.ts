import type { PrunePlanView } from '../../../shared/domain/artifact-operations';
import type { ArtifactRow } from '../../../shared/domain/artifact-catalog';
import { describeKeepReason, planRetention, type EnvironmentHistory, type RetentionPlan } from '../../../shared/domain/retention';
import { serviceNotFound } from '../../../shared/domain/workspace-errors';
import type { ArtifactsStore, DeploymentsStore, WorkspaceStore } from '../../ports/store';

/** Deployments read per environment to find its last K distinct artifacts; older history is not needed. */
const DEPLOYMENTS_PAGE = 200;
/** A deployment that failed or was rolled back never ran the artifact for good: it is no rollback target. */
const RAN_FOR_GOOD = new Set(['succeeded']);
/** Statuses during which the artifact is (about to be) running: it counts as deployed. */
const DEPLOYED_NOW = new Set(['succeeded', 'in-progress', 'pending-approval']);

export interface RetentionDeps {
  readonly artifacts: ArtifactsStore;
  readonly deployments: DeploymentsStore;
  readonly workspace: WorkspaceStore;
  readonly now: () => Date;
}

/** Builds a service's retention plan from its live artifacts, its policy and each environment's deployments. */
export function createRetentionPlanner(deps: RetentionDeps) {
  const environmentHistories = (service: string, keepPerEnvironment: number): EnvironmentHistory[] => {
    const found = deps.workspace.findService(service);
    if (!found) throw serviceNotFound(service);
    return found.environments.map((environment) => {
      const recent: number[] = [];
      let currentArtifactId: number | null = null;
      let beforeId: number | undefined;
      let first = true;
      do {
        const page = deps.deployments.listDeployments(service, environment.name, { limit: DEPLOYMENTS_PAGE, beforeId });
        for (const deployment of page.items) {
          if (first) {
            first = false;
            if (DEPLOYED_NOW.has(deployment.status)) currentArtifactId = deployment.artifactId;
          }
          if (RAN_FOR_GOOD.has(deployment.status) && !recent.includes(deployment.artifactId)) recent.push(deployment.artifactId);
        }
        beforeId = page.nextBeforeId ?? undefined;
      } while (beforeId !== undefined && recent.length < keepPerEnvironment);
      return { environment: environment.name, currentArtifactId, recentArtifactIds: recent };
    });
  };

  return {
    plan(service: string): RetentionPlan<ArtifactRow> {
      const policy = deps.artifacts.getRetentionPolicy(service);
      const live = deps.artifacts.liveArtifacts(service);
      return planRetention(live, policy, environmentHistories(service, policy.keepPerEnvironment), deps.now());
    },
    /** The plan in words, for the dry run. */
    view(service: string, plan: RetentionPlan<ArtifactRow>): PrunePlanView {
      const policy = { keepLast: plan.policy.keepLast, keepDays: plan.policy.keepDays, keepPerEnvironment: plan.policy.keepPerEnvironment };
      return {
        kind: 'plan',
        service,
        policy,
        prune: plan.prune,
        keep: plan.keep.map((kept) => ({ artifact: kept.artifact, reasons: kept.reasons.map((reason) => describeKeepReason(reason, policy)) }))
      };
    }
  };
}
