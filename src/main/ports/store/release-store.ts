import type { AnalysisReads, AnalysisStore, AnalysisWrites } from './analysis-store';
import type { ArtifactsReads, ArtifactsStore, ArtifactsWrites } from './artifacts-store';
import type { AuditReads, AuditStore, AuditWrites } from './audit-store';
import type { DeploymentsReads, DeploymentsStore, DeploymentsWrites } from './deployments-store';
import type { ReleasesReads, ReleasesStore, ReleasesWrites } from './releases-store';
import type { RunsReads, RunsStore, RunsWrites } from './runs-store';
import type { WorkspaceReads, WorkspaceStore, WorkspaceWrites } from './workspace-store';

/** The aggregate stores bound to one transaction: synchronous, all committed together or not at all. */
export interface StoreTransaction {
  readonly workspace: WorkspaceReads & WorkspaceWrites;
  readonly runs: RunsReads & RunsWrites;
  readonly artifacts: ArtifactsReads & ArtifactsWrites;
  readonly deployments: DeploymentsReads & DeploymentsWrites;
  readonly releases: ReleasesReads & ReleasesWrites;
  readonly audit: AuditReads & AuditWrites;
  readonly analysis: AnalysisReads & AnalysisWrites;
}

/**
 * Work inside a transaction is synchronous: it runs while the write lock is held, so it must not wait on
 * anything. Returning a promise is refused (the transaction is rolled back).
 */
export type TransactionWork<T> = (tx: StoreTransaction) => T;

export interface TransactionOptions {
  /**
   * Where the records written in this transaction take their times from (created, started, finished,
   * pruned…), instead of the store's clock: for recording history that happened before it was recorded
   * (the demo's year of releases). Called at each write, so the caller can move it forward as it goes.
   */
  readonly clock?: (() => string) | undefined;
}

/**
 * The release store: the local record of the workspace and every release, one store per aggregate.
 * Writes wait for another process's lock on a timer (never blocking the event loop) and fail with
 * STORE_BUSY after a while; a store opened read-only answers reads and fails every write with
 * STORE_READ_ONLY.
 */
export interface ReleaseStore {
  readonly workspace: WorkspaceStore;
  readonly runs: RunsStore;
  readonly artifacts: ArtifactsStore;
  readonly deployments: DeploymentsStore;
  /** Releases over the deployment records: locks, holds, approvals, environment settings. */
  readonly releases: ReleasesStore;
  readonly audit: AuditStore;
  /** Canary analysis: the steps analysed, their series and verdicts; and the workspace's settings. */
  readonly analysis: AnalysisStore;
  /** A change that touches several aggregates, written all or nothing. */
  transaction<T>(work: TransactionWork<T>, options?: TransactionOptions): Promise<T>;
  /** Where the database file lives. */
  readonly file: string;
  /** Why the store only reads (a file or folder that is not writable); null when it writes. */
  readonly readOnlyReason: string | null;
  /** Numbered migrations that have been applied, in order. */
  appliedMigrations(): readonly number[];
  close(): void;
}
