import { type workspaceContract } from '../../../shared/contract/workspace';
import type { Service } from '../../../shared/domain/workspace';
import { serviceNotFound } from '../../../shared/domain/workspace-errors';
import type { CallNamesOf, FeatureHandlers, StreamNamesOf } from '../../api/handlers';
import { feed } from '../../event-bus';
import type { EventPort } from '../../ports/events';
import type { GitPort } from '../../ports/git';
import type { AuditStore, WorkspaceStore } from '../../ports/store';
import { addService } from './add-service';
import { openDemo, type OpenDemoDeps } from './open-demo';
import { removeService } from './remove-service';
import { setEnvironments } from './set-environments';
import { setServicePath } from './set-service-path';

type WorkspaceHandlers = FeatureHandlers<CallNamesOf<typeof workspaceContract>, StreamNamesOf<typeof workspaceContract>>;

export interface WorkspaceDeps {
  readonly git: GitPort;
  readonly store: WorkspaceStore;
  readonly audit: AuditStore;
  readonly events: EventPort;
  readonly actor: string;
  readonly dataDir: string;
  /** Loaded only when the demo is opened: the generator is large and most sessions never need it. */
  readonly createDemoRepository: OpenDemoDeps['createDemoRepository'];
  readonly recordDemoReleases: OpenDemoDeps['recordDemoReleases'];
  /** Called once `demo.open` has its answer, not awaited: the live demo runs in the background. */
  readonly onDemoOpened?: ((service: Service) => void) | undefined;
}

export function createWorkspaceHandlers(deps: WorkspaceDeps): WorkspaceHandlers {
  const changed = (service: string) => deps.events.emit('workspace.changed', { service });
  return {
    calls: {
      'services.list': () => deps.store.listServices(),
      'services.get': ({ service }) => {
        const found = deps.store.findService(service);
        if (found) return found;
        throw serviceNotFound(service);
      },
      'services.add': async (input, { signal }) => {
        const service = await addService({ ...deps, signal }, input);
        changed(service.name);
        return service;
      },
      'services.remove': async ({ service }, { signal }) => {
        const removed = await removeService({ ...deps, signal }, service);
        changed(removed.service);
        return removed;
      },
      'services.setPath': async ({ service, repoPath }, { signal }) => {
        const updated = await setServicePath({ ...deps, signal }, service, repoPath);
        changed(updated.name);
        return updated;
      },
      'environments.set': async ({ service, environments }, { signal }) => {
        const updated = await setEnvironments({ ...deps, signal }, service, environments);
        changed(updated.name);
        return updated;
      },
      'demo.open': async () => {
        const service = await openDemo({
          ...deps,
          onProgress: (step, completed, total) =>
            deps.events.emit('task.progress', { task: 'demo', step, completed, total })
        });
        changed(service.name);
        deps.onDemoOpened?.(service);
        return service;
      },
      'audit.list': ({ limit, beforeId }) => deps.audit.list(limit, beforeId)
    },
    streams: {
      'workspace.changes': (_input, sink, { signal }) => feed(deps.events, 'workspace.changed', (c) => sink.push(c), signal)
    }
  };
}
