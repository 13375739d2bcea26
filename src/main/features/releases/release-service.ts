/**
 * The release orchestrator: checks what a deploy, promotion or rollback asks for, writes the record
 * (approval, lock, events, holds), runs the strategy in the background and records each report and how
 * it ended; decides at a canary's gates (a person, or the pause timer unless the environment is held);
 * takes over a paused release another process left; and, at start, marks releases whose process is
 * gone as interrupted with what really runs.
 */
import type { Verdict } from '../../../shared/domain/analysis';
import type { Artifact } from '../../../shared/domain/artifacts';
import type { DeploymentStatus } from '../../../shared/domain/deployments';
import type { EnvironmentSettings, ReleaseStrategy } from '../../../shared/domain/environment-settings';
import type { Release, ReleaseTrigger, RollbackPreflight } from '../../../shared/domain/releases';
import type { Service } from '../../../shared/domain/workspace';
import { AppError } from '../../../shared/result';
import type { EventPort } from '../../ports/events';
import type { ReleaseStore } from '../../ports/store';
import {
  artifactPruned,
  describeState,
  firstEnvironmentRefusal,
  heldRefusal,
  messageOf,
  nothingToPromote,
  notPullable,
  pausedDetail,
  releaseNotFound,
  rollbackBlocked,
  shadowRefused,
  shortDigest
} from './release-messages';
import type { DeployRequest, ReleaseService, RollbackRequest } from './release-service.types';
import { dockerTarget, findArtifactOrThrow, findServiceOrThrow, previousEnvironment, runnableStrategy, type DockerTarget } from './release-targets';
import { idleColours } from './idle-colours';
import { releaseRecord, type Where } from './release-record';
import { nodeTimers, timerSet, type ReleaseTimers } from './release-timers';
import type { GateDecision, StrategyOutcome, StrategyReport, StrategyRun, StrategyRunner, TargetArtifact } from './strategies/strategy';

/** A canary gate's question to the analysis (features/analysis). */
export interface GateAnalysisRequest {
  readonly deploymentId: number;
  readonly service: string;
  readonly environment: string;
  readonly step: number;
  readonly weight: number;
  readonly settings: EnvironmentSettings;
}

/** The analysis' answer at a gate: its verdict, and why in a sentence. */
export interface GateVerdict {
  readonly verdict: Verdict;
  readonly reason: string;
}

export interface GateAnalysis {
  /**
   * Judges the canary over the step's window (failing it early when it is clearly broken); null when the
   * environment has no analysis (no Prometheus known): the gate then waits as it would without one.
   */
  judge(request: GateAnalysisRequest, signal: AbortSignal): Promise<GateVerdict | null>;
}

/** The parts of the release store the orchestrator reads and writes. */
export type ReleaseServiceStore = Pick<ReleaseStore, 'workspace' | 'artifacts' | 'releases'>;

export interface ReleaseServiceDeps {
  readonly store: ReleaseServiceStore;
  readonly runner: StrategyRunner;
  readonly events: EventPort;
  /** Who acts through this service (recorded as who started, approved, continued, held). */
  readonly actor: string;
  /** This process: the lock names it while it runs a release's steps. */
  readonly pid: number;
  /** How the engine runs an artifact: `repo@digest` for a registry artifact, the image ID for a local one. */
  readonly imageReference: (service: Service, artifact: Artifact) => string;
  readonly now?: () => number;
  readonly timers?: ReleaseTimers;
  /** Whether a process still exists (another process's lock). */
  readonly isAlive?: (pid: number) => boolean;
  /** How often `settled` looks at the record for changes made by other processes; default 500 ms. */
  readonly settledPollMs?: number;
  /** A release run by this process ended (for a desktop notification). */
  readonly onSettled?: (release: Release) => void;
  /**
   * Canary analysis at each gate: pass continues, fail aborts and rolls back automatically (no hold),
   * inconclusive pauses for a person. Without it (or when it answers null) a gate pauses as before.
   */
  readonly analysis?: GateAnalysis | undefined;
}

const FINAL_STATUSES: ReadonlySet<DeploymentStatus> = new Set(['succeeded', 'failed', 'rolled-back', 'interrupted']);

/** Settled, or waiting for a person: what `settled` waits for. */
export const settledOrWaiting = (release: Release): boolean =>
  FINAL_STATUSES.has(release.status) || release.status === 'pending-approval' || release.phase === 'paused';

