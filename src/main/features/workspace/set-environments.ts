import type { Environment, Service } from '../../../shared/domain/workspace';
import type { WorkspaceStore } from '../../ports/store';

/** Replaces a service's environments; the list order is the promotion order. Audited. */
export function setEnvironments(
  deps: { readonly store: WorkspaceStore; readonly actor: string },
  serviceName: string,
  environments: readonly Omit<Environment, 'position'>[]
): Promise<Service> {
  return deps.store.setEnvironments(serviceName, environments, {
    actor: deps.actor,
    action: 'environments.set',
    subject: `service:${serviceName}`,
    details: {
      order: environments.map((env) => env.name).join(' → '),
      approvals: environments.filter((env) => env.requiresApproval).map((env) => env.name).join(', ') || null
    }
  });
}
