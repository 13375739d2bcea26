/**
 * The mechanics of a release on a `docker` environment, apart from its records: start and health-check
 * instances, move traffic in nginx, switch, mirror, remove. The orchestrator (release-service) records
 * what the runner reports and decides at the gates. Every run reads the real state first and moves it to
 * the target, so running it again after an interruption (or to continue a paused canary in another
 * process) picks up where the state is.
 */
import type { EnvironmentSettings, ReleaseStrategy } from '../../../../shared/domain/environment-settings';
import type { ReleaseEventData, ReleasePhase } from '../../../../shared/domain/releases';
import type { Instance, InstanceRole } from '../../../ports/environment-runtime';
import type { RouteConfig } from '../../../ports/traffic-router';

export interface TargetArtifact {
  readonly digest: string;
  /** What the engine runs: `repo@sha256:…` or a local image ID. */
  readonly imageReference: string;
}

/** One thing that happened, for the release's record (the orchestrator appends it as an event). */
export interface StrategyReport {
  readonly phase: ReleasePhase;
  /** A sentence a person reads in the timeline. */
  readonly detail: string;
  readonly step?: number | null;
  /** Traffic on the new version after this, when it changed. */
  readonly weight?: number | null;
  readonly data?: ReleaseEventData;
  /** 0..1 of the whole release, for a progress bar. */
  readonly progress?: number;
}

export type GateDecision = 'continue' | 'abort';

export interface StrategyRun {
  readonly service: string;
  readonly environment: string;
  readonly deploymentId: number;
  readonly strategy: ReleaseStrategy;
  readonly settings: EnvironmentSettings;
  readonly artifact: TargetArtifact;
  /** Recorded before the run goes on (awaited). */
  report(report: StrategyReport): Promise<void>;
  /**
   * Canary: called after each weight below 100 is live and healthy; resolves with a person's (or the
   * pause timer's, or the analysis') decision. Shadow: called once while mirroring, before the end.
   */
  gate(step: { readonly step: number; readonly weight: number }): Promise<GateDecision>;
  readonly signal: AbortSignal;
}

export type StrategyOutcome =
  | { readonly kind: 'succeeded'; readonly detail: string }
  /** The step failed; `restored` says whether traffic is back on what ran before (it must be, or the detail says why not). */
  | { readonly kind: 'failed'; readonly detail: string; readonly restored: boolean }
  /** A person (or an analysis) aborted at a gate: traffic is back on stable. */
  | { readonly kind: 'aborted'; readonly detail: string };

/** What really runs in an environment, read from the engine and nginx (never from the records). */
export interface EnvironmentState {
  readonly instances: readonly Instance[];
  readonly route: RouteConfig | null;
  /** The digest the main traffic goes to (stable pool, or the live colour); null when nothing serves. */
  readonly servingDigest: string | null;
  /** A canary beside stable, with its weight. */
  readonly canary: { readonly digest: string; readonly weight: number } | null;
  /** Blue-green: the colour not getting traffic, still running. */
  readonly idle: { readonly role: Extract<InstanceRole, 'blue' | 'green'>; readonly digest: string } | null;
  /** Shadow: the version receiving mirrored traffic. */
  readonly shadow: { readonly digest: string } | null;
  /** Instances nginx sends traffic to that are not running, or running instances of a role nginx does not know. */
  readonly problems: readonly string[];
}

export interface StrategyRunner {
  run(run: StrategyRun): Promise<StrategyOutcome>;
  /**
   * Rollback without a new start: a blue-green environment whose idle colour runs `digest` switches back
   * in one reload; a canary in progress sends all traffic to stable and removes the canary. False when
   * the state does not allow it (the orchestrator then runs the environment's strategy to that digest).
   */
  fastRollback(service: string, environment: string, settings: EnvironmentSettings, digest: string, report: StrategyRun['report']): Promise<boolean>;
  readState(service: string, environment: string, signal?: AbortSignal): Promise<EnvironmentState>;
  /** Blue-green: removes the idle colour (its hold has passed). */
  removeIdle(service: string, environment: string): Promise<void>;
}
