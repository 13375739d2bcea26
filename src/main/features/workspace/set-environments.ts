import type { Service } from '../../../shared/domain/workspace';
import type { EnvironmentSpec, WorkspaceStore } from '../../ports/store';

/** Replaces a service's environments; the list order is the promotion order. Audited. */
export function setEnvironments(
  deps: { readonly store: WorkspaceStore; readonly actor: string; readonly signal?: AbortSignal },
  serviceName: string,
  environments: readonly EnvironmentSpec[]
): Promise<Service> {
  // Audited under the service's own name, whatever case the caller typed it in.
  const name = deps.store.findService(serviceName)?.name ?? serviceName;
  return deps.store.setEnvironments(name, environments, {
    actor: deps.actor,
    action: 'environments.set',
    subject: `service:${name}`,
    details: {
      order: environments.map((env) => env.name).join(' → '),
      approvals: environments.filter((env) => env.requiresApproval).map((env) => env.name).join(', ') || null
    }
  }, deps.signal);
}
