import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_ENVIRONMENT_SETTINGS } from '../../../shared/domain/environment-settings';
import type { KubernetesTarget } from '../../../shared/domain/kubernetes';
import type { Service } from '../../../shared/domain/workspace';
import { createEventBus } from '../../event-bus';
import type { KubernetesPort, WorkloadEvent, WorkloadSnapshot } from '../../ports/kubernetes';
import { watchKubernetesEnvironments, type EnvironmentWatches } from './watch-environments';

const target = (namespace: string, deployment: string): KubernetesTarget => ({ context: 'c', namespace, deployment, rollout: null, serviceName: null });
const service = (name: string, environments: Record<string, KubernetesTarget | null>): Service =>
  ({
    name,
    environments: Object.entries(environments).map(([env, kube], position) => ({
      name: env,
      position,
      targetKind: kube ? 'kubernetes' : 'docker',
      requiresApproval: false,
      settings: { ...DEFAULT_ENVIRONMENT_SETTINGS, kubernetes: kube }
    }))
  }) as unknown as Service;

function fakeKube() {
  const listeners = new Map<string, (event: WorkloadEvent) => void>();
  const port = {
    watchNamespace: (context: string | null, namespace: string, listener: (event: WorkloadEvent) => void) => {
      const key = `${context}/${namespace}`;
      if (listeners.has(key)) throw new Error(`a second watch on ${key}`);
      listeners.set(key, listener);
      return () => listeners.delete(key);
    }
  } as unknown as KubernetesPort;
  const change = (namespace: string, name: string) =>
    listeners.get(`c/${namespace}`)?.({ type: 'MODIFIED', snapshot: { ref: { context: 'c', namespace, kind: 'Deployment', name } } as unknown as WorkloadSnapshot });
  return { port, listeners, change };
}

let watches: EnvironmentWatches | null = null;
afterEach(() => watches?.close());

describe('watchKubernetesEnvironments', () => {
  it('keeps one watch per namespace, hints only the environment whose workload changed, and follows the workspace', async () => {
    const kube = fakeKube();
    const events = createEventBus();
    let services = [service('api', { staging: target('shop', 'api'), prod: target('shop', 'api-prod'), dev: null })];
    const hints: string[] = [];
    events.on('kubernetes.changed', (change) => hints.push(`${change.service}/${change.environment}`), new AbortController().signal);
    watches = watchKubernetesEnvironments({ kube: kube.port, workspace: { listServices: () => services }, events, rereadMs: 10 });
    expect([...kube.listeners.keys()]).toEqual(['c/shop']);

    kube.change('shop', 'api-prod');
    kube.change('shop', 'api-green');
    kube.change('shop', 'unrelated');
    expect(hints).toEqual(['api/prod', 'api/staging']);

    // Another process adds an environment in another namespace and drops both in shop: no event here.
    services = [service('api', { staging: target('payments', 'api') })];
    await new Promise((resolve) => setTimeout(resolve, 40));
    expect([...kube.listeners.keys()]).toEqual(['c/payments']);
  });
});
