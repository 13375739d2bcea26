/**
 * One release on a `kubernetes` environment: where its workloads are, the change cause it writes, its
 * reports, and following a workload's rollout with the environment's timeout. A strategy says what to undo
 * while a step is open (and whether the new version already gets traffic then); when the step fails the
 * runner undoes it, when the run is cancelled it stops where it is.
 */
import type { EnvironmentSettings } from '../../../../../shared/domain/environment-settings';
import { digestOfImage, type KubernetesTarget } from '../../../../../shared/domain/kubernetes';
import { AppError } from '../../../../../shared/result';
import type { KubernetesPort, RolloutProgress, WorkloadKind, WorkloadRef, WorkloadSnapshot } from '../../../../ports/kubernetes';
import type { StrategyReport, StrategyRun, TargetArtifact } from '../strategy';
import { sleepFor, type Sleep } from '../sleep';
import { shortDigest } from '../../../../../shared/domain/artifacts';

export const COLOUR_LABEL = 'shipdeck.dev/colour';
export const TRACK_LABEL = 'shipdeck.dev/track';
export const CHANGE_CAUSE = 'kubernetes.io/change-cause';

export interface ReleaseDescription {
  readonly version: string | null;
  readonly by: string | null;
}

export interface KubeRunnerDeps {
  readonly kube: KubernetesPort;
  /** Throws ENVIRONMENT_NOT_CONFIGURED when the environment has no kubernetes target. */
  readonly targetOf: (service: string, environment: string) => KubernetesTarget;
  readonly now?: () => number;
  /** The release's version and who started it, for the change cause; the digest alone without it. */
  readonly describeRelease?: (deploymentId: number) => ReleaseDescription | null;
  /** Waits while a controller catches up with a write (tests pass an instant one). */
  readonly sleep?: Sleep;
}

export type { Sleep } from '../sleep';

export { shortDigest };
export const errorMessage = (error: unknown): string => (error instanceof Error ? error.message : String(error));
export const isCancellation = (error: unknown, signal?: AbortSignal): boolean => signal?.aborted === true || (error instanceof AppError && error.code === 'CANCELLED');

/** What a change cause Shipdeck wrote says: `shipdeck: deploy 1.4.0 (sha256:abcd…) as release #42 by alice`. */
export function changeCauseFor(deploymentId: number, digest: string, description: ReleaseDescription | null, action = 'deploy'): string {
  const what = description?.version ? `${description.version} (sha256:${shortDigest(digest)})` : `sha256:${shortDigest(digest)}`;
  return `shipdeck: ${action} ${what} as release #${deploymentId}${description?.by ? ` by ${description.by}` : ''}`;
}

/**
 * The Shipdeck release that made what a workload runs: the change cause names it, and its digest must be
 * the one the workload runs (kubectl edits after it keep the old annotation); 0 when none did.
 */
export function deploymentIdOf(snapshot: WorkloadSnapshot): number {
  const match = /sha256:([0-9a-f]{8,64})\)? as release #(\d+)/.exec(snapshot.annotations[CHANGE_CAUSE] ?? '');
  const digest = digestOfImage(snapshot.containers[0]?.image ?? '');
  if (!match || digest === null || !digest.startsWith(`sha256:${match[1] ?? ''}`)) return 0;
  return Number(match[2]);
}

export const imageOf = (snapshot: WorkloadSnapshot | null): string | null => snapshot?.containers[0]?.image ?? null;
export const digestOf = (snapshot: WorkloadSnapshot | null): string | null => {
  const image = imageOf(snapshot);
  return image === null ? null : digestOfImage(image);
};

/** A step that did not work; its message goes into the outcome. */
export class StepFailure extends Error {}

export interface OpenStep {
  /** Puts back what served before the step. */
  readonly undo: () => Promise<void>;
  /** Whether the new version already gets traffic (a cancelled run then did not restore). */
  readonly trafficMoved: boolean;
}

