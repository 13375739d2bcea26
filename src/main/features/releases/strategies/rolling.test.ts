import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createDockerStrategyRunner } from './docker-strategy-runner';
import { ENVIRONMENT, FakeDockerEnvironment, recordedRun, SERVICE, settingsWith } from './fake-docker-environment';
import type { StrategyRunner } from './strategy';

let env: FakeDockerEnvironment;
let runner: StrategyRunner;

beforeEach(() => {
  env = new FakeDockerEnvironment();
  runner = createDockerStrategyRunner({ runtime: env.runtime, router: env.router, drainMs: 0 });
});

afterEach(() => {
  expect(env.violations).toEqual([]);
});

/** The log as `verb:digest`, which is what the order of a rolling deploy is about. */
const steps = (): string[] =>
  env.log.map((line) => {
    const [verb, what = ''] = line.split(' ');
    return what.includes(':') ? `${verb}:${what.split(':')[1]}` : line;
  });

const servedDigests = (): string[] => {
  const names = new Set(env.currentRoute?.pools.flatMap((pool) => pool.servers.map((s) => s.instanceName)) ?? []);
  return env.list().filter((i) => names.has(i.name)).map((i) => i.digest).sort();
};

describe('rolling', () => {
  it('starts every instance of a first deploy, waits until all are healthy, then routes them', async () => {
    const { run } = recordedRun('rolling', settingsWith({ instances: 3, sticky: { kind: 'cookie', name: 'uid' } }), 'v1');

    const outcome = await runner.run(run);

    expect(outcome.kind).toBe('succeeded');
    expect(steps()).toEqual(['start:v1', 'start:v1', 'start:v1', 'healthy:v1', 'healthy:v1', 'healthy:v1', 'apply stable=100[3]']);
    expect(env.currentRoute?.sticky).toEqual({ kind: 'cookie', name: 'uid' });
    expect(env.currentRoute?.publicPort).toBe(18080);
  });

  it('replaces a batch at a time: new healthy, route moved, then the old ones stop', async () => {
    await runner.run(recordedRun('rolling', settingsWith({ instances: 4 }), 'v1').run);
    env.clearLog();

    const { run, reports } = recordedRun('rolling', settingsWith({ instances: 4, rollingBatchSize: 2 }), 'v2', { deploymentId: 2 });
    const outcome = await runner.run(run);

    expect(outcome.kind).toBe('succeeded');
    expect(steps()).toEqual([
      'start:v2', 'start:v2', 'healthy:v2', 'healthy:v2', 'apply stable=100[4]', 'remove:v1', 'remove:v1',
      'start:v2', 'start:v2', 'healthy:v2', 'healthy:v2', 'apply stable=100[4]', 'remove:v1', 'remove:v1'
    ]);
    expect(env.applied.at(-2)?.pools[0]?.servers).toHaveLength(4);
    expect(servedDigests()).toEqual(['v2', 'v2', 'v2', 'v2']);
    expect(env.list()).toHaveLength(4);
    const traffic = reports.filter((r) => r.phase === 'traffic');
    expect(traffic.map((r) => [r.step, r.weight])).toEqual([[1, 50], [2, 100]]);
    expect(reports.at(-1)).toMatchObject({ phase: 'completed', progress: 1 });
  });

  it('stops a batch that never gets healthy and keeps traffic on what served before it, with the log lines in the outcome', async () => {
    await runner.run(recordedRun('rolling', settingsWith({ instances: 4 }), 'v1').run);
    env.unhealthyStarts.add(6); // the second new instance: batch 2 of 4
    const { run, reports } = recordedRun('rolling', settingsWith({ instances: 4, rollingBatchSize: 1 }), 'v2', { deploymentId: 2 });

    const outcome = await runner.run(run);

    expect(outcome).toMatchObject({ kind: 'failed', restored: true });
    expect(outcome.detail).toContain('batch 2 of 4 failed');
    expect(outcome.detail).toContain('boom: cannot connect to db');
    expect(outcome.detail).toContain('1 of 4 instance(s) already ran v2');
    expect(servedDigests()).toEqual(['v1', 'v1', 'v1', 'v2']);
    expect(env.list().map((i) => i.digest).sort()).toEqual(['v1', 'v1', 'v1', 'v2']);
    expect(reports.map((r) => r.phase)).toContain('instance-unhealthy');
    expect(reports.at(-1)).toMatchObject({ phase: 'failed' });
  });

  it('removes the new batch when nginx refuses the config, and the old route keeps serving', async () => {
    await runner.run(recordedRun('rolling', settingsWith({ instances: 2 }), 'v1').run);
    const before = env.currentRoute;
    env.failNextApply = true;

    const outcome = await runner.run(recordedRun('rolling', settingsWith({ instances: 2 }), 'v2', { deploymentId: 2 }).run);

    expect(outcome).toMatchObject({ kind: 'failed', restored: true });
    expect(outcome.detail).toContain('nginx -t');
    expect(env.currentRoute).toBe(before);
    expect(env.list().map((i) => i.digest)).toEqual(['v1', 'v1']);
  });

  it('continues an interrupted deploy from the real state, using the instance it had started', async () => {
    await runner.run(recordedRun('rolling', settingsWith({ instances: 4 }), 'v1').run);
    const controller = new AbortController();
    let started = 0;
    const first = recordedRun('rolling', settingsWith({ instances: 4 }), 'v2', { deploymentId: 2, signal: controller.signal });
    const report = first.run.report;
    const interrupted = {
      ...first.run,
      report: async (r: Parameters<typeof report>[0]) => {
        await report(r);
        if (r.phase === 'instance-started' && ++started === 2) controller.abort(); // batch 2 started, not yet routed
      }
    };
    await expect(runner.run(interrupted)).rejects.toMatchObject({ code: 'CANCELLED' });
    const state = await runner.readState(SERVICE, ENVIRONMENT);
    expect(state.problems).toEqual([expect.stringContaining('runs but nginx does not send it traffic')]);
    env.clearLog();

    const outcome = await runner.run(recordedRun('rolling', settingsWith({ instances: 4 }), 'v2', { deploymentId: 2 }).run);

    expect(outcome.kind).toBe('succeeded');
    expect(steps().filter((s) => s === 'start:v2')).toHaveLength(2);
    expect(servedDigests()).toEqual(['v2', 'v2', 'v2', 'v2']);
    expect((await runner.readState(SERVICE, ENVIRONMENT)).problems).toEqual([]);
  });

  it('does nothing more when the target already serves', async () => {
    await runner.run(recordedRun('rolling', settingsWith({ instances: 2 }), 'v1').run);
    env.clearLog();

    const outcome = await runner.run(recordedRun('rolling', settingsWith({ instances: 2 }), 'v1').run);

    expect(outcome.kind).toBe('succeeded');
    expect(env.log).toEqual([]);
  });

  it('replaces an instance removed by hand and drops it from the route', async () => {
    await runner.run(recordedRun('rolling', settingsWith({ instances: 2 }), 'v1').run);
    const [lost] = env.list();
    env.setState(lost?.name ?? '', 'exited');
    expect((await runner.readState(SERVICE, ENVIRONMENT)).problems).toEqual([`nginx sends stable traffic (100%) to ${lost?.name}, which is exited`]);

    const outcome = await runner.run(recordedRun('rolling', settingsWith({ instances: 2 }), 'v1').run);

    expect(outcome.kind).toBe('succeeded');
    expect(servedDigests()).toEqual(['v1', 'v1']);
    expect((await runner.readState(SERVICE, ENVIRONMENT)).problems).toEqual([]);
  });
});
