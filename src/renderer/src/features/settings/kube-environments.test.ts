import { describe, expect, it } from 'vitest';
import { DEFAULT_ENVIRONMENT_SETTINGS } from '../../../../shared/domain/environment-settings';
import type { KubeContextView, KubernetesTarget } from '../../../../shared/domain/kubernetes';
import type { Environment, Service } from '../../../../shared/domain/workspace';
import { contextOptions, environmentsOffCluster, kubernetesEnvironments, refKey, workloadOf } from './kube-environments';

const target: KubernetesTarget = { context: 'kind-a', namespace: 'shop', deployment: 'api', rollout: null, serviceName: null };
const environment = (name: string, position: number, kube: boolean): Environment => ({
  name,
  position,
  targetKind: kube ? 'kubernetes' : 'docker',
  requiresApproval: false,
  settings: { ...DEFAULT_ENVIRONMENT_SETTINGS, kubernetes: kube ? target : null }
});
const service = (name: string, environments: Environment[]): Service => ({ name, repoPath: `/r/${name}`, imageRepository: null, pipelineFile: 'p.yml', environments, createdAt: '2024-01-01T00:00:00Z', readOnly: false });
const context = (name: string, current = false): KubeContextView => ({ name, cluster: name, server: 'https://127.0.0.1:6443', user: 'me', namespace: null, authentication: 'token', current });

describe('Settings: kubernetes environments', () => {
  const services = [service('api', [environment('prod', 2, true), environment('dev', 0, true), environment('staging', 1, false)]), service('web', [environment('dev', 0, false)])];

  it('lists the kubernetes environments by service in promotion order, and offers the others for a cluster', () => {
    expect(kubernetesEnvironments(services).map(refKey)).toEqual(['api/dev', 'api/prod']);
    expect(environmentsOffCluster(services).map(refKey)).toEqual(['api/staging', 'web/dev']);
  });

  it('offers the current context (named) first, marks the emulator, and keeps a context the kubeconfig lost', () => {
    const kubeconfig = { contexts: [context('kind-a', true), context('kube-emulator')], currentContext: 'kind-a' };
    expect(contextOptions(kubeconfig, 'kube-emulator', 'gone')).toEqual([
      { value: '', label: '(current context: kind-a)', missing: false },
      { value: 'kind-a', label: 'kind-a', missing: false },
      { value: 'kube-emulator', label: 'kube-emulator — emulator, not a cluster', missing: false },
      { value: 'gone', label: 'gone — not in the kubeconfig', missing: true }
    ]);
    expect(contextOptions(kubeconfig, null, 'kind-a').some((option) => option.missing)).toBe(false);
    expect(contextOptions(null, null, 'kind-a')).toEqual([
      { value: '', label: '(current context)', missing: false },
      { value: 'kind-a', label: 'kind-a', missing: false }
    ]);
    expect(contextOptions({ contexts: [], currentContext: null }, null, null)).toEqual([{ value: '', label: '(current context)', missing: false }]);
  });

  it('names the workload by its Rollout when it has one', () => {
    expect(workloadOf(target)).toBe('deployment/api');
    expect(workloadOf({ ...target, rollout: 'api-canary' })).toBe('rollout/api-canary');
  });
});
