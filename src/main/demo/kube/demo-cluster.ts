/**
 * The demo's Kubernetes environment: `k8s-emulator`, last in the promotion order after prod, releasing
 * the Deployment `shop-api` in namespace `shop-demo` of the context the demo's Kubernetes API emulator
 * writes (`<dataDir>/kube-emulator/kubeconfig`). Named after the emulator so nobody takes it for a cluster.
 */
import path from 'node:path';
import { DEMO_ACTOR_PREFIX } from '../../../shared/domain/demo-data';
import { DEFAULT_ENVIRONMENT_SETTINGS, type EnvironmentSettings } from '../../../shared/domain/environment-settings';
import type { KubernetesTarget } from '../../../shared/domain/kubernetes';
import type { Service } from '../../../shared/domain/workspace';
import type { ReleasesStore } from '../../ports/store';

export const DEMO_CLUSTER_ENVIRONMENT = 'k8s-emulator';
export const DEMO_EMULATOR_CONTEXT = 'shipdeck-demo-emulator';
export const DEMO_CLUSTER_NAMESPACE = 'shop-demo';
export const DEMO_CLUSTER_DEPLOYMENT = 'shop-api';
export const DEMO_CLUSTER_REPLICAS = 3;
/** The live demo's actor (deploy-live-demo), not imported: the core loads this file at start. */
const DEMO_SETUP_ACTOR = `${DEMO_ACTOR_PREFIX}setup`;

export const DEMO_CLUSTER_TARGET: KubernetesTarget = {
  context: DEMO_EMULATOR_CONTEXT,
  namespace: DEMO_CLUSTER_NAMESPACE,
  deployment: DEMO_CLUSTER_DEPLOYMENT,
  rollout: null,
  serviceName: null
};

export const DEMO_CLUSTER_SETTINGS: EnvironmentSettings = { ...DEFAULT_ENVIRONMENT_SETTINGS, instances: DEMO_CLUSTER_REPLICAS, strategy: 'rolling', kubernetes: DEMO_CLUSTER_TARGET };

/** Where the demo's emulator writes its kubeconfig (the core's Kubernetes adapter reads it after the user's). */
export const demoEmulatorKubeconfig = (dataDir: string): string => path.join(dataDir, 'kube-emulator', 'kubeconfig');

const pointsAtEmulator = (service: Service): boolean =>
  service.environments.some((environment) => environment.name === DEMO_CLUSTER_ENVIRONMENT && environment.targetKind === 'kubernetes' && environment.settings.kubernetes?.context === DEMO_EMULATOR_CONTEXT);

/** Whether the service has the demo's emulator environment as the demo configured it. */
export const hasDemoClusterEnvironment = pointsAtEmulator;

/**
 * Adds the environment (last in the promotion order) when the demo service lacks it — a demo opened
 * before it existed, or a first open — audited as the demo's own setup actor. Leaves one the user changed alone.
 */
export async function addDemoClusterEnvironment(store: { readonly releases: Pick<ReleasesStore, 'configureEnvironment'> }, service: Service): Promise<Service> {
  if (service.environments.some((environment) => environment.name === DEMO_CLUSTER_ENVIRONMENT)) return service;
  return store.releases.configureEnvironment(
    service.name,
    DEMO_CLUSTER_ENVIRONMENT,
    { targetKind: 'kubernetes', requiresApproval: false, settings: DEMO_CLUSTER_SETTINGS },
    {
      actor: DEMO_SETUP_ACTOR,
      action: 'environment.configured',
      subject: `service:${service.name}`,
      details: { environment: DEMO_CLUSTER_ENVIRONMENT, changed: 'target', approval: null, target: `kubernetes ${DEMO_EMULATOR_CONTEXT}/${DEMO_CLUSTER_NAMESPACE}/deployment/${DEMO_CLUSTER_DEPLOYMENT} (the demo's Kubernetes API emulator)` }
    }
  );
}