const pidAlive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
};

interface Quiet {
  readonly promise: Promise<void>;
  readonly resolve: () => void;
  done: boolean;
}

function quiet(): Quiet {
  let resolve: () => void = () => undefined;
  const promise = new Promise<void>((done) => (resolve = done));
  const state: Quiet = { promise, resolve: () => ((state.done = true), resolve()), done: false };
  return state;
}

/** A canary (or shadow) step waiting for its decision in this process. */
interface Gate {
  readonly step: number;
  readonly weight: number;
  /** The `paused` event, once recorded: another process that takes the release over appends after it. */
  eventId: number | null;
  recorded: Promise<void>;
  timer: unknown;
  readonly decide: (decision: GateDecision) => void;
}

/** A release whose strategy runs in this process. */
interface LiveRun {
  readonly id: number;
  readonly service: string;
  readonly environment: string;
  gate: Gate | null;
  /** Resolved while nothing moves (finished, or parked at a gate): what `close` waits for. */
  quiet: Quiet;
  /** The failed analysis' reason, once a gate aborted the canary for it: an automatic rollback follows. */
  automaticRollback: string | null;
}

interface RunPlan {
  readonly release: Release;
  readonly service: Service;
  readonly strategy: ReleaseStrategy;
  readonly settings: EnvironmentSettings;
  readonly artifact: TargetArtifact;
  /**
   * `release` runs the strategy; `rollback` switches back when it can, else runs the strategy without
   * pausing; `abort` ends a paused canary another process left: all traffic back on stable.
   */
  readonly mode: { readonly kind: 'release' } | { readonly kind: 'rollback'; readonly automatic: boolean } | { readonly kind: 'abort' };
}

interface Begin {
  readonly target: DockerTarget;
  readonly digest: string;
  readonly strategy: ReleaseStrategy;
  readonly trigger: ReleaseTrigger;
  readonly rollback: { readonly of: number | null; readonly reason: string | null; readonly overrideReason: string | null; readonly automatic: boolean } | null;
  /** What it goes from, when not what the record says runs (an aborted canary's rollback goes from the canary). */
  readonly from?: string | undefined;
}


