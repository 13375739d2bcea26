/**
 * Which stage runs when: a pure state machine over the `needs` graph, no timers and no I/O.
 *
 * - A stage starts when every stage it needs has succeeded, at most `parallelism` at once, in file order.
 * - When a stage fails (or times out), nothing new starts: every stage not yet started is skipped —
 *   its dependents because what they need failed, the others because the run stops. Stages already
 *   running are left to finish (their results are real information, and their timeouts bound them).
 * - `stop()` (a cancel) skips every stage not yet started; the runner stops the running ones.
 */
import type { GraphNode } from '../../../shared/domain/pipeline/graph';
import type { StageStatus } from '../../../shared/domain/pipeline/run-events';

export const DEFAULT_PARALLELISM = 2;

export type FinishedStatus = 'succeeded' | 'failed' | 'timed-out' | 'cancelled';

export interface SkippedStage {
  readonly name: string;
  readonly reason: string;
}

export class StageScheduler {
  private readonly status = new Map<string, StageStatus>();
  private stopped = false;

  constructor(
    private readonly stages: readonly GraphNode[],
    private readonly parallelism: number = DEFAULT_PARALLELISM
  ) {
    if (!Number.isInteger(parallelism) || parallelism < 1) throw new RangeError('parallelism must be a whole number ≥ 1');
    for (const stage of stages) this.status.set(stage.name, 'pending');
  }

  statusOf(name: string): StageStatus {
    return this.status.get(name) ?? 'pending';
  }

  get running(): number {
    return [...this.status.values()].filter((status) => status === 'running').length;
  }

  /** True when no stage is pending or running. */
  get done(): boolean {
    return [...this.status.values()].every((status) => status !== 'pending' && status !== 'running');
  }

  /** The stages to start now, marked running. */
  take(): readonly string[] {
    if (this.stopped) return [];
    const started: string[] = [];
    let free = this.parallelism - this.running;
    for (const stage of this.stages) {
      if (free <= 0) break;
      if (this.status.get(stage.name) !== 'pending') continue;
      if (!stage.needs.every((need) => this.status.get(need) === 'succeeded')) continue;
      this.status.set(stage.name, 'running');
      started.push(stage.name);
      free -= 1;
    }
    return started;
  }

  /** Records a running stage's end; returns the stages this skips (all pending ones after a failure). */
  finish(name: string, status: FinishedStatus): readonly SkippedStage[] {
    if (this.status.get(name) !== 'running') throw new Error(`stage "${name}" is not running`);
    this.status.set(name, status);
    if (status === 'succeeded') return [];
    const what = status === 'timed-out' ? 'timed out' : status === 'cancelled' ? 'was cancelled' : 'failed';
    return this.skipPending((stage) =>
      this.needsTransitively(stage, name) ? `skipped: it needs "${name}", which ${what}` : `skipped: the run stopped because "${name}" ${what}`
    );
  }

  /** Starts nothing more; returns the stages skipped by this. */
  stop(reason: string): readonly SkippedStage[] {
    return this.skipPending(() => reason);
  }

  private skipPending(reason: (stage: string) => string): readonly SkippedStage[] {
    this.stopped = true;
    const skipped: SkippedStage[] = [];
    for (const stage of this.stages) {
      if (this.status.get(stage.name) !== 'pending') continue;
      this.status.set(stage.name, 'skipped');
      skipped.push({ name: stage.name, reason: reason(stage.name) });
    }
    return skipped;
  }

  private needsTransitively(stage: string, target: string, seen = new Set<string>()): boolean {
    const node = this.stages.find((candidate) => candidate.name === stage);
    for (const need of node?.needs ?? []) {
      if (need === target) return true;
      if (seen.has(need)) continue;
      seen.add(need);
      if (this.needsTransitively(need, target, seen)) return true;
    }
    return false;
  }
}
