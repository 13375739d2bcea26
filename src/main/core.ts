import os from 'node:os';
import type { AppInfo } from '../shared/contract';
import { createFileCredentialStore } from './adapters/credentials/file-credential-store';
import { createGitPort } from './adapters/git/simple-git-adapter';
import { createRegistryPort } from './adapters/registry/registry-adapter';
import { openReleaseStore } from './adapters/store/sqlite-release-store';
import type { Handlers } from './api/handlers';
import { createEventBus } from './event-bus';
import { lazyPort } from './lazy-port';
import type { ContainersPort } from './ports/containers';
import { createAppHandlers } from './features/app/handlers';
import { createArtifactsHandlers } from './features/artifacts/handlers';
import { createHistoryHandlers } from './features/history/handlers';
import { createWorkspaceHandlers } from './features/workspace/handlers';

export interface CoreOptions {
  readonly dataDir: string;
  readonly mode: AppInfo['mode'];
  readonly version: string;
  /** better_sqlite3.node built for Electron, when running inside Electron. */
  readonly nativeBinding?: string | undefined;
}

export interface Core {
  readonly handlers: Handlers;
  close(): void;
}

/**
 * The composition root shared by the Electron core process, browser mode and the CLI: builds the
 * adapters and composes each feature's handlers. Nothing here imports Electron.
 */
export function createCore(options: CoreOptions): Core {
  const store = openReleaseStore(options.dataDir, { nativeBinding: options.nativeBinding });
  const git = createGitPort();
  const events = createEventBus();
  const actor = currentUser();

  const app = createAppHandlers({
    info: { version: options.version, mode: options.mode, dataDir: options.dataDir },
    events
  });
  const workspace = createWorkspaceHandlers({
    git,
    store: store.workspace,
    audit: store.audit,
    events,
    actor,
    dataDir: options.dataDir,
    // A dynamic import: the demo generator is loaded only when someone opens the demo.
    createDemoRepository: async (dir, onProgress) => {
      const { createDemoRepository } = await import('./demo/create-demo-repository');
      await createDemoRepository(dir, { now: new Date(), onProgress });
    }
  });
  const history = createHistoryHandlers({ git, store: store.workspace });
  const credentials = createFileCredentialStore({ dataDir: options.dataDir });
  const registries = createRegistryPort({ credentials });
  const artifacts = createArtifactsHandlers({
    store,
    git,
    // Loaded on first use: dockerode costs ~130 ms at start-up, which commands that never need Docker should not pay.
    containers: lazyPort<ContainersPort>(
      async () => (await import('./adapters/docker/docker-adapter')).createDockerContainersPort(),
      {
        ping: true,
        buildImage: true,
        pushImage: true,
        inspectImage: true,
        removeImage: true,
        listImages: true,
        runStage: true,
        listStageContainers: true,
        removeStageContainers: true
      }
    ),
    credentials,
    // With candidate credentials (a login being checked), a port that knows only those.
    openRegistry: (endpoint, candidate) =>
      candidate ? createRegistryPort({ credentials: { get: () => Promise.resolve(candidate) } }).open(endpoint) : registries.open(endpoint),
    actor
  });

  // Typed as Handlers: a call or stream of the contract that no feature handles fails to compile.
  const handlers: Handlers = {
    calls: { ...app.calls, ...workspace.calls, ...history.calls, ...artifacts.calls },
    streams: { ...app.streams, ...workspace.streams, ...history.streams, ...artifacts.streams }
  };
  return { handlers, close: () => store.close() };
}

function currentUser(): string {
  try {
    return os.userInfo().username;
  } catch {
    return 'unknown';
  }
}
