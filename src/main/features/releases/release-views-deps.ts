/**
 * What the release views read from: the records (workspace, artifacts, audit, releases), git, the
 * engine, nginx, the strategies' read-back of the real state, and the registry (through artifactExists).
 */
import type { Artifact } from '../../../shared/domain/artifacts';
import type { Service } from '../../../shared/domain/workspace';
import type { GitPort } from '../../ports/git';
import type { KubernetesPort } from '../../ports/kubernetes';
import type { EnvironmentRuntimePort } from '../../ports/environment-runtime';
import type { ArtifactsReads, AuditReads, ReleasesReads, WorkspaceReads } from '../../ports/store';
import type { TrafficRouterPort } from '../../ports/traffic-router';
import type { PreflightMemos } from './preflight/preflight-memo';
import type { StrategyRunner } from './strategies/strategy';

/** Whether an artifact's image can still be started: in the local engine or its registry. */
export interface ArtifactPresence {
  readonly exists: boolean;
  /** Where it looked or found it, e.g. "the registry 127.0.0.1:5000" or "the local Docker engine". */
  readonly where: string;
  /** The image was pruned (the record says so, or the registry no longer has it). */
  readonly pruned: boolean;
  /** Why the registry could not be asked (unreachable, refused); absent when it answered. */
  readonly problem?: string;
}

/** The reads the views need of the release store (a ReleaseStore provides them). */
export interface ReleaseViewsStore {
  readonly workspace: WorkspaceReads;
  readonly artifacts: ArtifactsReads;
  readonly audit: AuditReads;
  readonly releases: ReleasesReads;
}

export interface ReleaseViewsDeps {
  readonly store: ReleaseViewsStore;
  readonly git: GitPort;
  readonly runtime: EnvironmentRuntimePort;
  readonly router: TrafficRouterPort;
  readonly readState: StrategyRunner['readState'];
  /** Kubernetes environments' reads (watch cache, revisions); absent where the core has no Kubernetes adapter. */
  readonly kubernetes?: KubernetesPort | undefined;
  readonly artifactExists: (service: string, digest: string, signal?: AbortSignal) => Promise<ArtifactPresence>;
  readonly clock: () => Date;
  /** What the pre-flight remembers between the pre-flight shown and the rollback confirmed (createReleaseViews makes one). */
  readonly memos?: PreflightMemos | undefined;
  /** What the engine runs for an artifact (the orchestrator's function); imageReferenceOf when absent. */
  readonly imageReference?: ((service: Service, artifact: Artifact) => string) | undefined;
  /** How long one environment's live reads (engine, nginx, probes) may take on the board; 3 s when absent. */
  readonly liveTimeoutMs?: number | undefined;
  /** How long each of the pre-flight's reads of the engine and registry may take; 8 s when absent. */
  readonly checkTimeoutMs?: number | undefined;
}
