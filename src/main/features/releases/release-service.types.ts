/**
 * What the release orchestrator offers the handlers and the CLI: it writes the records (lock, events,
 * approvals, holds), resolves what to deploy or roll back to, runs the strategy in the background and
 * says when a release has settled. Implemented by `release-service.ts`.
 */
import type { ReleaseStrategy } from '../../../shared/domain/environment-settings';
import type { Release, RollbackPreflight } from '../../../shared/domain/releases';

export interface DeployRequest {
  readonly service: string;
  readonly environment: string;
  readonly digest: string;
  readonly strategy?: ReleaseStrategy | undefined;
  /** `branch-watch` deploys are refused (ENVIRONMENT held) while the environment is held. */
  readonly trigger?: 'manual' | 'branch-watch' | undefined;
}

export interface RollbackRequest {
  readonly service: string;
  readonly environment: string;
  readonly toDigest?: string | undefined;
  readonly reason?: string | undefined;
  readonly overrideReason?: string | undefined;
  /** `automatic-rollback` (a failed canary analysis) places no hold; a person's rollback does. */
  readonly trigger?: 'rollback' | 'automatic-rollback' | undefined;
}

export interface ReleaseService {
  /** Records the release (pending approval, or in progress with the lock) and starts it in the background. */
  deploy(request: DeployRequest): Promise<Release>;
  /** Deploys what runs in the previous environment (the same digest). */
  promote(request: { readonly service: string; readonly environment: string; readonly strategy?: ReleaseStrategy | undefined }): Promise<Release>;
  approve(deploymentId: number, comment: string | null): Promise<Release>;
  reject(deploymentId: number, reason: string): Promise<Release>;
  /**
   * Rolls back after checking the pre-flight (computed by the caller with the same inputs): refused with
   * ROLLBACK_BLOCKED when it is blocked and not overridden. Places a hold when it succeeds.
   */
  rollback(request: RollbackRequest, preflight: RollbackPreflight): Promise<Release>;
  canary(service: string, environment: string, action: 'continue' | 'abort'): Promise<Release>;
  releaseHold(service: string, environment: string): Promise<void>;
  /** Resolves with the release once it has settled (succeeded, failed, rolled back, interrupted) or waits for a person. */
  settled(deploymentId: number, signal?: AbortSignal): Promise<Release>;
  /** At start: releases whose process is gone are marked interrupted and the real state is read back; paused canaries' timers resume. */
  recover(): Promise<void>;
  /** Stops timers; waits for steps in flight to record how they ended. */
  close(): Promise<void>;
}
