import { beforeEach, describe, expect, it } from 'vitest';
import type { GateDecision } from '../strategy';
import { digestOf, type FakeKubernetes, imageOf } from './fake-kubernetes';
import type { KubernetesStrategyRunner } from './kubernetes-strategy-runner';
import { ENVIRONMENT, kubeRun, kubeSettings, kubeSetup, SERVICE } from './kube-test-kit';

let fake: FakeKubernetes;
let runner: KubernetesStrategyRunner;
const settings = kubeSettings({ strategy: 'canary' }, { rollout: 'api' });

beforeEach(() => {
  ({ fake, runner } = kubeSetup({ rollout: 'api' }));
  fake.addRollout('api', 'v1', 5, [{ setWeight: 20 }, { pause: {} }, { setWeight: 60 }, { pause: {} }]);
});

describe('kubernetes canary with an Argo Rollout', () => {
  it('sets the image, gates at each pause with the canary weight, promotes step by step until healthy', async () => {
    const { run, gates } = kubeRun('canary', settings, 'v2');

    const outcome = await runner.run(run);

    expect(outcome.kind).toBe('succeeded');
    expect(gates).toEqual([{ step: 2, weight: 20 }, { step: 4, weight: 60 }]);
    expect(fake.log).toEqual([`setImage api ${digestOf('v2')}`, 'follow api', 'promote api', 'follow api', 'promote api', 'follow api']);
    expect(fake.get('api', 'Rollout')).toMatchObject({ phase: 'Healthy' });
    expect((await runner.readState(SERVICE, ENVIRONMENT)).servingDigest).toBe(digestOf('v2'));
  });

  it('follows again while the controller has not taken up a promote yet, without gating a step twice', async () => {
    fake.promoteLag = 2;
    const { run, gates } = kubeRun('canary', settings, 'v2');

    const outcome = await runner.run(run);

    expect(outcome.kind).toBe('succeeded');
    expect(gates).toEqual([{ step: 2, weight: 20 }, { step: 4, weight: 60 }]);
  });

  it('shows stable serving and the canary weight while paused', async () => {
    let state: Awaited<ReturnType<typeof runner.readState>> | null = null;
    const { run } = kubeRun('canary', settings, 'v2', {
      decide: async (): Promise<GateDecision> => {
        state = await runner.readState(SERVICE, ENVIRONMENT);
        return 'abort';
      }
    });
    await runner.run(run);
    expect(state).toMatchObject({ servingDigest: digestOf('v1'), canary: { digest: digestOf('v2'), weight: 20 } });
  });

  it('aborts at a gate: the Rollout is aborted and set back to the stable image', async () => {
    const { run } = kubeRun('canary', settings, 'v2', { decide: () => 'abort' });

    const outcome = await runner.run(run);

    expect(outcome.kind).toBe('aborted');
    expect(fake.log).toContain('abort api');
    expect(fake.log.at(-1)).toBe(`setImage api ${digestOf('v1')}`);
    expect(fake.get('api', 'Rollout')).toMatchObject({ phase: 'Healthy', aborted: false });
    const state = await runner.readState(SERVICE, ENVIRONMENT);
    expect(state).toMatchObject({ servingDigest: digestOf('v1'), canary: null, problems: [] });
  });

  it('fails restored with the AnalysisRun message when Argo aborts for a failed analysis', async () => {
    fake.analysisFailsAt.set('api', 2);

    const outcome = await runner.run(kubeRun('canary', settings, 'v2').run);

    expect(outcome).toMatchObject({ kind: 'failed', restored: true });
    expect(outcome.detail).toContain('Metric "error-rate" assessed Failed');
    expect(fake.log).not.toContain('abort api');
  });

  it('aborts a Rollout whose canary never becomes ready, back on stable', async () => {
    fake.neverReady.add(imageOf('v2'));

    const outcome = await runner.run(kubeRun('canary', settings, 'v2').run);

    expect(outcome).toMatchObject({ kind: 'failed', restored: true });
    expect(outcome.detail).toContain('exceeded its progress deadline');
    expect(fake.log.slice(-2)).toEqual(['abort api', `setImage api ${digestOf('v1')}`]);
  });

  it('continues a paused Rollout taken over from another process by promoting past its pause', async () => {
    await pausedAtFirstStep();

    const { run, gates } = kubeRun('canary', settings, 'v2');
    const outcome = await runner.run(run);

    expect(outcome.kind).toBe('succeeded');
    expect(gates).toEqual([{ step: 4, weight: 60 }]);
    expect(fake.log).toEqual(['promote api', 'follow api', 'promote api', 'follow api']);
  });

  it('rolls back a Rollout mid-canary by aborting it (fast rollback)', async () => {
    await pausedAtFirstStep();

    expect(await runner.fastRollback(SERVICE, ENVIRONMENT, settings, digestOf('v0'), async () => undefined)).toBe(false);
    const rolledBack = await runner.fastRollback(SERVICE, ENVIRONMENT, settings, digestOf('v1'), async () => undefined);

    expect(rolledBack).toBe(true);
    expect(fake.log).toEqual(['abort api', `setImage api ${digestOf('v1')}`]);
    expect((await runner.readState(SERVICE, ENVIRONMENT)).servingDigest).toBe(digestOf('v1'));
  });
});

/** What a first process left: v2 set, the Rollout paused at its first pause step. */
async function pausedAtFirstStep(): Promise<void> {
  const ref = { context: null, namespace: 'shop', kind: 'Rollout', name: 'api' } as const;
  await fake.port.setImage(ref, { container: null, image: imageOf('v2'), changeCause: 'first process' });
  await fake.port.followRollout(ref, {});
  fake.clearLog();
}