export interface FollowOptions {
  readonly step?: number | null;
  /** The share of the whole release this follow moves the progress bar through. */
  readonly progress: readonly [number, number];
  /** Rolling: the share of updated pods is the share of traffic on the new version. */
  readonly weighted?: boolean;
}

export class KubeRelease {
  open: OpenStep | null = null;
  sleep: Sleep = sleepFor;
  readonly warnings: string[] = [];

  constructor(
    readonly kube: KubernetesPort,
    readonly target: KubernetesTarget,
    readonly settings: EnvironmentSettings,
    readonly artifact: TargetArtifact | null,
    readonly deploymentId: number | null,
    private readonly changeCauseText: string,
    private readonly reportTo: StrategyRun['report'],
    readonly signal: AbortSignal | undefined,
    readonly now: () => number
  ) {}

  get image(): string {
    if (!this.artifact) throw new AppError('INTERNAL', 'this step needs the artifact being released');
    return this.artifact.imageReference;
  }

  get digest(): string {
    if (!this.artifact) throw new AppError('INTERNAL', 'this step needs the artifact being released');
    return this.artifact.digest;
  }

  get changeCause(): string {
    return this.changeCauseText;
  }

  ref(name: string, kind: WorkloadKind = 'Deployment'): WorkloadRef {
    return { context: this.target.context, namespace: this.target.namespace, kind, name };
  }

  get serviceName(): string {
    return this.target.serviceName ?? this.target.deployment;
  }

  checkCancelled(): void {
    if (this.signal?.aborted) throw new AppError('CANCELLED', 'the release was stopped');
  }

  report(report: StrategyReport): Promise<void> {
    return this.reportTo(report);
  }

  read(ref: WorkloadRef): Promise<WorkloadSnapshot | null> {
    return this.kube.getWorkload(ref, this.signal);
  }

  /** Follows a workload's rollout with the environment's timeout, reporting each new state once. */
  async follow(ref: WorkloadRef, options: FollowOptions): Promise<RolloutProgress> {
    let last = '';
    let available = -1;
    const pending: Promise<void>[] = [];
    const [from, to] = options.progress;
    const progress = await this.kube.followRollout(ref, {
      signal: this.signal,
      timeoutMs: this.settings.healthTimeoutSeconds * 1000,
      onProgress: (state) => {
        if (state.message === last || state.done) return;
        last = state.message;
        const phase = state.availableReplicas > available && available >= 0 ? 'instance-healthy' : 'instance-started';
        available = state.availableReplicas;
        const weight = options.weighted ? Math.round(state.fraction * 100) : undefined;
        pending.push(this.report({ phase, detail: state.message, step: options.step ?? null, ...(weight !== undefined ? { weight } : {}), progress: from + (to - from) * state.fraction }));
      }
    });
    await Promise.all(pending);
    return progress;
  }

  /** Follows until complete; a paused Deployment fails the step (nothing moves until it is resumed). */
  async followToEnd(ref: WorkloadRef, options: FollowOptions): Promise<void> {
    const progress = await this.follow(ref, options);
    if (!progress.done) throw new StepFailure(`${progress.message}: resume it (kubectl rollout resume ${ref.kind.toLowerCase()}/${ref.name}) and release again`);
    await this.report({ phase: 'instance-healthy', detail: progress.message, step: options.step ?? null, ...(options.weighted ? { weight: 100 } : {}), progress: options.progress[1] });
  }

  async mustRead(ref: WorkloadRef): Promise<WorkloadSnapshot> {
    const snapshot = await this.read(ref);
    if (!snapshot) {
      throw new StepFailure(`${ref.kind.toLowerCase()} ${ref.name} is not in namespace ${ref.namespace}${ref.context ? ` of context ${ref.context}` : ''}: create it (kubectl apply) before releasing to it`);
    }
    return snapshot;
  }
}
