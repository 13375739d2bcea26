/** Shared set-up of the Kubernetes runner's tests: the fake, the runner over it, a recorded run. */
import { DEFAULT_ENVIRONMENT_SETTINGS, type EnvironmentSettings } from '../../../../../shared/domain/environment-settings';
import type { KubernetesTarget } from '../../../../../shared/domain/kubernetes';
import { recordedRun, type RecordedRun } from '../fake-docker-environment';
import type { GateDecision, StrategyRun } from '../strategy';
import { digestOf, FakeKubernetes, imageOf, NAMESPACE } from './fake-kubernetes';
import { createKubernetesStrategyRunner, type KubernetesStrategyRunner } from './kubernetes-strategy-runner';

export const SERVICE = 'api';
export const ENVIRONMENT = 'prod';
export const TARGET: KubernetesTarget = { context: null, namespace: NAMESPACE, deployment: 'api', rollout: null, serviceName: null };

export function kubeSettings(overrides: Partial<EnvironmentSettings> = {}, target: Partial<KubernetesTarget> = {}): EnvironmentSettings {
  return { ...DEFAULT_ENVIRONMENT_SETTINGS, instances: 3, healthTimeoutSeconds: 1, ...overrides, kubernetes: { ...TARGET, ...target } };
}

export function kubeSetup(target: Partial<KubernetesTarget> = {}): { fake: FakeKubernetes; runner: KubernetesStrategyRunner } {
  const fake = new FakeKubernetes();
  const runner = createKubernetesStrategyRunner({
    kube: fake.port,
    targetOf: () => ({ ...TARGET, ...target }),
    now: () => Date.parse('2024-05-01T12:00:00Z'),
    describeRelease: (id) => ({ version: `1.${id}.0`, by: 'alice' }),
    sleep: async () => undefined
  });
  return { fake, runner };
}

export type RecordedKubeRun = RecordedRun;

/** A recorded run (fake-docker-environment's) of the Kubernetes tests' service and image. */
export function kubeRun(
  strategy: StrategyRun['strategy'],
  settings: EnvironmentSettings,
  version: string,
  options: { deploymentId?: number; decide?: (step: { step: number; weight: number }) => Promise<GateDecision> | GateDecision; signal?: AbortSignal } = {}
): RecordedKubeRun {
  return recordedRun(strategy, settings, digestOf(version), { ...options, deploymentId: options.deploymentId ?? 42, service: SERVICE, imageReference: imageOf(version) });
}