export function createReleaseService(deps: ReleaseServiceDeps): ReleaseService {
  const { store, runner, events, actor, pid } = deps;
  const releases = store.releases;
  const now = deps.now ?? Date.now;
  const isAlive = deps.isAlive ?? pidAlive;
  const timers = timerSet(deps.timers ?? nodeTimers);
  const live = new Map<number, LiveRun>();
  // Stops analyses under way when the service closes (their gates then pause, as a person would find them).
  const stopping = new AbortController();
  const background = new Set<Promise<void>>();
  let closed = false;

  const iso = (): string => new Date(now()).toISOString();

  function track(work: Promise<void>): void {
    const tracked = work.catch((error: unknown) => console.error('[shipdeck] release work failed:', error)).finally(() => background.delete(tracked));
    background.add(tracked);
  }

  const { announce, append, view } = releaseRecord(releases, events);
  const idle = idleColours({ store, runner, record: { announce, append, view }, timers, now, track, closed: () => closed });

  function ensureOpen(): void {
    if (closed) throw new AppError('CANCELLED', 'Shipdeck is shutting down: no release starts or moves now.', 'Try again once it has started.');
  }

  const artifactOf = (service: Service, digest: string, refusePruned = false): TargetArtifact => {
    const artifact = findArtifactOrThrow(store.artifacts, service.name, digest);
    if (refusePruned && artifact.pruned) throw artifactPruned(service.name, artifact);
    return { digest, imageReference: deps.imageReference(service, artifact) };
  };

  // ---- starting ----------------------------------------------------------------------------------

  async function begin(input: Begin): Promise<Release> {
    ensureOpen();
    const { service, environment } = input.target;
    // A rollback's pre-flight checked the image itself (a pruned record may still have a local copy).
    const artifact = artifactOf(service, input.digest, input.rollback === null);
    if (environment.targetKind === 'kubernetes' && !artifact.imageReference.includes('@sha256:')) throw notPullable(service, environment.name, artifact.digest);
    const current = releases.currentRelease(service.name, environment.name);
    // A rollback is the way back at 2 AM: it does not wait for an approval.
    const waits = environment.requiresApproval && input.rollback === null;
    const release = await releases.startRelease({
      service: service.name,
      environment: environment.name,
      digest: input.digest,
      previousDigest: input.from ?? current?.digest ?? null,
      strategy: input.strategy,
      trigger: input.trigger,
      startedBy: actor,
      rollbackOfId: input.rollback?.of ?? null,
      reason: input.rollback?.reason ?? null,
      overrideReason: input.rollback?.overrideReason ?? null,
      settings: environment.settings,
      status: waits ? 'pending-approval' : 'in-progress',
      pid: waits ? null : pid,
      detail: waits
        ? `${actor} asked to release ${shortDigest(input.digest)} (${input.strategy}); ${environment.name} requires an approval first.`
        : input.rollback
          ? `${input.rollback.automatic ? 'Shipdeck' : actor} started rolling back to ${shortDigest(input.digest)}${input.rollback.reason ? `: ${input.rollback.reason}` : ''}.`
          : `${actor} started releasing ${shortDigest(input.digest)} with ${input.strategy}.`
    });
    announce(release);
    if (!waits) {
      const mode: RunPlan['mode'] = input.rollback ? { kind: 'rollback', automatic: input.rollback.automatic } : { kind: 'release' };
      launch({ release, service, strategy: input.strategy, settings: environment.settings, artifact, mode });
    }
    return release;
  }

  function launch(plan: RunPlan): void {
    const run: LiveRun = { id: plan.release.id, service: plan.service.name, environment: plan.release.environment, gate: null, quiet: quiet(), automaticRollback: null };
    live.set(run.id, run);
    void execute(plan, run)
      .catch((error: unknown) => console.error(`[shipdeck] release #${run.id} could not record how it ended:`, error))
      .finally(() => {
        if (live.get(run.id) === run) live.delete(run.id);
        run.quiet.resolve();
      });
  }

  // ---- running -----------------------------------------------------------------------------------

  async function execute(plan: RunPlan, run: LiveRun): Promise<void> {
    const where: Where = run;
    let switchedAt: string | null = null;
    const report = async (report: StrategyReport): Promise<void> => {
      // The runner closes with a report of how it ended; the outcome is recorded once, as the final event.
      if (report.phase === 'completed' || report.phase === 'aborted' || report.phase === 'failed') return;
      const data: Record<string, string | number | boolean | null> = { ...report.data };
      if (report.progress !== undefined) data['progress'] = report.progress;
      if (report.phase === 'switched') {
        switchedAt = typeof data['switchedAt'] === 'string' ? data['switchedAt'] : iso();
        data['switchedAt'] = switchedAt;
      }
      await append(where, { status: 'in-progress', phase: report.phase, detail: report.detail, step: report.step, weight: report.weight, data });
    };
    let outcome: StrategyOutcome;
    try {
      if (plan.mode.kind === 'abort') outcome = await abortToStable(plan, report);
      else if (plan.mode.kind === 'rollback' && (await runner.fastRollback(run.service, run.environment, plan.settings, plan.artifact.digest, report))) {
        outcome = { kind: 'succeeded', detail: `Back on ${shortDigest(plan.artifact.digest)} without starting anything new.` };
      } else {
        outcome = await runner.run({
          service: run.service,
          environment: run.environment,
          deploymentId: run.id,
          strategy: plan.strategy,
          settings: plan.settings,
          artifact: plan.artifact,
          report,
          gate: (step) => gate(plan, run, step),
          // Never aborted: a run goes to its end (or parks at a gate); `close` waits for it.
          signal: new AbortController().signal
        });
      }
    } catch (error) {
      outcome = { kind: 'failed', detail: `${messageOf(error)}${await stateAfterError(run)}`, restored: false };
    }
    await finish(plan, where, outcome);
    if (outcome.kind === 'succeeded' && switchedAt !== null) idle.armAfterSwitch(where, switchedAt, plan.settings.blueGreenHoldSeconds);
    if (outcome.kind === 'aborted' && run.automaticRollback !== null) await rollBackAutomatically(plan.release, run.automaticRollback);
  }

  /**
   * A canary aborted for its failed analysis: the automatic rollback's record (no hold placed) undoes it
   * and makes sure stable alone serves.
   */
  async function rollBackAutomatically(release: Release, reason: string): Promise<void> {
    if (release.previousDigest === null || closed) return;
    try {
      const target = dockerTarget(store.workspace, release.service, release.environment);
      const envStrategy = target.environment.settings.strategy;
      await begin({
        target,
        digest: release.previousDigest,
        strategy: envStrategy === 'shadow' ? 'rolling' : envStrategy,
        trigger: 'automatic-rollback',
        rollback: { of: release.id, reason, overrideReason: null, automatic: true },
        from: release.digest
      });
    } catch (error) {
      console.error(`[shipdeck] the automatic rollback of release #${release.id} could not start:`, error);
    }
  }

  /** Abort of a paused canary taken over from another process: stable takes all traffic again. */
  async function abortToStable(plan: RunPlan, report: StrategyRun['report']): Promise<StrategyOutcome> {
    const { release } = plan;
    const state = await runner.readState(release.service, release.environment);
    const stable = state.servingDigest;
    if (stable !== null && stable !== release.digest && (await runner.fastRollback(release.service, release.environment, plan.settings, stable, report))) {
      return { kind: 'aborted', detail: `Aborted: all traffic is back on stable (${shortDigest(stable)}) and the canary is removed.` };
    }
    const after = describeState(await runner.readState(release.service, release.environment), release);
    return after.weight === 0
      ? { kind: 'aborted', detail: `Aborted: no traffic goes to the canary. ${after.detail}` }
      : { kind: 'failed', detail: `The canary could not be sent back to stable. ${after.detail}`, restored: false };
  }

  /** After an unexpected error, what really runs (never a guess: when it cannot be read, say nothing). */
  async function stateAfterError(run: LiveRun): Promise<string> {
    try {
      const state = await runner.readState(run.service, run.environment);
      const release = view(run.id);
      return ` ${describeState(state, release).detail}`;
    } catch {
      return '';
    }
  }

  async function finish(plan: RunPlan, where: Where, outcome: StrategyOutcome): Promise<void> {
    const release = plan.release;
    switch (outcome.kind) {
      case 'succeeded': {
        let detail = outcome.detail;
        if (plan.mode.kind === 'rollback' && !plan.mode.automatic) {
          // Held before it is recorded as done, so no branch-watch deploy slips in between.
          try {
            await releases.placeHold(where.service, where.environment, { deploymentId: where.id, by: actor, reason: release.reason });
            await append(where, {
              status: 'in-progress',
              phase: 'hold-placed',
              actor,
              detail: `${where.environment} is held by ${actor}: automatic continuation and branch-watch deploys do not move it until \`shipdeck hold release ${where.service} ${where.environment}\`.`
            });
          } catch (error) {
            detail = `${detail} The hold could not be placed: ${messageOf(error)}.`;
          }
        }
        // The release it undoes learns it first: once this one is recorded done, its record is whole.
        if (plan.mode.kind === 'rollback' && release.rollbackOfId !== null) {
          const undone = releases.getRelease(release.rollbackOfId);
          // A canary aborted for its failed analysis already ended rolled back.
          if (undone && undone.status !== 'rolled-back') {
            await append(undone, {
              status: 'rolled-back',
              phase: 'rolled-back',
              actor: plan.mode.automatic ? null : actor,
              detail: `Rolled back by #${where.id} to ${shortDigest(release.digest)}${release.reason ? `: ${release.reason}` : '.'}`,
              data: { rollbackId: where.id }
            }).catch((error: unknown) => console.error(`[shipdeck] recording that #${undone.id} was rolled back failed:`, error));
          }
        }
        await append(where, { status: 'succeeded', phase: 'completed', detail, weight: 100 });
        break;
      }
      case 'failed':
        await append(where, { status: 'failed', phase: 'failed', detail: outcome.detail, data: { restored: outcome.restored } });
        break;
      case 'aborted':
        await append(where, { status: 'rolled-back', phase: 'aborted', detail: outcome.detail, weight: 0 });
        break;
    }
    deps.onSettled?.(view(where.id));
  }

  // ---- gates -------------------------------------------------------------------------------------

  async function gate(plan: RunPlan, run: LiveRun, step: { readonly step: number; readonly weight: number }): Promise<GateDecision> {
    if (plan.mode.kind === 'rollback') return 'continue'; // a rollback goes through without pausing
    const analysed = plan.strategy === 'canary' ? await analyse(plan, run, step) : null;
    if (analysed?.kind === 'decided') return analysed.decision;
    let decide: (decision: GateDecision) => void = () => undefined;
    const decision = new Promise<GateDecision>((resolve) => (decide = resolve));
    const parked: Gate = { step: step.step, weight: step.weight, eventId: null, recorded: Promise.resolve(), timer: null, decide };
    run.gate = parked;
    parked.recorded = (async () => {
      const hold = releases.hold(run.service, run.environment);
      // After an analysis that did not decide, a person does: no pause timer.
      const pause = analysed ? null : plan.settings.canaryPauseSeconds;
      const paused = pausedDetail({ strategy: plan.strategy, service: run.service, environment: run.environment, step: step.step, weight: step.weight, settings: { ...plan.settings, canaryPauseSeconds: pause }, hold });
      const detail = analysed ? `${analysed.sentence} ${paused}` : paused;
      // The lock is let go first: once the record says paused, another process may take it up.
      await releases.setLockPid(run.id, null);
      if (pause !== null && hold === null && !closed) parked.timer = timers.arm(pause * 1000, () => track(continueByTimer(run, parked, pause)));
      const event = await append(run, {
        status: 'in-progress',
        phase: 'paused',
        step: step.step,
        weight: step.weight,
        detail,
        data: { autoContinueSeconds: hold ? null : pause, held: hold !== null },
        ...(analysed ? { canaryVerdict: analysed.verdict } : {})
      });
      parked.eventId = event.id;
    })();
    await parked.recorded;
    run.quiet.resolve();
    return decision;
  }

  /**
   * The analysis at a canary gate: pass continues (unless the environment is held), fail aborts (the
   * automatic rollback follows), inconclusive leaves the gate to a person with the reason; null when the
   * environment has no analysis.
   */
  async function analyse(
    plan: RunPlan,
    run: LiveRun,
    step: { readonly step: number; readonly weight: number }
  ): Promise<{ readonly kind: 'decided'; readonly decision: GateDecision } | { readonly kind: 'pause'; readonly verdict: Verdict; readonly sentence: string } | null> {
    if (!deps.analysis || closed) return null;
    let answer: GateVerdict | null;
    try {
      answer = await deps.analysis.judge({ deploymentId: run.id, service: run.service, environment: run.environment, step: step.step, weight: step.weight, settings: plan.settings }, stopping.signal);
    } catch (error) {
      const why = closed ? 'Shipdeck was shutting down' : messageOf(error);
      answer = { verdict: 'inconclusive', reason: `The analysis could not finish: ${why}.` };
    }
    if (answer === null) return null;
    const sentence = `Canary analysis at ${step.weight} %: ${answer.verdict} — ${answer.reason}`;
    const at = { status: 'in-progress', step: step.step, weight: step.weight, canaryVerdict: answer.verdict } as const;
    if (answer.verdict === 'fail') {
      run.automaticRollback = answer.reason;
      await append(run, { ...at, phase: 'aborted', detail: `${sentence} Shipdeck aborts the canary and rolls back automatically.` });
      return { kind: 'decided', decision: 'abort' };
    }
    const hold = releases.hold(run.service, run.environment);
    if (answer.verdict === 'pass' && hold === null) {
      await append(run, { ...at, phase: 'continued', detail: sentence });
      return { kind: 'decided', decision: 'continue' };
    }
    return { kind: 'pause', verdict: answer.verdict, sentence };
  }

  /** Another process took this parked release over (it appended after our pause, or holds it now). */
  function takenElsewhere(run: LiveRun, parked: Gate): boolean {
    const release = releases.getRelease(run.id);
    const lock = releases.lock(run.service, run.environment);
    return release?.events.at(-1)?.id !== parked.eventId || lock?.deploymentId !== run.id || lock.pid !== null;
  }

  /** Leaves a parked run to the process that took it over: its strategy here never goes on. */
  function abandon(run: LiveRun): void {
    if (run.gate) timers.disarm(run.gate.timer);
    run.gate = null;
    if (live.get(run.id) === run) live.delete(run.id);
    run.quiet.resolve();
  }

  async function continueByTimer(run: LiveRun, parked: Gate, pause: number): Promise<void> {
    await parked.recorded;
    if (closed || run.gate !== parked) return;
    if (takenElsewhere(run, parked)) return abandon(run);
    if (releases.hold(run.service, run.environment)) return; // held since it paused: a person decides
    await decideHere(run, 'continue', null, `Continued by itself after the ${pause} s pause.`);
  }

  async function decideHere(run: LiveRun, decision: GateDecision, who: string | null, detail: string): Promise<Release> {
    const parked = run.gate;
    if (!parked) return view(run.id);
    run.gate = null;
    timers.disarm(parked.timer);
    if (run.quiet.done) run.quiet = quiet();
    try {
      await releases.setLockPid(run.id, pid);
      await append(run, { status: 'in-progress', phase: decision === 'continue' ? 'continued' : 'aborted', step: parked.step, weight: parked.weight, actor: who, detail });
    } catch (error) {
      // Not recorded: it keeps waiting, and the lock says so again.
      await releases.setLockPid(run.id, null).catch(() => undefined);
      run.gate = parked;
      run.quiet.resolve();
      throw error;
    }
    const decided = view(run.id);
    parked.decide(decision);
    return decided;
  }

  /**
   * Takes up a paused release this process did not start. Continue runs the strategy again: it reads the
   * real state and goes on at the step after the weight that runs (the gate of that weight is what was
   * just passed). Abort sends all traffic back to stable without running the strategy.
   */
  async function takeOver(releaseId: number, decision: GateDecision, who: string | null, detail: string): Promise<Release> {
    const detailed = releases.getRelease(releaseId);
    if (!detailed) throw releaseNotFound(releaseId);
    const release = view(releaseId);
    const service = findServiceOrThrow(store.workspace, release.service);
    const settings = release.settings ?? dockerTarget(store.workspace, release.service, release.environment).environment.settings;
    const artifact = artifactOf(service, release.digest);
    const paused = detailed.events.findLast((event) => event.phase === 'paused');
    await releases.setLockPid(releaseId, pid);
    await append(release, { status: 'in-progress', phase: decision === 'continue' ? 'continued' : 'aborted', step: paused?.step ?? null, weight: paused?.weight ?? release.weight, actor: who, detail });
    const decided = view(releaseId);
    launch({ release, service, strategy: runnableStrategy(release.strategy), settings, artifact, mode: { kind: decision === 'continue' ? 'release' : 'abort' } });
    return decided;
  }

  // ---- recovery ----------------------------------------------------------------------------------

  async function markInterrupted(release: Release, why: string): Promise<void> {
    let detail: string;
    let data: Record<string, string | number | boolean | null>;
    let weight: number | null = null;
    try {
      const state = describeState(await runner.readState(release.service, release.environment), release);
      detail = `Shipdeck stopped during this release (${why}). ${state.detail}`;
      data = { ...state.data, stateRead: true };
      weight = state.weight;
    } catch (error) {
      detail = `Shipdeck stopped during this release (${why}), and what really runs could not be read: ${messageOf(error)}. Check the environment (\`shipdeck status\`) before releasing again.`;
      data = { stateRead: false };
    }
    await append(release, { status: 'interrupted', phase: 'interrupted', detail, weight, data });
  }

  function rearmContinue(release: Release): void {
    const detailed = releases.getRelease(release.id);
    const paused = detailed?.events.at(-1);
    const pause = (release.settings ?? null)?.canaryPauseSeconds ?? null;
    // A pause after an analysis waits for a person.
    if (!paused || paused.phase !== 'paused' || pause === null || paused.canaryVerdict !== null) return;
    if (releases.hold(release.service, release.environment)) return;
    const due = Date.parse(paused.at) + pause * 1000 - now();
    timers.arm(due, () =>
      track(
        (async () => {
          if (closed || live.has(release.id)) return;
          const latest = releases.getRelease(release.id);
          const lock = releases.lock(release.service, release.environment);
          if (latest?.events.at(-1)?.id !== paused.id || lock?.deploymentId !== release.id || lock.pid !== null) return;
          if (releases.hold(release.service, release.environment)) return;
          await takeOver(release.id, 'continue', null, `Continued by itself after the ${pause} s pause.`);
        })()
      )
    );
  }

  // ---- the service -------------------------------------------------------------------------------

  async function deployAs(request: DeployRequest, trigger: ReleaseTrigger): Promise<Release> {
    const target = dockerTarget(store.workspace, request.service, request.environment);
    const strategy = request.strategy ?? target.environment.settings.strategy;
    if (strategy === 'shadow' && !target.service.readOnly) throw shadowRefused(target.service.name);
    if (trigger === 'branch-watch') {
      const hold = releases.hold(target.service.name, target.environment.name);
      if (hold) throw heldRefusal(hold);
    }
    return begin({ target, digest: request.digest, strategy, trigger, rollback: null });
  }

  return {
    deploy: (request) => deployAs(request, request.trigger ?? 'manual'),

    async promote(request) {
      const target = dockerTarget(store.workspace, request.service, request.environment);
      const before = previousEnvironment(target.service, target.environment);
      if (!before) throw firstEnvironmentRefusal(target.service, target.environment);
      const running = releases.currentRelease(target.service.name, before.name);
      if (!running) throw nothingToPromote(target.service.name, before.name, target.environment.name);
      return deployAs({ service: request.service, environment: request.environment, digest: running.digest, strategy: request.strategy }, 'promotion');
    },

    async approve(deploymentId, comment) {
      ensureOpen();
      const detailed = releases.getRelease(deploymentId);
      if (!detailed) throw releaseNotFound(deploymentId);
      if (detailed.status !== 'pending-approval') {
        throw new AppError('RELEASE_REFUSED', `Release #${deploymentId} is not waiting for approval (it is ${detailed.status}).`);
      }
      const target = dockerTarget(store.workspace, detailed.service, detailed.environment);
      // Approved earlier but the environment was busy: this starts it without a second approval.
      if (detailed.approvals.at(-1)?.decision !== 'approved') {
        await releases.decideApproval(deploymentId, 'approved', actor, comment);
        announce(detailed);
      }
      const artifact = artifactOf(target.service, detailed.digest);
      try {
        await releases.takeLock(deploymentId, actor, pid);
      } catch (error) {
        if (!(error instanceof AppError) || error.code !== 'RELEASE_IN_PROGRESS') throw error;
        throw new AppError(
          'RELEASE_IN_PROGRESS',
          `Release #${deploymentId} is approved (recorded), but it cannot start yet: ${error.message}`,
          `It stays approved and waiting. When that release has ended, start it with \`shipdeck approve ${deploymentId}\` (the approval is not recorded twice).`
        );
      }
      if (view(deploymentId).status === 'pending-approval') {
        await append(detailed, { status: 'in-progress', phase: 'started', actor, detail: `Started after ${actor}'s approval.` });
      }
      const release = view(deploymentId);
      const settings = release.settings ?? target.environment.settings;
      launch({ release, service: target.service, strategy: runnableStrategy(release.strategy), settings, artifact, mode: { kind: 'release' } });
      return release;
    },

    async reject(deploymentId, reason) {
      const why = reason.trim();
      if (why === '') throw new AppError('INVALID_INPUT', 'A rejection needs a reason.', 'Say why it should not go out, e.g. --reason "waiting for the schema fix".');
      const release = view(deploymentId);
      await releases.decideApproval(deploymentId, 'rejected', actor, why);
      announce(release);
      return view(deploymentId);
    },

    async rollback(request: RollbackRequest, preflight: RollbackPreflight) {
      const target = dockerTarget(store.workspace, request.service, request.environment);
      if (preflight.service !== request.service || preflight.environment !== request.environment || (request.toDigest !== undefined && request.toDigest !== preflight.to.digest)) {
        throw new AppError('INVALID_INPUT', 'The pre-flight was computed for another rollback.', 'Run the pre-flight for this environment and target again, then confirm.');
      }
      const override = request.overrideReason?.trim() ?? '';
      if (preflight.blocked && !(preflight.overridable && override !== '')) throw rollbackBlocked(preflight);
      const current = releases.currentRelease(target.service.name, target.environment.name);
      if (current?.digest === preflight.to.digest) {
        throw new AppError('RELEASE_REFUSED', `${target.service.name}/${target.environment.name} already runs ${shortDigest(preflight.to.digest)}: there is nothing to roll back.`);
      }
      const envStrategy = target.environment.settings.strategy;
      const automatic = request.trigger === 'automatic-rollback';
      return begin({
        target,
        digest: preflight.to.digest,
        // A shadow never serves its version: going back replaces the instances.
        strategy: envStrategy === 'shadow' ? 'rolling' : envStrategy,
        trigger: automatic ? 'automatic-rollback' : 'rollback',
        rollback: { of: current?.id ?? null, reason: request.reason?.trim() || null, overrideReason: preflight.blocked ? override : null, automatic }
      });
    },

    async canary(serviceName, environmentName, action) {
      ensureOpen();
      const service = findServiceOrThrow(store.workspace, serviceName);
      const lock = releases.lock(service.name, environmentName);
      if (!lock) throw new AppError('RELEASE_REFUSED', `No release is under way in ${service.name}/${environmentName}: there is no canary to ${action}.`, 'The Environments board (or `shipdeck status`) shows what waits.');
      const release = view(lock.deploymentId);
      if (release.strategy !== 'canary' && release.strategy !== 'shadow') {
        throw new AppError('RELEASE_REFUSED', `Release #${release.id} in ${service.name}/${environmentName} is a ${release.strategy} release: only canary and shadow releases wait at a gate.`);
      }
      const detail = action === 'continue' ? `${actor} continued it.` : `${actor} aborted it: all traffic goes back to stable.`;
      const run = live.get(release.id);
      if (run?.gate) {
        await run.gate.recorded;
        if (run.gate && !takenElsewhere(run, run.gate)) return decideHere(run, action, actor, detail);
        abandon(run);
      }
      const fresh = releases.lock(service.name, environmentName);
      const latest = view(release.id);
      if (latest.phase !== 'paused' || fresh?.deploymentId !== release.id || fresh.pid !== null || live.has(release.id)) {
        const who = fresh?.pid !== null && fresh?.pid !== undefined ? ` (process ${fresh.pid} runs it)` : '';
        throw new AppError(
          'RELEASE_REFUSED',
          `Release #${release.id} in ${service.name}/${environmentName} is not paused${who}: it is moving to its next step.`,
          'It pauses when that weight is live and healthy: continue or abort then (`shipdeck status` shows it).'
        );
      }
      return takeOver(release.id, action, actor, detail);
    },

    async releaseHold(serviceName, environmentName) {
      const service = findServiceOrThrow(store.workspace, serviceName);
      await releases.releaseHold(service.name, environmentName, actor);
      events.emit('releases.changed', { service: service.name, environment: environmentName, deploymentId: null });
    },

    settled(deploymentId, signal) {
      return new Promise<Release>((resolve, reject) => {
        const stop = new AbortController();
        let poll: NodeJS.Timeout | null = null;
        const end = (settle: () => void): void => {
          stop.abort();
          if (poll) clearTimeout(poll);
          signal?.removeEventListener('abort', cancelled);
          settle();
        };
        const cancelled = (): void => end(() => reject(new AppError('CANCELLED', `Stopped waiting for release #${deploymentId}; it goes on.`)));
        const check = (): boolean => {
          try {
            const release = view(deploymentId);
            if (!settledOrWaiting(release)) return false;
            end(() => resolve(release));
          } catch (error) {
            end(() => reject(error instanceof Error ? error : new Error(String(error))));
          }
          return true;
        };
        if (signal?.aborted) return cancelled();
        if (check()) return;
        signal?.addEventListener('abort', cancelled, { once: true });
        events.on('releases.event', (payload) => void (payload.deploymentId === deploymentId && check()), stop.signal);
        // Another process (the CLI, the app) may move it: look at the record now and then too.
        const tick = (): void => {
          poll = setTimeout(() => void (check() || tick()), deps.settledPollMs ?? 500).unref();
        };
        tick();
      });
    },

    async recover() {
      for (const release of releases.unsettledReleases()) {
        if (release.status === 'pending-approval' || live.has(release.id)) continue;
        const lock = releases.lock(release.service, release.environment);
        const held = lock?.deploymentId === release.id ? lock : null;
        if (held && held.pid === null && release.phase === 'paused') {
          rearmContinue(release);
          continue;
        }
        if (held && held.pid !== null && held.pid !== pid && isAlive(held.pid)) continue; // another process runs it
        const why = !held ? 'it no longer holds the environment' : held.pid === null ? 'no process was running it' : `process ${held.pid}, which ran it, is gone`;
        await markInterrupted(release, why);
      }
      idle.rearm();
    },

    async close() {
      closed = true;
      stopping.abort();
      timers.clear();
      // Runs parked at a gate stay paused in the record (another start takes them up); the others end first.
      for (;;) {
        const moving = [...live.values()].filter((run) => !run.quiet.done).map((run) => run.quiet.promise);
        const pending = [...moving, ...background];
        if (pending.length === 0) return;
        await Promise.all(pending);
      }
    }
  };
}
