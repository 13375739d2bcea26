/** Services, their environments and the audit trail: the workspace a release manager keeps. */
import { DEFAULT_ENVIRONMENT_SETTINGS, type EnvironmentSettings } from './environment-settings';

export const TARGET_KINDS = ['docker', 'kubernetes', 'gitops'] as const;
export type TargetKind = (typeof TARGET_KINDS)[number];

export interface Environment {
  readonly name: string;
  /** 0-based place in the promotion order: 0 is deployed first (dev), the last is prod. */
  readonly position: number;
  readonly targetKind: TargetKind;
  readonly requiresApproval: boolean;
  /** How it releases (port, instances, health path, strategy, sticky key…). */
  readonly settings: EnvironmentSettings;
}

export interface Service {
  readonly name: string;
  /** Absolute path of the local git repository. */
  readonly repoPath: string;
  /** e.g. `127.0.0.1:5000/shop/api`; null until the service is given one. */
  readonly imageRepository: string | null;
  /** Path of the pipeline file inside the repository. */
  readonly pipelineFile: string;
  readonly environments: readonly Environment[];
  readonly createdAt: string;
  /** Marked read-only: its traffic may be mirrored (shadow releases). */
  readonly readOnly: boolean;
}

export type AuditDetails = Readonly<Record<string, string | number | boolean | null>>;

export interface AuditEntry {
  readonly id: number;
  readonly at: string;
  readonly actor: string;
  readonly action: string;
  /** What the action was about, e.g. `service:shop-api`. */
  readonly subject: string;
  readonly details: AuditDetails;
}

export const DEFAULT_PIPELINE_FILE = '.shipdeck/pipeline.yml';

/** The environments a new service starts with; the user edits them afterwards. */
export const DEFAULT_ENVIRONMENTS: readonly Environment[] = [
  { name: 'dev', position: 0, targetKind: 'docker', requiresApproval: false, settings: DEFAULT_ENVIRONMENT_SETTINGS },
  { name: 'staging', position: 1, targetKind: 'docker', requiresApproval: false, settings: DEFAULT_ENVIRONMENT_SETTINGS },
  { name: 'prod', position: 2, targetKind: 'docker', requiresApproval: true, settings: DEFAULT_ENVIRONMENT_SETTINGS }
];
