import { describe, expect, it, vi } from 'vitest';
import { digestOf, imageOf } from './fake-kubernetes';
import { ENVIRONMENT, kubeRun, kubeSettings, kubeSetup, SERVICE } from './kube-test-kit';

describe('kubernetes readState', () => {
  it('says when the Service selects a colour whose Deployment is gone', async () => {
    const { fake, runner } = kubeSetup();
    fake.addDeployment('api', 'v1', 2);
    fake.addService('api', { app: 'api' });
    await runner.run(kubeRun('blue-green', kubeSettings({ strategy: 'blue-green' }), 'v2').run);
    fake.workloads.delete('Deployment/api-blue');
    fake.addDeployment('api-green', 'v1', 1, { app: 'api', 'shipdeck.dev/colour': 'green' });

    const state = await runner.readState(SERVICE, ENVIRONMENT);

    expect(state.servingDigest).toBeNull();
    expect(state.problems).toContain('Service api selects colour blue but api-blue is gone');
  });

  it('reports an image that is not by digest and a rollout stuck past its progress deadline', async () => {
    const { fake, runner } = kubeSetup();
    const api = fake.addDeployment('api', 'v1', 2);
    api.containers = [{ name: 'app', image: 'registry.local/shop/api:latest' }];
    api.conditions = [{ type: 'Progressing', status: 'False', reason: 'ProgressDeadlineExceeded', message: 'ReplicaSet "api-5d9" has timed out progressing.', lastUpdateTime: null }];

    const state = await runner.readState(SERVICE, ENVIRONMENT);

    expect(state.problems).toEqual([
      'deployment api runs image registry.local/shop/api:latest, not by digest',
      'deployment api exceeded its progress deadline: ReplicaSet "api-5d9" has timed out progressing.'
    ]);
  });

  it('lists a workload without available pods as created, and one scaled to 0 not at all', async () => {
    const { fake, runner } = kubeSetup();
    fake.addDeployment('api', 'v1', 2);
    fake.addDeployment('api-canary', 'v2', 1).available = 0;
    fake.addDeployment('api-blue', 'v1', 0);
    fake.addService('api', { app: 'api' });

    const state = await runner.readState(SERVICE, ENVIRONMENT);

    expect(state.instances.map((i) => [i.name, i.role, i.state])).toEqual([['api', 'stable', 'running'], ['api-canary', 'canary', 'created']]);
    expect(state.canary).toEqual({ digest: digestOf('v2'), weight: 0 });
  });

  it('reads from the watch cache when the namespace is watched', async () => {
    const { fake, runner } = kubeSetup();
    fake.addDeployment('api', 'v1', 2);
    fake.watching = true;
    const getWorkload = vi.spyOn(fake.port, 'getWorkload');

    const state = await runner.readState(SERVICE, ENVIRONMENT);

    expect(state.servingDigest).toBe(digestOf('v1'));
    expect(getWorkload).not.toHaveBeenCalled();
  });

  it('takes the release from the change cause only while the workload still runs its digest', async () => {
    const { fake, runner } = kubeSetup();
    fake.addDeployment('api', 'v1', 2);
    await runner.run(kubeRun('rolling', kubeSettings(), 'v2', { deploymentId: 7 }).run);
    expect((await runner.readState(SERVICE, ENVIRONMENT)).instances[0]?.deploymentId).toBe(7);

    // Changed by hand with kubectl set image: the annotation stays, but no longer describes what runs.
    fake.get('api')!.containers = [{ name: 'app', image: imageOf('v3') }];
    expect((await runner.readState(SERVICE, ENVIRONMENT)).instances[0]?.deploymentId).toBe(0);
  });
});
