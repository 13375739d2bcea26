/** Settings' Kubernetes environments in words: which environments release to a cluster, which could, and the contexts to pick. */
import type { KubeconfigView, KubernetesTarget } from '../../../../shared/domain/kubernetes';
import type { EnvironmentSettings } from '../../../../shared/domain/environment-settings';
import type { Service, TargetKind } from '../../../../shared/domain/workspace';

/** One service × environment, with what the Configure dialog needs. */
export interface EnvironmentRef {
  readonly service: string;
  readonly environment: string;
  readonly targetKind: TargetKind;
  readonly settings: EnvironmentSettings;
}

const refsOf = (services: readonly Service[]): EnvironmentRef[] =>
  services.flatMap((service) =>
    [...service.environments]
      .sort((a, b) => a.position - b.position)
      .map((environment) => ({ service: service.name, environment: environment.name, targetKind: environment.targetKind, settings: environment.settings }))
  );

/** The environments that release to Kubernetes, by service, then in promotion order. */
export const kubernetesEnvironments = (services: readonly Service[]): EnvironmentRef[] => refsOf(services).filter((ref) => ref.targetKind === 'kubernetes');

/** The environments that do not release to Kubernetes yet: what "Release an environment to a cluster" offers. */
export const environmentsOffCluster = (services: readonly Service[]): EnvironmentRef[] => refsOf(services).filter((ref) => ref.targetKind !== 'kubernetes');

/** `shop-api/staging`: one value for a select's option. */
export const refKey = (ref: Pick<EnvironmentRef, 'service' | 'environment'>): string => `${ref.service}/${ref.environment}`;

/** An option of the context picker; the empty value is "the kubeconfig's current context" (a null context). */
export interface ContextOption {
  readonly value: string;
  readonly label: string;
  /** The environment names a context the kubeconfig no longer has. */
  readonly missing: boolean;
}

/**
 * The picker's options: the current context first (what null means, named when the kubeconfig has one),
 * then each context (the demo's emulator said to be one), and the environment's own context when the
 * kubeconfig lost it, so it stays selected and visible rather than silently becoming another one.
 */
export function contextOptions(kubeconfig: Pick<KubeconfigView, 'contexts' | 'currentContext'> | null, emulatorContext: string | null, chosen: string | null): ContextOption[] {
  const contexts = kubeconfig?.contexts ?? [];
  const current = kubeconfig?.currentContext ?? null;
  const options: ContextOption[] = [
    { value: '', label: current ? `(current context: ${current})` : '(current context)', missing: false },
    ...contexts.map((context) => ({ value: context.name, label: context.name === emulatorContext ? `${context.name} — emulator, not a cluster` : context.name, missing: false }))
  ];
  if (chosen !== null && !contexts.some((context) => context.name === chosen)) {
    // Before the kubeconfig is read, the chosen context is only not known yet.
    options.push(kubeconfig === null ? { value: chosen, label: chosen, missing: false } : { value: chosen, label: `${chosen} — not in the kubeconfig`, missing: true });
  }
  return options;
}

/** `deployment/api` or `rollout/api-canary`. */
export const workloadOf = (target: KubernetesTarget): string => (target.rollout !== null ? `rollout/${target.rollout}` : `deployment/${target.deployment}`);
