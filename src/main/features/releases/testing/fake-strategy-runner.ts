/**
 * A strategy runner over an in-memory "engine": one state per environment that every service instance
 * in a test shares (as processes share the real engine). It keeps the docker runner's rules that the
 * orchestrator relies on: each run reads that state first, so a canary run again goes on at the step after
 * the weight that runs (that gate counts as passed); the first release of an environment is rolling (no
 * stable to compare with); a run closes with a report of how it ended; fast rollback switches back to an
 * idle colour or sends a canary's traffic back to stable. Tests can stop a run half way (`block`) or make
 * it fail.
 */
import type { EnvironmentState, StrategyOutcome, StrategyRun, StrategyRunner } from '../strategies/strategy';

interface FakeEnvironment {
  serving: string | null;
  canary: { digest: string; weight: number } | null;
  idle: { role: 'blue' | 'green'; digest: string } | null;
  live: 'blue' | 'green';
  problems: string[];
}

export interface FakeStrategyRunner extends StrategyRunner {
  /** What "really" runs in an environment. */
  env(service: string, environment: string): FakeEnvironment;
  /** Runs started (incl. resumed ones), in order. */
  readonly runs: StrategyRun[];
  readonly fastRollbacks: string[];
  readonly idleRemovals: string[];
  /** The next run stops after its first report until the returned function is called. */
  block(): () => void;
  /** The next run throws this error (after its first report). */
  throwNext(error: Error): void;
  /** The next run ends failed with this detail (traffic restored). */
  failNext(detail: string): void;
  /** readState fails with this error until cleared (null). */
  stateError: Error | null;
}

const key = (service: string, environment: string): string => `${service}/${environment}`;

export function fakeStrategyRunner(): FakeStrategyRunner {
  const envs = new Map<string, FakeEnvironment>();
  const blocks: Promise<void>[] = [];
  let toThrow: Error | null = null;
  let toFail: string | null = null;

  const env = (service: string, environment: string): FakeEnvironment => {
    const existing = envs.get(key(service, environment));
    if (existing) return existing;
    const created: FakeEnvironment = { serving: null, canary: null, idle: null, live: 'blue', problems: [] };
    envs.set(key(service, environment), created);
    return created;
  };

  async function canary(run: StrategyRun, state: FakeEnvironment): Promise<StrategyOutcome> {
    const steps = run.settings.canarySteps;
    if (state.serving === null) return rolling(run, state);
    // A canary of the target at weight w: its gate was passed (that is why it runs again), go on above it.
    const current = state.canary?.digest === run.artifact.digest ? state.canary.weight : 0;
    for (let i = 0; i < steps.length; i++) {
      const weight = steps[i] ?? 100;
      if (weight <= current) continue;
      if (weight === 100) break;
      state.canary = { digest: run.artifact.digest, weight };
      await run.report({ phase: 'traffic', step: i + 1, weight, detail: `${weight} % on the canary` });
      if ((await run.gate({ step: i + 1, weight })) === 'abort') {
        state.canary = null;
        await run.report({ phase: 'traffic', weight: 0, detail: 'all traffic back on stable' });
        return { kind: 'aborted', detail: 'Aborted: all traffic is back on stable and the canary is gone.' };
      }
    }
    state.canary = null;
    state.serving = run.artifact.digest;
    await run.report({ phase: 'traffic', step: steps.length, weight: 100, detail: '100 % on the new version' });
    return { kind: 'succeeded', detail: 'The canary took all traffic.' };
  }

  async function rolling(run: StrategyRun, state: FakeEnvironment): Promise<StrategyOutcome> {
    state.serving = run.artifact.digest;
    await run.report({ phase: 'instance-healthy', weight: 100, detail: 'all instances replaced' });
    return { kind: 'succeeded', detail: 'All instances run the new version.' };
  }

  async function strategy(run: StrategyRun, state: FakeEnvironment): Promise<StrategyOutcome> {
    switch (run.strategy) {
      case 'canary':
      case 'shadow':
        return canary(run, state);
      case 'blue-green': {
        const idle = state.live;
        state.live = idle === 'blue' ? 'green' : 'blue';
        state.idle = state.serving ? { role: idle, digest: state.serving } : null;
        state.serving = run.artifact.digest;
        await run.report({ phase: 'switched', weight: 100, detail: `switched to ${state.live}` });
        return { kind: 'succeeded', detail: `${state.live} serves all traffic.` };
      }
      case 'rolling':
        return rolling(run, state);
    }
  }

  const runner: FakeStrategyRunner = {
    env,
    runs: [],
    fastRollbacks: [],
    idleRemovals: [],
    stateError: null,
    block() {
      let open: () => void = () => undefined;
      blocks.push(new Promise<void>((resolve) => (open = resolve)));
      return () => open();
    },
    throwNext(error) {
      toThrow = error;
    },
    failNext(detail) {
      toFail = detail;
    },
    async run(run) {
      runner.runs.push(run);
      const state = env(run.service, run.environment);
      await run.report({ phase: 'instance-started', detail: `started ${run.artifact.imageReference}`, progress: 0.1 });
      const blocked = blocks.shift();
      if (blocked) await blocked;
      if (toThrow) {
        const error = toThrow;
        toThrow = null;
        throw error;
      }
      if (toFail) {
        const detail = toFail;
        toFail = null;
        await run.report({ phase: 'failed', detail, data: { restored: true } });
        return { kind: 'failed', detail, restored: true };
      }
      const outcome = await strategy(run, state);
      await run.report({ phase: outcome.kind === 'aborted' ? 'aborted' : 'completed', detail: outcome.detail, progress: 1 });
      return outcome;
    },
    async fastRollback(service, environment, _settings, digest, report) {
      const state = env(service, environment);
      if (state.canary && state.serving === digest) {
        runner.fastRollbacks.push(digest);
        state.canary = null;
        await report({ phase: 'traffic', weight: 0, detail: 'all traffic back on stable; the canary is removed' });
        return true;
      }
      if (state.idle?.digest !== digest) return false;
      runner.fastRollbacks.push(digest);
      const previous = state.serving;
      state.live = state.idle.role;
      state.idle = previous ? { role: state.live === 'blue' ? 'green' : 'blue', digest: previous } : null;
      state.serving = digest;
      await report({ phase: 'switched', weight: 100, detail: `switched back to ${state.live}` });
      return true;
    },
    async readState(service, environment): Promise<EnvironmentState> {
      if (runner.stateError) throw runner.stateError;
      const state = env(service, environment);
      return {
        instances: [],
        route: null,
        servingDigest: state.serving,
        canary: state.canary,
        idle: state.idle,
        shadow: null,
        problems: state.problems
      };
    },
    async removeIdle(service, environment) {
      runner.idleRemovals.push(key(service, environment));
      env(service, environment).idle = null;
    }
  };
  return runner;
}

/** Timers a test fires by hand. */
export function manualTimers() {
  const pending = new Map<number, { readonly ms: number; readonly callback: () => void }>();
  let next = 1;
  return {
    setTimeout(callback: () => void, ms: number): unknown {
      const id = next++;
      pending.set(id, { ms, callback });
      return id;
    },
    clearTimeout(handle: unknown): void {
      pending.delete(handle as number);
    },
    /** The delays of the timers armed now. */
    armed(): number[] {
      return [...pending.values()].map((timer) => timer.ms);
    },
    /** Fires every timer armed now. */
    fireAll(): void {
      const due = [...pending.values()];
      pending.clear();
      for (const timer of due) timer.callback();
    }
  };
}
