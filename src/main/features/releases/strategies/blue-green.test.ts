import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createDockerStrategyRunner } from './docker-strategy-runner';
import { describeRoute, ENVIRONMENT, FakeDockerEnvironment, recordedRun, SERVICE, settingsWith } from './fake-docker-environment';
import type { StrategyReport, StrategyRunner } from './strategy';

let env: FakeDockerEnvironment;
let runner: StrategyRunner;
const settings = settingsWith({ instances: 2, strategy: 'blue-green', sticky: { kind: 'header', name: 'X-User' } });

beforeEach(() => {
  env = new FakeDockerEnvironment();
  runner = createDockerStrategyRunner({ runtime: env.runtime, router: env.router, drainMs: 0 });
});

afterEach(() => {
  expect(env.violations).toEqual([]);
});

const roles = (): string[] => env.list().map((i) => `${i.role}:${i.digest}`).sort();

async function deployTwice(): Promise<void> {
  expect((await runner.run(recordedRun('blue-green', settings, 'v1').run)).kind).toBe('succeeded');
  expect((await runner.run(recordedRun('blue-green', settings, 'v2', { deploymentId: 2 }).run)).kind).toBe('succeeded');
}

describe('blue-green', () => {
  it('starts a first deploy as blue', async () => {
    const outcome = await runner.run(recordedRun('blue-green', settings, 'v1').run);

    expect(outcome.kind).toBe('succeeded');
    expect(env.applied.map(describeRoute)).toEqual(['blue=100[2]']);
    expect(roles()).toEqual(['blue:v1', 'blue:v1']);
  });

  it('starts the other colour beside the live one, smoke-checks it and switches in one reload, keeping the old colour idle', async () => {
    await runner.run(recordedRun('blue-green', settings, 'v1').run);
    env.clearLog();
    const applied = env.applied.length;
    const { run, reports } = recordedRun('blue-green', settings, 'v2', { deploymentId: 2 });

    const outcome = await runner.run(run);

    expect(outcome.kind).toBe('succeeded');
    expect(env.applied.slice(applied).map(describeRoute)).toEqual(['green=100[2] blue=0[2]']);
    expect(env.log.filter((l) => l.startsWith('probe green')).length).toBe(2);
    expect(env.log.findIndex((l) => l.startsWith('apply'))).toBeGreaterThan(env.log.findLastIndex((l) => l.startsWith('probe')));
    expect(roles()).toEqual(['blue:v1', 'blue:v1', 'green:v2', 'green:v2']);
    expect(env.currentRoute?.sticky).toEqual({ kind: 'header', name: 'X-User' });
    expect(reports.find((r) => r.phase === 'switched')).toMatchObject({ weight: 100 });
    const state = await runner.readState(SERVICE, ENVIRONMENT);
    expect(state).toMatchObject({ servingDigest: 'v2', idle: { role: 'blue', digest: 'v1' }, problems: [] });
  });

  it('rolls back to the idle colour in one reload while it still runs', async () => {
    await deployTwice();
    const applied = env.applied.length;
    const reports: StrategyReport[] = [];

    const switched = await runner.fastRollback(SERVICE, ENVIRONMENT, settings, 'v1', async (r) => {
      reports.push(r);
    });

    expect(switched).toBe(true);
    expect(env.applied.slice(applied).map(describeRoute)).toEqual(['blue=100[2] green=0[2]']);
    expect(reports.map((r) => r.phase)).toEqual(['switched']);
    expect(await runner.readState(SERVICE, ENVIRONMENT)).toMatchObject({ servingDigest: 'v1', idle: { role: 'green', digest: 'v2' } });
    expect(roles()).toEqual(['blue:v1', 'blue:v1', 'green:v2', 'green:v2']);
  });

  it('does not switch back to an idle colour that runs another digest or does not answer', async () => {
    await deployTwice();
    const noReport = async (): Promise<void> => undefined;

    expect(await runner.fastRollback(SERVICE, ENVIRONMENT, settings, 'v0', noReport)).toBe(false);
    env.probeFails = (instance) => instance.role === 'blue';
    expect(await runner.fastRollback(SERVICE, ENVIRONMENT, settings, 'v1', noReport)).toBe(false);
    expect((await runner.readState(SERVICE, ENVIRONMENT)).servingDigest).toBe('v2');
  });

  it('removes the idle colour after the hold, once the route no longer lists it', async () => {
    await deployTwice();

    await runner.removeIdle(SERVICE, ENVIRONMENT);

    expect(env.currentRoute && describeRoute(env.currentRoute)).toBe('green=100[2]');
    expect(env.currentRoute?.sticky).toEqual({ kind: 'header', name: 'X-User' });
    expect(roles()).toEqual(['green:v2', 'green:v2']);
    expect((await runner.readState(SERVICE, ENVIRONMENT)).idle).toBeNull();
  });

  it('never switches to a colour that fails its smoke check, and removes it', async () => {
    await runner.run(recordedRun('blue-green', settings, 'v1').run);
    env.probeFails = (instance) => instance.role === 'green';
    const applied = env.applied.length;

    const outcome = await runner.run(recordedRun('blue-green', settings, 'v2', { deploymentId: 2 }).run);

    expect(outcome).toMatchObject({ kind: 'failed', restored: true });
    expect(outcome.detail).toContain('smoke check failed');
    expect(env.applied.length).toBe(applied);
    expect(roles()).toEqual(['blue:v1', 'blue:v1']);
  });

  it('fails with the last log lines when the new colour never gets healthy, the live colour untouched', async () => {
    await runner.run(recordedRun('blue-green', settings, 'v1').run);
    env.unhealthyDigests.add('v2');

    const outcome = await runner.run(recordedRun('blue-green', settings, 'v2', { deploymentId: 2 }).run);

    expect(outcome).toMatchObject({ kind: 'failed', restored: true });
    expect(outcome.detail).toContain('boom: cannot connect to db');
    expect(env.currentRoute && describeRoute(env.currentRoute)).toBe('blue=100[2]');
    expect(roles()).toEqual(['blue:v1', 'blue:v1']);
  });

  it('finishes without a second switch when run again after its switch', async () => {
    await deployTwice();
    env.clearLog();

    const outcome = await runner.run(recordedRun('blue-green', settings, 'v2', { deploymentId: 2 }).run);

    expect(outcome.kind).toBe('succeeded');
    expect(env.log).toEqual([]);
  });

  it('moves a rolling environment to blue and removes the colourless instances after the switch', async () => {
    await runner.run(recordedRun('rolling', settings, 'v1').run);

    const outcome = await runner.run(recordedRun('blue-green', settings, 'v2', { deploymentId: 2 }).run);

    expect(outcome.kind).toBe('succeeded');
    expect(env.currentRoute && describeRoute(env.currentRoute)).toBe('blue=100[2]');
    expect(roles()).toEqual(['blue:v2', 'blue:v2']);
  });
});
