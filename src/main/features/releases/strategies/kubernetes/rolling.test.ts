import { describe, expect, it } from 'vitest';
import { digestOf, imageOf } from './fake-kubernetes';
import { ENVIRONMENT, kubeRun, kubeSettings, kubeSetup, SERVICE } from './kube-test-kit';

describe('kubernetes rolling', () => {
  it('sets the image by digest with a change cause naming the release, follows the rollout and reports its progress', async () => {
    const { fake, runner } = kubeSetup();
    fake.addDeployment('api', 'v1', 3);
    const { run, reports } = kubeRun('rolling', kubeSettings(), 'v2');

    const outcome = await runner.run(run);

    expect(outcome.kind).toBe('succeeded');
    expect(fake.log).toEqual([`setImage api ${digestOf('v2')}`, 'follow api']);
    const api = fake.get('api');
    expect(api?.containers[0]?.image).toBe(imageOf('v2'));
    expect(api?.annotations['kubernetes.io/change-cause']).toBe(`shipdeck: deploy 1.42.0 (sha256:${digestOf('v2').slice(7, 19)}) as release #42 by alice`);
    const progress = reports.filter((r) => r.phase === 'instance-started' || r.phase === 'instance-healthy');
    expect(progress.map((r) => r.weight)).toEqual([0, 33, 67, 100]);
    expect(reports.at(-1)).toMatchObject({ phase: 'completed', progress: 1 });

    const state = await runner.readState(SERVICE, ENVIRONMENT);
    expect(state.servingDigest).toBe(digestOf('v2'));
    expect(state.instances).toEqual([expect.objectContaining({ name: 'api', role: 'stable', digest: digestOf('v2'), deploymentId: 42, state: 'running', hostPort: null })]);
  });

  it('undoes a rollout whose pods never become ready back to the revision that ran, and fails restored', async () => {
    const { fake, runner } = kubeSetup();
    fake.addDeployment('api', 'v1', 3);
    fake.neverReady.add(imageOf('v2'));
    const { run, reports } = kubeRun('rolling', kubeSettings(), 'v2');

    const outcome = await runner.run(run);

    expect(outcome).toMatchObject({ kind: 'failed', restored: true });
    expect(outcome.detail).toContain('exceeded its progress deadline');
    expect(fake.log).toEqual([`setImage api ${digestOf('v2')}`, 'follow api', 'undo api 1', 'follow api']);
    expect(fake.versionOf('api')).toBe(digestOf('v1'));
    expect(reports.map((r) => r.phase)).toContain('instance-unhealthy');
    expect(reports.at(-1)).toMatchObject({ phase: 'failed', data: { restored: true } });
  });

  it('undoes a rollout that does not finish within the environment timeout', async () => {
    const { fake, runner } = kubeSetup();
    fake.addDeployment('api', 'v1', 2);
    fake.hanging.add(imageOf('v2'));

    const outcome = await runner.run(kubeRun('rolling', kubeSettings({ healthTimeoutSeconds: 0.01 }), 'v2').run);

    expect(outcome).toMatchObject({ kind: 'failed', restored: true });
    expect(outcome.detail).toContain('timed out');
    expect(fake.versionOf('api')).toBe(digestOf('v1'));
  });

  it('says not restored when the undo itself fails', async () => {
    const { fake, runner } = kubeSetup();
    fake.addDeployment('api', 'v1', 2);
    fake.neverReady.add(imageOf('v2'));
    fake.port.undo = async () => {
      throw new Error('the API server went away');
    };

    const outcome = await runner.run(kubeRun('rolling', kubeSettings(), 'v2').run);

    expect(outcome).toMatchObject({ kind: 'failed', restored: false });
    expect(outcome.detail).toContain('could not be put back');
  });

  it('refuses a paused Deployment without writing anything', async () => {
    const { fake, runner } = kubeSetup();
    fake.addDeployment('api', 'v1', 2).paused = true;

    const outcome = await runner.run(kubeRun('rolling', kubeSettings(), 'v2').run);

    expect(outcome).toMatchObject({ kind: 'failed', restored: true });
    expect(outcome.detail).toContain('kubectl rollout resume deployment/api');
    expect(fake.log).toEqual([]);
  });

  it('fails restored when the Deployment does not exist', async () => {
    const { runner } = kubeSetup();
    const outcome = await runner.run(kubeRun('rolling', kubeSettings(), 'v2').run);
    expect(outcome).toMatchObject({ kind: 'failed', restored: true });
    expect(outcome.detail).toContain('deployment api is not in namespace shop');
  });

  it('stops following when cancelled, without undoing, and says traffic may be on the new version', async () => {
    const { fake, runner } = kubeSetup();
    fake.addDeployment('api', 'v1', 2);
    fake.hanging.add(imageOf('v2'));
    const controller = new AbortController();
    const { run } = kubeRun('rolling', kubeSettings({ healthTimeoutSeconds: 3600 }), 'v2', { signal: controller.signal });
    const running = runner.run(run);
    setImmediate(() => controller.abort());

    const outcome = await running;

    expect(outcome).toMatchObject({ kind: 'failed', restored: false });
    expect(outcome.detail).toContain('stopped');
    expect(fake.log).not.toContain('undo api 1');
  });

  it('rolls back by kubectl rollout undo while a ReplicaSet keeps the revision; otherwise leaves it to the orchestrator', async () => {
    const { fake, runner } = kubeSetup();
    fake.addDeployment('api', 'v1', 2);
    await runner.run(kubeRun('rolling', kubeSettings(), 'v2').run);
    expect(await runner.fastRollback(SERVICE, ENVIRONMENT, kubeSettings(), digestOf('v1'), async () => undefined)).toBe(true);
    expect(fake.log).toContain(`undo api ${digestOf('v1')}`);
    expect((await runner.readState(SERVICE, ENVIRONMENT)).servingDigest).toBe(digestOf('v1'));
    expect(await runner.fastRollback(SERVICE, ENVIRONMENT, kubeSettings(), digestOf('v9'), async () => undefined)).toBe(false);
  });
});
