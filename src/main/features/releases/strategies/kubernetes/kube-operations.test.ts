import { describe, expect, it } from 'vitest';
import type { StrategyReport } from '../strategy';
import { digestOf, imageOf } from './fake-kubernetes';
import { ENVIRONMENT, kubeRun, kubeSettings, kubeSetup, SERVICE } from './kube-test-kit';

describe('kubernetes operations', () => {
  it('rolls back to a revision with kubectl undo semantics and follows it', async () => {
    const { fake, runner } = kubeSetup();
    fake.addDeployment('api', 'v1', 2);
    await runner.run(kubeRun('rolling', kubeSettings(), 'v2').run);
    await runner.run(kubeRun('rolling', kubeSettings(), 'v3').run);
    const reports: StrategyReport[] = [];

    const outcome = await runner.undoTo(SERVICE, ENVIRONMENT, 1, async (report) => {
      reports.push(report);
    });

    expect(outcome.kind).toBe('succeeded');
    expect(fake.versionOf('api')).toBe(digestOf('v1'));
    expect(fake.get('api')?.revision).toBe(4);
    expect(reports.at(-1)).toMatchObject({ phase: 'completed' });
  });

  it('fails with the API message for an unknown revision', async () => {
    const { fake, runner } = kubeSetup();
    fake.addDeployment('api', 'v1', 2);
    const outcome = await runner.undoTo(SERVICE, ENVIRONMENT, 9, async () => undefined);
    expect(outcome).toMatchObject({ kind: 'failed', restored: false });
    expect(outcome.detail).toContain('unable to find the specified revision 9');
  });

  it('pauses, resumes and restarts the colour the Service selects', async () => {
    const { fake, runner } = kubeSetup();
    fake.addDeployment('api', 'v1', 2);
    fake.addService('api', { app: 'api' });
    await runner.run(kubeRun('blue-green', kubeSettings({ strategy: 'blue-green' }), 'v2').run);
    fake.clearLog();

    await runner.pause(SERVICE, ENVIRONMENT);
    await runner.resume(SERVICE, ENVIRONMENT);
    await runner.restart(SERVICE, ENVIRONMENT);

    expect(fake.log).toEqual(['pause api-blue', 'resume api-blue', 'restart api-blue']);
    expect(fake.get('api-blue')?.containers[0]?.image).toBe(imageOf('v2'));
  });
});
