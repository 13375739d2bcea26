import { describe, expect, it } from 'vitest';
import type { GateDecision } from '../strategy';
import { digestOf, imageOf } from './fake-kubernetes';
import { canaryPods } from './canary';
import { ENVIRONMENT, kubeRun, kubeSettings, kubeSetup, SERVICE } from './kube-test-kit';

const settings = kubeSettings({ strategy: 'canary', instances: 4, canarySteps: [25, 50, 100] });

function setup() {
  const kit = kubeSetup();
  kit.fake.addDeployment('api', 'v1', 4);
  return kit;
}

describe('kubernetes canary with Deployments', () => {
  it('splits pods step by step, gates at each weight, then rolls stable to the new image and deletes the canary', async () => {
    const { fake, runner } = setup();
    const seen: [number | undefined, number | undefined][] = [];
    const { run, gates, reports } = kubeRun('canary', settings, 'v2', {
      decide: () => {
        seen.push([fake.get('api-canary')?.available, fake.get('api')?.available]);
        return 'continue';
      }
    });

    const outcome = await runner.run(run);

    expect(outcome.kind).toBe('succeeded');
    expect(gates).toEqual([{ step: 1, weight: 25 }, { step: 2, weight: 50 }]);
    expect(seen).toEqual([[1, 3], [2, 2]]);
    expect(fake.get('api-canary')).toBeUndefined();
    expect(fake.versionOf('api')).toBe(digestOf('v2'));
    expect(fake.get('api')?.replicas).toBe(4);
    expect(reports.filter((r) => r.phase === 'traffic').map((r) => r.weight)).toEqual([25, 50, 100]);
  });

  it('labels the canary as a track of the same app, so the Service selects both', async () => {
    const { fake, runner } = setup();
    let labels: Record<string, string> | undefined;
    const { run } = kubeRun('canary', settings, 'v2', {
      decide: () => {
        labels = fake.get('api-canary')?.templateLabels;
        return 'abort';
      }
    });
    await runner.run(run);
    expect(fake.log[0]).toBe(`apply api-canary ${digestOf('v2')} x1`);
    expect(labels).toEqual({ app: 'api', 'shipdeck.dev/track': 'canary' });
  });

  it('aborts at a gate: stable back to all its pods, the canary deleted', async () => {
    const { fake, runner } = setup();
    const { run } = kubeRun('canary', settings, 'v2', { decide: () => 'abort' });

    const outcome = await runner.run(run);

    expect(outcome.kind).toBe('aborted');
    expect(fake.get('api-canary')).toBeUndefined();
    expect(fake.get('api')).toMatchObject({ replicas: 4, available: 4 });
    expect(fake.versionOf('api')).toBe(digestOf('v1'));
  });

  it('shows the canary and its share of the pods in the state while parked at a gate', async () => {
    const { runner, fake } = setup();
    let state: Awaited<ReturnType<typeof runner.readState>> | null = null;
    const { run } = kubeRun('canary', settings, 'v2', {
      decide: async (): Promise<GateDecision> => {
        state = await runner.readState(SERVICE, ENVIRONMENT);
        return 'abort';
      }
    });
    await runner.run(run);
    expect(state).toMatchObject({ servingDigest: digestOf('v1'), canary: { digest: digestOf('v2'), weight: 25 } });
    expect(fake.violations).toEqual([]);
  });

  it('gates once per distinct pod split when there are few instances', async () => {
    const { fake, runner } = kubeSetup();
    fake.addDeployment('api', 'v1', 2);
    const { run, gates } = kubeRun('canary', kubeSettings({ strategy: 'canary', instances: 2, canarySteps: [5, 25, 50, 100] }), 'v2');
    await runner.run(run);
    expect(gates).toEqual([{ step: 1, weight: 50 }]);
  });

  it('continues a canary taken over from another process at the step after the one that runs', async () => {
    const { fake, runner } = setup();
    // What the first process left at its first gate: one canary pod of v2 available, stable at 3.
    await fake.port.applySibling({ name: 'api-canary', from: { context: null, namespace: 'shop', kind: 'Deployment', name: 'api' }, image: imageOf('v2'), replicas: 1, labels: { 'shipdeck.dev/track': 'canary' }, changeCause: 'x' });
    await fake.port.followRollout({ context: null, namespace: 'shop', kind: 'Deployment', name: 'api-canary' }, {});
    await fake.port.scale({ context: null, namespace: 'shop', kind: 'Deployment', name: 'api' }, 3);

    const { run, gates } = kubeRun('canary', settings, 'v2');
    const outcome = await runner.run(run);

    expect(outcome.kind).toBe('succeeded');
    expect(gates).toEqual([{ step: 2, weight: 50 }]);
  });

  it('fails restored when the canary never becomes ready: stable keeps all pods, the canary goes', async () => {
    const { fake, runner } = setup();
    fake.neverReady.add(imageOf('v2'));

    const outcome = await runner.run(kubeRun('canary', settings, 'v2').run);

    expect(outcome).toMatchObject({ kind: 'failed', restored: true });
    expect(fake.get('api-canary')).toBeUndefined();
    expect(fake.get('api')).toMatchObject({ replicas: 4, available: 4 });
  });

  it('rolls back a canary in progress to stable without a new start (fast rollback)', async () => {
    const { fake, runner } = setup();
    let rolledBack: boolean | null = null;
    const { run } = kubeRun('canary', settings, 'v2', {
      decide: async (): Promise<GateDecision> => {
        rolledBack = await runner.fastRollback(SERVICE, ENVIRONMENT, settings, digestOf('v1'), async () => undefined);
        return 'abort';
      }
    });
    await runner.run(run);
    expect(rolledBack).toBe(true);
    expect(fake.get('api-canary')).toBeUndefined();
  });

  it('keeps at least one stable pod below 100 %', () => {
    expect(canaryPods(4, 90)).toEqual({ canary: 4, stable: 1 });
    expect(canaryPods(1, 5)).toEqual({ canary: 1, stable: 1 });
    expect(canaryPods(10, 5)).toEqual({ canary: 1, stable: 9 });
  });
});
