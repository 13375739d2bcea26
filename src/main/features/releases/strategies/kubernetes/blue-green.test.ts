import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { digestOf, type FakeKubernetes, imageOf } from './fake-kubernetes';
import type { KubernetesStrategyRunner } from './kubernetes-strategy-runner';
import { ENVIRONMENT, kubeRun, kubeSettings, kubeSetup, SERVICE } from './kube-test-kit';

let fake: FakeKubernetes;
let runner: KubernetesStrategyRunner;
const settings = kubeSettings({ strategy: 'blue-green', instances: 2 });

beforeEach(() => {
  ({ fake, runner } = kubeSetup());
  fake.addDeployment('api', 'v1', 2);
  fake.addService('api', { app: 'api' });
});

afterEach(() => {
  // The Service is never switched to pods that are not available.
  expect(fake.violations).toEqual([]);
});

describe('kubernetes blue-green', () => {
  it('starts blue from the Deployment the first time, switches the Service once it is available, and scales the old Deployment to 0', async () => {
    const { run, reports } = kubeRun('blue-green', settings, 'v2');

    const outcome = await runner.run(run);

    expect(outcome.kind).toBe('succeeded');
    expect(fake.log).toEqual([`apply api-blue ${digestOf('v2')} x2`, 'follow api-blue', 'selector api app=api,shipdeck.dev/colour=blue', 'scale api 0']);
    expect(fake.get('api-blue')?.templateLabels).toEqual({ app: 'api', 'shipdeck.dev/colour': 'blue' });
    expect(reports.find((r) => r.phase === 'switched')).toMatchObject({ weight: 100, data: { colour: 'blue', switchedAt: '2024-05-01T12:00:00.000Z' } });
    const state = await runner.readState(SERVICE, ENVIRONMENT);
    expect(state.servingDigest).toBe(digestOf('v2'));
    expect(state.idle).toBeNull();
    expect(state.instances.map((i) => [i.name, i.role])).toEqual([['api-blue', 'blue']]);
  });

  it('keeps the old colour idle after the switch until removeIdle scales it to 0', async () => {
    await runner.run(kubeRun('blue-green', settings, 'v1').run);
    fake.clearLog();

    const outcome = await runner.run(kubeRun('blue-green', settings, 'v2', { deploymentId: 43 }).run);

    expect(outcome.detail).toContain('blue stays idle');
    expect(fake.log).toEqual([`apply api-green ${digestOf('v2')} x2`, 'follow api-green', 'selector api app=api,shipdeck.dev/colour=green']);
    expect((await runner.readState(SERVICE, ENVIRONMENT)).idle).toEqual({ role: 'blue', digest: digestOf('v1') });

    await runner.removeIdle(SERVICE, ENVIRONMENT);

    expect(fake.get('api-blue')?.replicas).toBe(0);
    const state = await runner.readState(SERVICE, ENVIRONMENT);
    expect(state.idle).toBeNull();
    expect(state.instances.map((i) => i.name)).toEqual(['api-green']);
  });

  it('rolls back in one selector write while the idle colour still runs the wanted digest', async () => {
    await runner.run(kubeRun('blue-green', settings, 'v1').run);
    await runner.run(kubeRun('blue-green', settings, 'v2', { deploymentId: 43 }).run);
    fake.clearLog();
    const reports: string[] = [];

    const switched = await runner.fastRollback(SERVICE, ENVIRONMENT, settings, digestOf('v1'), async (report) => {
      reports.push(report.phase);
    });

    expect(switched).toBe(true);
    expect(fake.log).toEqual(['selector api app=api,shipdeck.dev/colour=blue']);
    expect(reports).toEqual(['switched']);
    const state = await runner.readState(SERVICE, ENVIRONMENT);
    expect(state.servingDigest).toBe(digestOf('v1'));
    expect(state.idle).toEqual({ role: 'green', digest: digestOf('v2') });
  });

  it('has no fast rollback once the idle colour is scaled to 0, or for another digest', async () => {
    await runner.run(kubeRun('blue-green', settings, 'v1').run);
    await runner.run(kubeRun('blue-green', settings, 'v2', { deploymentId: 43 }).run);
    const noReport = async (): Promise<void> => undefined;

    expect(await runner.fastRollback(SERVICE, ENVIRONMENT, settings, digestOf('v0'), noReport)).toBe(false);
    await runner.removeIdle(SERVICE, ENVIRONMENT);
    expect(await runner.fastRollback(SERVICE, ENVIRONMENT, settings, digestOf('v1'), noReport)).toBe(false);
  });

  it('leaves traffic on the live colour and scales the new one to 0 when it never becomes available', async () => {
    await runner.run(kubeRun('blue-green', settings, 'v1').run);
    fake.neverReady.add(imageOf('v2'));
    fake.clearLog();

    const outcome = await runner.run(kubeRun('blue-green', settings, 'v2', { deploymentId: 43 }).run);

    expect(outcome).toMatchObject({ kind: 'failed', restored: true });
    expect(fake.log).toEqual([`apply api-green ${digestOf('v2')} x2`, 'follow api-green', 'scale api-green 0']);
    expect(fake.services.get('api')).toEqual({ app: 'api', 'shipdeck.dev/colour': 'blue' });
  });

  it('fails restored without writing when the Service does not exist', async () => {
    fake.services.clear();
    const outcome = await runner.run(kubeRun('blue-green', settings, 'v2').run);
    expect(outcome).toMatchObject({ kind: 'failed', restored: true });
    expect(outcome.detail).toContain('Service api is not in namespace shop');
    expect(fake.log).toEqual([]);
  });

  it('does nothing when the live colour already serves the digest', async () => {
    await runner.run(kubeRun('blue-green', settings, 'v1').run);
    fake.clearLog();
    const outcome = await runner.run(kubeRun('blue-green', settings, 'v1', { deploymentId: 43 }).run);
    expect(outcome.detail).toContain('blue already serves');
    expect(fake.log).toEqual([]);
  });

  it('stops following when cancelled and says traffic stays on the live colour', async () => {
    await runner.run(kubeRun('blue-green', settings, 'v1').run);
    fake.hanging.add(imageOf('v2'));
    const controller = new AbortController();
    const running = runner.run(kubeRun('blue-green', kubeSettings({ strategy: 'blue-green', instances: 2, healthTimeoutSeconds: 3600 }), 'v2', { signal: controller.signal }).run);
    setImmediate(() => controller.abort());

    const outcome = await running;

    expect(outcome).toMatchObject({ kind: 'failed', restored: true });
    expect(outcome.detail).toContain('traffic stays on what served before');
    expect(fake.services.get('api')).toEqual({ app: 'api', 'shipdeck.dev/colour': 'blue' });
  });
});
