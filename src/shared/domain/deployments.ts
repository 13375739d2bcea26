/** Deployment records: artifact X went to environment E. Never rewritten; a rollback is a new record. */

export const DEPLOYMENT_STRATEGIES = ['rolling', 'blue-green', 'canary', 'shadow', 'recreate'] as const;
export type DeploymentStrategy = (typeof DEPLOYMENT_STRATEGIES)[number];

export const DEPLOYMENT_STATUSES = ['pending-approval', 'in-progress', 'succeeded', 'failed', 'rolled-back', 'interrupted'] as const;
export type DeploymentStatus = (typeof DEPLOYMENT_STATUSES)[number];

export type CanaryVerdict = 'pass' | 'fail' | 'inconclusive';
export type ApprovalDecision = 'approved' | 'rejected';

/** One step of a deployment's life; its status is that of its latest event. */
export interface DeploymentEvent {
  readonly id: number;
  readonly status: DeploymentStatus;
  readonly detail: string | null;
  readonly canaryVerdict: CanaryVerdict | null;
  readonly at: string;
}

export interface Approval {
  readonly id: number;
  readonly decision: ApprovalDecision;
  readonly decidedBy: string;
  readonly comment: string | null;
  readonly decidedAt: string;
}

export interface Deployment {
  readonly id: number;
  readonly service: string;
  readonly environment: string;
  readonly artifactId: number;
  readonly digest: string;
  readonly previousArtifactId: number | null;
  readonly strategy: DeploymentStrategy;
  readonly startedBy: string;
  readonly createdAt: string;
  /** The deployment this one undoes, when it is a rollback. */
  readonly rollbackOfId: number | null;
  readonly status: DeploymentStatus;
  /** The latest canary verdict recorded, if any. */
  readonly canaryVerdict: CanaryVerdict | null;
}

export interface DeploymentDetail extends Deployment {
  readonly events: readonly DeploymentEvent[];
  readonly approvals: readonly Approval[];
}
