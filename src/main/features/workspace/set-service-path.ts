import type { Service } from '../../../shared/domain/workspace';
import { serviceNotFound } from '../../../shared/domain/workspace-errors';
import type { GitPort } from '../../ports/git';
import type { WorkspaceStore } from '../../ports/store';

/** Re-points a service at its repository's new place, after checking that place for real. Audited. */
export async function setServicePath(
  deps: { readonly git: GitPort; readonly store: WorkspaceStore; readonly actor: string; readonly signal?: AbortSignal },
  serviceName: string,
  repoPath: string
): Promise<Service> {
  const existing = deps.store.findService(serviceName);
  if (!existing) throw serviceNotFound(serviceName);
  const checked = await deps.git.open(repoPath).check(deps.signal);
  return deps.store.setServicePath(serviceName, checked.path, {
    actor: deps.actor,
    action: 'service.set-path',
    subject: `service:${existing.name}`,
    details: { from: existing.repoPath, to: checked.path }
  }, deps.signal);
}
