import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createDockerStrategyRunner } from './docker-strategy-runner';
import { describeRoute, ENVIRONMENT, FakeDockerEnvironment, recordedRun, SERVICE, settingsWith } from './fake-docker-environment';
import type { EnvironmentState, GateDecision, StrategyRunner } from './strategy';

let env: FakeDockerEnvironment;
let runner: StrategyRunner;
const settings = settingsWith({ instances: 2, strategy: 'shadow', sticky: { kind: 'header', name: 'X-User' } });

beforeEach(() => {
  env = new FakeDockerEnvironment();
  runner = createDockerStrategyRunner({ runtime: env.runtime, router: env.router, drainMs: 0 });
});

afterEach(() => {
  expect(env.violations).toEqual([]);
});

const servingNames = (): string[] => (env.currentRoute?.pools.flatMap((pool) => pool.servers.map((s) => s.instanceName)) ?? []).sort();

describe('shadow', () => {
  it('mirrors requests to the new version while stable keeps serving, then removes the shadow', async () => {
    await runner.run(recordedRun('rolling', settings, 'v1').run);
    const stableBefore = servingNames();
    let during: EnvironmentState | null = null;
    const { run, gates } = recordedRun('shadow', settings, 'v2', {
      deploymentId: 2,
      decide: async (): Promise<GateDecision> => {
        during = await runner.readState(SERVICE, ENVIRONMENT);
        return 'continue';
      }
    });

    const outcome = await runner.run(run);

    expect(outcome.kind).toBe('succeeded');
    expect(outcome.detail).toContain('users were served by the stable version throughout');
    expect(gates).toEqual([{ step: 1, weight: 0 }]);
    expect(during).toMatchObject({ servingDigest: 'v1', shadow: { digest: 'v2' }, canary: null, problems: [] });
    expect(env.applied.slice(1).map(describeRoute)).toEqual(['stable=100[2] mirror[2]', 'stable=100[2]']);
    expect(env.applied.every((route) => route.sticky?.name === 'X-User')).toBe(true);
    expect(servingNames()).toEqual(stableBefore);
    expect(env.list().map((i) => `${i.role}:${i.digest}`)).toEqual(['stable:v1', 'stable:v1']);
  });

  it('stops mirroring and removes the shadow when aborted', async () => {
    await runner.run(recordedRun('rolling', settings, 'v1').run);

    const outcome = await runner.run(recordedRun('shadow', settings, 'v2', { deploymentId: 2, decide: () => 'abort' }).run);

    expect(outcome.kind).toBe('aborted');
    expect(env.currentRoute?.mirror).toBeNull();
    expect(env.list().map((i) => i.role)).toEqual(['stable', 'stable']);
  });

  it('refuses when nothing serves, since there is no traffic to mirror', async () => {
    const outcome = await runner.run(recordedRun('shadow', settings, 'v2').run);

    expect(outcome).toMatchObject({ kind: 'failed', restored: true });
    expect(outcome.detail).toContain('nothing serves');
    expect(env.list()).toEqual([]);
  });

  it('never mirrors to a shadow that is not healthy', async () => {
    await runner.run(recordedRun('rolling', settings, 'v1').run);
    env.unhealthyDigests.add('v2');

    const { run, gates } = recordedRun('shadow', settings, 'v2', { deploymentId: 2 });
    const outcome = await runner.run(run);

    expect(outcome.kind).toBe('failed');
    expect(gates).toEqual([]);
    expect(env.applied.some((route) => route.mirror !== null)).toBe(false);
  });
});
