import type {
  Approval,
  ApprovalDecision,
  CanaryVerdict,
  Deployment,
  DeploymentDetail,
  DeploymentEvent,
  DeploymentStatus,
  DeploymentStrategy
} from '../../../shared/domain/deployments';
import type { Deferred } from './deferred';
import type { Page, PageRequest } from './paging';

export interface NewDeployment {
  readonly service: string;
  readonly environment: string;
  readonly artifactId: number;
  readonly previousArtifactId: number | null;
  readonly strategy: DeploymentStrategy;
  readonly startedBy: string;
  readonly rollbackOfId: number | null;
  /** The first event: waiting for a person, or under way. */
  readonly status: Extract<DeploymentStatus, 'pending-approval' | 'in-progress'>;
  readonly detail?: string | undefined;
}

export interface NewDeploymentEvent {
  readonly status: DeploymentStatus;
  readonly detail?: string | undefined;
  readonly canaryVerdict?: CanaryVerdict | undefined;
}

export interface NewApproval {
  readonly decision: ApprovalDecision;
  readonly decidedBy: string;
  readonly comment?: string | undefined;
}

export interface DeploymentsReads {
  /** null when there is no deployment with that id. */
  getDeployment(deploymentId: number): DeploymentDetail | null;
  /** An environment's deployments, newest first, each with its current status. */
  listDeployments(service: string, environment: string, page: PageRequest): Page<Deployment>;
}

/** Everything here is appended: deployments, their events and approvals are never rewritten. */
export interface DeploymentsWrites {
  /** Records the deployment with its first event. Throws NOT_FOUND for an unknown environment or artifact. */
  recordDeployment(deployment: NewDeployment): Deployment;
  /** Appends an event; the deployment's status becomes the event's. */
  appendEvent(deploymentId: number, event: NewDeploymentEvent): DeploymentEvent;
  recordApproval(deploymentId: number, approval: NewApproval): Approval;
}

/** Deployment records, their events and approvals. */
export type DeploymentsStore = DeploymentsReads & Deferred<DeploymentsWrites>;
