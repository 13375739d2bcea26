import os from 'node:os';
import type { AppInfo } from '../shared/contract';
import { createGitPort } from './adapters/git/simple-git-adapter';
import { openReleaseStore } from './adapters/store/sqlite-release-store';
import type { Handlers } from './api/handlers';
import { createDemoRepository } from './demo/create-demo-repository';
import { createEventBus, type EventBus } from './event-bus';
import type { ReleaseStore } from './ports/store';
import { addService } from './use-cases/add-service';
import { openDemo } from './use-cases/open-demo';
import { createServiceHistory } from './use-cases/service-history';
import { setEnvironments } from './use-cases/set-environments';
import { serviceNotFound } from '../shared/domain/workspace-errors';

export interface CoreOptions {
  readonly dataDir: string;
  readonly mode: AppInfo['mode'];
  readonly version: string;
  /** better_sqlite3.node built for Electron, when running inside Electron. */
  readonly nativeBinding?: string | undefined;
}

export interface Core {
  readonly handlers: Handlers;
  readonly events: EventBus;
  readonly store: ReleaseStore;
  close(): void;
}

/**
 * The composition root shared by Electron, browser mode and the CLI: builds the adapters and wires the
 * use cases to the contract's handlers. Nothing here imports Electron.
 */
export function createCore(options: CoreOptions): Core {
  const store = openReleaseStore(options.dataDir, { nativeBinding: options.nativeBinding });
  const git = createGitPort();
  const events = createEventBus();
  const actor = currentUser();
  const history = createServiceHistory({ git, store });

  const workspaceChanged = (service: string) => events.emit('workspace.changed', { service });

  const handlers: Handlers = {
    'app.info': () => ({
      version: options.version,
      mode: options.mode,
      dataDir: options.dataDir,
      platform: process.platform
    }),
    'services.list': () => store.listServices(),
    'services.get': ({ service }) => {
      const found = store.findService(service);
      if (found) return found;
      throw serviceNotFound(service);
    },
    'services.add': async (input) => {
      const service = await addService({ git, store, actor }, input);
      workspaceChanged(service.name);
      return service;
    },
    'environments.set': ({ service, environments }) => {
      const updated = setEnvironments({ store, actor }, service, environments);
      workspaceChanged(service);
      return updated;
    },
    'demo.open': async () => {
      const service = await openDemo({
        git,
        store,
        actor,
        dataDir: options.dataDir,
        createDemoRepository: (dir, onProgress) => createDemoRepository(dir, { now: new Date(), onProgress }),
        onProgress: (step, completed, total) => events.emit('progress', { task: 'demo', step, completed, total })
      });
      workspaceChanged(service.name);
      return service;
    },
    'audit.list': ({ limit, beforeId }) => store.listAudit(limit, beforeId),
    'history.branches': ({ service }) => history.branches(service),
    'history.tags': ({ service }) => history.tags(service),
    'history.commits': ({ service, ref, text, author, shaPrefix, offset, limit }) =>
      history.commits(service, { ref, text, author, shaPrefix, offset, limit }),
    'history.commit': ({ service, sha }) => history.commit(service, sha),
    'history.compare': ({ service, from, to, limit }) => history.compare(service, from, to, limit)
  };

  return { handlers, events, store, close: () => store.close() };
}

function currentUser(): string {
  try {
    return os.userInfo().username;
  } catch {
    return 'unknown';
  }
}
