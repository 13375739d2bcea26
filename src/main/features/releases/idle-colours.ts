/**
 * Blue-green's idle colour keeps running for `blueGreenHoldSeconds` after a switch (an instant way back),
 * then goes. The switch time is in the `switched` event's data, so a restarted Shipdeck arms the removal
 * again for the time that is left.
 */
import type { ReleaseStore } from '../../ports/store';
import { shortDigest } from './release-messages';
import type { ReleaseRecord, Where } from './release-record';
import type { TimerSet } from './release-timers';
import type { StrategyRunner } from './strategies/strategy';

export interface IdleColoursDeps {
  readonly store: Pick<ReleaseStore, 'workspace' | 'releases'>;
  readonly runner: StrategyRunner;
  readonly record: ReleaseRecord;
  readonly timers: TimerSet;
  readonly now: () => number;
  /** Runs background work (errors logged, awaited by close). */
  readonly track: (work: Promise<void>) => void;
  readonly closed: () => boolean;
}

export interface IdleColours {
  /** After a release that switched colours succeeded. */
  armAfterSwitch(where: Where, switchedAt: string, holdSeconds: number): void;
  /** At start: each environment whose current release switched and whose idle colour was not removed yet. */
  rearm(): void;
}

export function idleColours(deps: IdleColoursDeps): IdleColours {
  const { releases } = deps.store;

  async function remove(where: Where, holdSeconds: number): Promise<void> {
    if (deps.closed()) return;
    // A release under way, or a newer one, owns the colours now.
    if (releases.lock(where.service, where.environment) !== null) return;
    const current = releases.currentRelease(where.service, where.environment);
    if (current?.id !== where.id) return;
    const state = await deps.runner.readState(where.service, where.environment);
    if (!state.idle) return;
    await deps.runner.removeIdle(where.service, where.environment);
    await deps.record.append(where, {
      status: current.status,
      phase: 'idle-removed',
      detail: `Removed the idle ${state.idle.role} colour (${shortDigest(state.idle.digest)}) after its ${holdSeconds} s hold.`,
      data: { role: state.idle.role, digest: state.idle.digest }
    });
  }

  const armAfterSwitch = (where: Where, switchedAt: string, holdSeconds: number): void => {
    if (deps.closed()) return;
    const due = Date.parse(switchedAt) + holdSeconds * 1000 - deps.now();
    deps.timers.arm(due, () => deps.track(remove(where, holdSeconds)));
  };

  return {
    armAfterSwitch,
    rearm() {
      for (const service of deps.store.workspace.listServices()) {
        for (const environment of service.environments) {
          if (environment.targetKind !== 'docker' && environment.targetKind !== 'kubernetes') continue;
          const current = releases.currentRelease(service.name, environment.name);
          const detailed = current ? releases.getRelease(current.id) : null;
          if (!current || !detailed) continue;
          const switchIndex = detailed.events.findLastIndex((event) => event.phase === 'switched' && typeof event.data['switchedAt'] === 'string');
          if (switchIndex < 0 || detailed.events.slice(switchIndex).some((event) => event.phase === 'idle-removed')) continue;
          const switchedAt = detailed.events[switchIndex]?.data['switchedAt'];
          const hold = (current.settings ?? environment.settings).blueGreenHoldSeconds;
          if (typeof switchedAt === 'string') armAfterSwitch(current, switchedAt, hold);
        }
      }
    }
  };
}
