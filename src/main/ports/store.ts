/**
 * The release store: the local record of the workspace and every release. Implemented on SQLite; the
 * domain sees only this interface. Records are appended; the audit log is never edited.
 */
import type { AuditDetails, AuditEntry, Environment, Service } from '../../shared/domain/workspace';

export interface NewService {
  readonly name: string;
  readonly repoPath: string;
  readonly imageRepository: string | null;
  readonly pipelineFile: string;
  readonly environments: readonly Omit<Environment, 'position'>[];
}

export interface AuditInput {
  readonly actor: string;
  readonly action: string;
  readonly subject: string;
  readonly details: AuditDetails;
}

export interface WorkspaceStore {
  listServices(): readonly Service[];
  /** null when there is no service of that name. */
  findService(name: string): Service | null;
  /**
   * Adds the service and its environments and the audit entry, all or nothing. Names are unique without
   * regard to case: throws ALREADY_EXISTS. Writes wait for another process's lock without blocking.
   */
  addService(service: NewService, audit: AuditInput): Promise<Service>;
  /** Replaces the environments (in the given order) and appends the audit entry, all or nothing. */
  setEnvironments(
    serviceName: string,
    environments: readonly Omit<Environment, 'position'>[],
    audit: AuditInput
  ): Promise<Service>;
  /** Marks the service retired (it leaves the workspace; its records stay) and audits it. */
  retireService(serviceName: string, audit: AuditInput): Promise<Service>;
  /** Points the service at another repository path and audits it. */
  setServicePath(serviceName: string, repoPath: string, audit: AuditInput): Promise<Service>;
  listAudit(limit: number, beforeId?: number): readonly AuditEntry[];
}

export interface ReleaseStore extends WorkspaceStore {
  /** Where the database file lives. */
  readonly file: string;
  /** Numbered migrations that have been applied, in order. */
  appliedMigrations(): readonly number[];
  close(): void;
}
