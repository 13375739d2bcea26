import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AppError } from '../../../../shared/result';
import { canaryInstanceCount } from './canary';
import { createDockerStrategyRunner } from './docker-strategy-runner';
import { describeRoute, ENVIRONMENT, FakeDockerEnvironment, recordedRun, SERVICE, settingsWith } from './fake-docker-environment';
import type { StrategyRunner } from './strategy';

let env: FakeDockerEnvironment;
let runner: StrategyRunner;
const settings = settingsWith({ instances: 4, strategy: 'canary', canarySteps: [5, 25, 50, 100], sticky: { kind: 'cookie', name: 'uid' } });

beforeEach(async () => {
  env = new FakeDockerEnvironment();
  runner = createDockerStrategyRunner({ runtime: env.runtime, router: env.router, drainMs: 0 });
  await runner.run(recordedRun('rolling', settings, 'v1').run);
  env.clearLog();
});

afterEach(() => {
  expect(env.violations).toEqual([]);
});

const roles = (): string[] => env.list().map((i) => `${i.role}:${i.digest}`).sort();
const routesSince = (count: number): string[] => env.applied.slice(count).map(describeRoute);

/** Leaves a canary paused at `weight`, as a process killed while waiting at that gate would. */
async function interruptAt(weight: number): Promise<void> {
  const first = recordedRun('canary', settings, 'v2', {
    deploymentId: 2,
    decide: (step) => {
      if (step.weight === weight) throw new AppError('CANCELLED', 'the process went away');
      return 'continue';
    }
  });
  await expect(runner.run(first.run)).rejects.toMatchObject({ code: 'CANCELLED' });
}

describe('canary', () => {
  it('raises the weight step by step with a gate after each, then promotes the new version to stable', async () => {
    const applied = env.applied.length;
    const { run, reports, gates } = recordedRun('canary', settings, 'v2', { deploymentId: 2 });

    const outcome = await runner.run(run);

    expect(outcome.kind).toBe('succeeded');
    expect(gates).toEqual([{ step: 1, weight: 5 }, { step: 2, weight: 25 }, { step: 3, weight: 50 }]);
    expect(routesSince(applied)).toEqual(['stable=95[4] canary=5[2]', 'stable=75[4] canary=25[2]', 'stable=50[4] canary=50[2]', 'stable=100[4]']);
    expect(env.applied.slice(applied).every((route) => route.sticky?.name === 'uid')).toBe(true);
    expect(roles()).toEqual(['stable:v2', 'stable:v2', 'stable:v2', 'stable:v2']);
    expect(reports.filter((r) => r.phase === 'traffic').map((r) => [r.step, r.weight])).toEqual([[1, 5], [2, 25], [3, 50], [4, 100]]);
    const progress = reports.flatMap((r) => (r.progress === undefined ? [] : [r.progress]));
    expect(progress).toEqual([...progress].sort((a, b) => a - b));
    expect(progress.at(-1)).toBe(1);
  });

  it('sends all traffic back to stable and removes the canary when a gate aborts', async () => {
    const { run, gates } = recordedRun('canary', settings, 'v2', { deploymentId: 2, decide: (step) => (step.weight === 25 ? 'abort' : 'continue') });

    const outcome = await runner.run(run);

    expect(outcome.kind).toBe('aborted');
    expect(gates.map((g) => g.weight)).toEqual([5, 25]);
    expect(env.currentRoute && describeRoute(env.currentRoute)).toBe('stable=100[4]');
    expect(roles()).toEqual(['stable:v1', 'stable:v1', 'stable:v1', 'stable:v1']);
  });

  it('resumes from the real state at the step after the live weight, without new canary instances', async () => {
    await interruptAt(25);
    expect(await runner.readState(SERVICE, ENVIRONMENT)).toMatchObject({ servingDigest: 'v1', canary: { digest: 'v2', weight: 25 }, problems: [] });
    env.clearLog();
    const applied = env.applied.length;

    const { run, gates } = recordedRun('canary', settings, 'v2', { deploymentId: 2 });
    const outcome = await runner.run(run);

    expect(outcome.kind).toBe('succeeded');
    expect(gates).toEqual([{ step: 3, weight: 50 }]);
    expect(routesSince(applied)).toEqual(['stable=50[4] canary=50[2]', 'stable=100[4]']);
    expect(env.log.filter((l) => l.startsWith('start canary'))).toEqual([]);
    expect(roles()).toEqual(['stable:v2', 'stable:v2', 'stable:v2', 'stable:v2']);
  });

  it('never routes to a canary that does not get healthy, and fails with its last log lines', async () => {
    env.unhealthyDigests.add('v2');
    const applied = env.applied.length;

    const outcome = await runner.run(recordedRun('canary', settings, 'v2', { deploymentId: 2 }).run);

    expect(outcome).toMatchObject({ kind: 'failed', restored: true });
    expect(outcome.detail).toContain('boom: cannot connect to db');
    expect(routesSince(applied)).toEqual([]);
    expect(roles()).toEqual(['stable:v1', 'stable:v1', 'stable:v1', 'stable:v1']);
  });

  it('takes traffic off a canary that stops answering before the next step', async () => {
    let answering = true;
    env.probeFails = (instance) => instance.role === 'canary' && !answering;
    const { run } = recordedRun('canary', settings, 'v2', {
      deploymentId: 2,
      decide: (step) => {
        if (step.weight === 25) answering = false;
        return 'continue';
      }
    });

    const outcome = await runner.run(run);

    expect(outcome).toMatchObject({ kind: 'failed', restored: true });
    expect(env.applied.map(describeRoute).some((r) => r.includes('canary=50'))).toBe(false);
    expect(env.currentRoute && describeRoute(env.currentRoute)).toBe('stable=100[4]');
    expect(roles()).toEqual(['stable:v1', 'stable:v1', 'stable:v1', 'stable:v1']);
  });

  it('rolls a paused canary back to stable without a new start', async () => {
    await interruptAt(25);
    env.clearLog();

    const rolledBack = await runner.fastRollback(SERVICE, ENVIRONMENT, settings, 'v1', async () => undefined);

    expect(rolledBack).toBe(true);
    expect(env.currentRoute && describeRoute(env.currentRoute)).toBe('stable=100[4]');
    expect(env.log.filter((l) => l.startsWith('start'))).toEqual([]);
    expect(roles()).toEqual(['stable:v1', 'stable:v1', 'stable:v1', 'stable:v1']);
    expect((await runner.readState(SERVICE, ENVIRONMENT)).canary).toBeNull();
  });

  it('starts the full set when nothing serves yet (no stable to compare with)', async () => {
    const fresh = new FakeDockerEnvironment();
    const freshRunner = createDockerStrategyRunner({ runtime: fresh.runtime, router: fresh.router, drainMs: 0 });
    const { run, gates } = recordedRun('canary', settings, 'v1');

    const outcome = await freshRunner.run(run);

    expect(outcome.kind).toBe('succeeded');
    expect(gates).toEqual([]);
    expect(fresh.applied.map(describeRoute)).toEqual(['stable=100[4]']);
    expect(fresh.violations).toEqual([]);
  });

  it('sizes the canary for its largest step before promotion, at least one instance', () => {
    expect(canaryInstanceCount(4, [5, 25, 50, 100])).toBe(2);
    expect(canaryInstanceCount(1, [5, 100])).toBe(1);
    expect(canaryInstanceCount(3, [100])).toBe(1);
  });
});
