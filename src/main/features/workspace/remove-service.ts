import { serviceNotFound } from '../../../shared/domain/workspace-errors';
import type { WorkspaceStore } from '../../ports/store';

/**
 * Takes a service off the workspace (its repository moved away or it was retired). Its release records
 * and audit entries stay: the service is marked retired, never deleted. Audited under its own name.
 */
export async function removeService(
  deps: { readonly store: WorkspaceStore; readonly actor: string; readonly signal?: AbortSignal },
  serviceName: string
): Promise<{ readonly service: string }> {
  const existing = deps.store.findService(serviceName);
  if (!existing) throw serviceNotFound(serviceName);
  const removed = await deps.store.retireService(existing.name, {
    actor: deps.actor,
    action: 'service.remove',
    subject: `service:${existing.name}`,
    details: { repoPath: existing.repoPath }
  }, deps.signal);
  return { service: removed.name };
}
