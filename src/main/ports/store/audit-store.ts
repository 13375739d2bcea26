import type { AuditDetails, AuditEntry } from '../../../shared/domain/workspace';
import type { Deferred } from './deferred';

export interface AuditInput {
  readonly actor: string;
  readonly action: string;
  readonly subject: string;
  readonly details: AuditDetails;
}

export interface AuditReads {
  /** Newest first; `beforeId` pages back. */
  list(limit: number, beforeId?: number): readonly AuditEntry[];
}

export interface AuditWrites {
  /** Appends an entry (the log is append-only: entries are never edited or removed). */
  append(entry: AuditInput): AuditEntry;
}

/** The audit log: every action (promote, approve, rollback, prune, flag change), appended, never edited. */
export type AuditStore = AuditReads & Deferred<AuditWrites>;
