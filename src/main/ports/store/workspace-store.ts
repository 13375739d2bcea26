import type { Environment, Service } from '../../../shared/domain/workspace';
import type { AuditInput } from './audit-store';
import type { Deferred } from './deferred';

/** An environment as given to the store: without settings, a new one takes the defaults and an existing one keeps its own. */
export type EnvironmentSpec = Omit<Environment, 'position' | 'settings'> & { readonly settings?: Environment['settings'] | undefined };

export interface NewService {
  readonly name: string;
  readonly repoPath: string;
  readonly imageRepository: string | null;
  readonly pipelineFile: string;
  readonly environments: readonly EnvironmentSpec[];
}

export interface WorkspaceReads {
  listServices(): readonly Service[];
  /** null when there is no service of that name. */
  findService(name: string): Service | null;
}

/** Each change comes with the audit entry that records it; both are written, or neither. */
export interface WorkspaceWrites {
  /** Adds the service and its environments. Names are unique without regard to case: throws ALREADY_EXISTS. */
  addService(service: NewService, audit: AuditInput): Service;
  /** Replaces the environments (in the given order); a dropped environment is retired, not deleted. */
  setEnvironments(serviceName: string, environments: readonly EnvironmentSpec[], audit: AuditInput): Service;
  /** Marks the service retired (it leaves the workspace; its records stay). */
  retireService(serviceName: string, audit: AuditInput): Service;
  /** Points the service at another repository path. */
  setServicePath(serviceName: string, repoPath: string, audit: AuditInput): Service;
}

/** The workspace: services and their environments in promotion order. */
export type WorkspaceStore = WorkspaceReads & Deferred<WorkspaceWrites>;
