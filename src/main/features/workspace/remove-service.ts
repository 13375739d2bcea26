import type { WorkspaceStore } from '../../ports/store';

/**
 * Takes a service off the workspace (its repository moved away or it was retired). Its release records
 * and audit entries stay: the service is marked retired, never deleted. Audited.
 */
export async function removeService(
  deps: { readonly store: WorkspaceStore; readonly actor: string },
  serviceName: string
): Promise<{ readonly service: string }> {
  const removed = await deps.store.retireService(serviceName, {
    actor: deps.actor,
    action: 'service.remove',
    subject: `service:${serviceName}`,
    details: {}
  });
  return { service: removed.name };
}
