import os from 'node:os';
import type { AppInfo } from '../shared/contract';
import { createFileCredentialStore } from './adapters/credentials/file-credential-store';
import { createGitPort } from './adapters/git/simple-git-adapter';
import { createRegistryPort } from './adapters/registry/registry-adapter';
import { openReleaseStore } from './adapters/store/sqlite-release-store';
import type { Handlers } from './api/handlers';
import { createEventBus } from './event-bus';
import { createWorktreeAdapter } from './adapters/git/worktree';
import { createRunLogAdapter } from './adapters/logs/run-log-adapter';
import { createProcessAdapter } from './adapters/process/process-adapter';
import { lazyPort } from './lazy-port';
import type { ContainersPort } from './ports/containers';
import type { SecretCipher } from './ports/credentials';
import { createAppHandlers } from './features/app/handlers';
import { createArtifactsHandlers } from './features/artifacts/handlers';
import { createBranchWatcher } from './features/pipelines/branch-watch';
import { createPipelinesHandlers } from './features/pipelines/handlers';
import { createRunManager } from './features/pipelines/run-manager';
import { createHistoryHandlers } from './features/history/handlers';
import { createWorkspaceHandlers } from './features/workspace/handlers';
import { createLiveDemoStarter } from './demo/live/live-demo-starter';
import { DEMO_SERVICE_NAME } from './features/workspace/open-demo';
import { demoEmulatorKubeconfig } from './demo/kube/demo-cluster';
import { createDemoEmulatorStarter } from './demo/kube/demo-emulator-starter';
import { composeReleases } from './features/releases/compose-releases';
import { composeKubernetes } from './features/kubernetes/compose-kubernetes';
import { createNginxRouter } from './adapters/router/nginx-router';
import { createFileScrapeTargets } from './adapters/prometheus/file-scrape-targets';
import { createPrometheusClient } from './adapters/prometheus/prometheus-client';
import { composeAnalysis } from './features/analysis/compose-analysis';
import { createDomainJudge } from './features/analysis/judge-binding';
import type { EnvironmentRuntimePort } from './ports/environment-runtime';

export interface CoreOptions {
  readonly dataDir: string;
  readonly mode: AppInfo['mode'];
  readonly version: string;
  /** better_sqlite3.node built for Electron, when running inside Electron. */
  readonly nativeBinding?: string | undefined;
  /** Pipeline runs at once in this core; default 2. */
  readonly maxConcurrentRuns?: number | undefined;
  /**
   * With a Docker engine, `demo.open` then releases the demo for real in the background (demo/live/).
   * `false` (or SHIPDECK_LIVE_DEMO=off) leaves the demo to its recorded history; `ports` sets the public
   * port per environment (tests pick free ones). The CLI's short-lived core never starts it.
   */
  readonly liveDemo?: false | { readonly ports?: Readonly<Record<string, number>> | undefined } | undefined;
  /**
   * The demo's Kubernetes API emulator (in this process, offline, on loopback) for its `k8s-emulator`
   * environment: on by default in long-lived cores, even without the live demo; `false` (or
   * SHIPDECK_DEMO_EMULATOR=off) leaves that environment unreachable. The CLI never starts it.
   */
  readonly demoEmulator?: false | { readonly podReadyDelayMs?: number } | undefined;
}

/** What the process hosting the core provides that cannot travel as options (they are JSON). */
export interface CoreServices {
  /** Encrypts registry secrets; the Electron core host relays to safeStorage. Default: encoding only, with a warning. */
  readonly secretCipher?: SecretCipher | undefined;
}

export interface Core {
  readonly handlers: Handlers;
  /** Cancels runs in flight, waits for them to record how they ended, and closes the store. */
  close(): Promise<void>;
}

/**
 * The composition root shared by the Electron core process, browser mode and the CLI: builds the
 * adapters and composes each feature's handlers. Nothing here imports Electron.
 */
export function createCore(options: CoreOptions, services: CoreServices = {}): Core {
  const store = openReleaseStore(options.dataDir, { nativeBinding: options.nativeBinding });
  const git = createGitPort();
  const events = createEventBus();
  const actor = currentUser();
  const logs = createRunLogAdapter(options.dataDir);

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
      const { createDemoRepository } = await import('./demo/demo-entry');
      await createDemoRepository(dir, { now: new Date(), onProgress });
    },
    recordDemoReleases: async (service) => {
      const { recordDemoReleases, addDemoClusterEnvironment } = await import('./demo/demo-entry');
      // The emulator's environment first: the recorded history has releases to it.
      const withCluster = await addDemoClusterEnvironment(store, service);
      await recordDemoReleases(withCluster, { store, logs }, new Date());
    },
    onDemoOpened: (service) => {
      liveDemo?.start(service);
      demoEmulator?.start(service);
    }
  });
  const history = createHistoryHandlers({ git, store: store.workspace });
  const credentials = createFileCredentialStore({
    dataDir: options.dataDir,
    ...(services.secretCipher !== undefined ? { cipher: services.secretCipher } : {})
  });
  const registries = createRegistryPort({ credentials });
  // Loaded on first use: dockerode costs ~130 ms at start-up, which commands that never need Docker should not pay.
  const containers = lazyPort<ContainersPort>(
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
  );
  const artifacts = createArtifactsHandlers({
    store,
    git,
    containers,
    credentials,
    // With candidate credentials (a login being checked), a port that knows only those.
    openRegistry: (endpoint, candidate) =>
      candidate ? createRegistryPort({ credentials: { get: () => Promise.resolve(candidate) } }).open(endpoint) : registries.open(endpoint),
    actor
  });

  const worktrees = createWorktreeAdapter(options.dataDir);
  const runs = createRunManager(
    store,
    { git, worktrees, logs, processes: createProcessAdapter(), containers, credentials },
    events,
    { maxConcurrentRuns: options.maxConcurrentRuns ?? 2 }
  );
  const watcher = createBranchWatcher(store, worktrees, runs);
  // The CLI's short-lived cores neither sweep other processes' leftovers nor watch branches.
  let closing = false;
  const starting =
    options.mode === 'cli'
      ? Promise.resolve()
      : runs
          .recover()
          .then(() => (closing ? undefined : Promise.all(store.runs.branchWatches().map((watch) => watcher.refresh(watch.service)))))
          .then(() => undefined, (error: unknown) => console.error('[shipdeck] starting branch watches failed:', error));
  const pipelines = createPipelinesHandlers({ store, runs, logs, watcher, events, actor });
  const runtime = lazyPort<EnvironmentRuntimePort>(
    async () => (await import('./adapters/docker/environment-runtime')).createDockerEnvironmentRuntime(),
    { ping: true, imageExists: true, imageConfig: true, startInstance: true, waitHealthy: true, probe: true, removeInstance: true, listInstances: true, lastLogLines: true }
  );
  const router = createNginxRouter({ dataDir: options.dataDir });
  // Canary analysis; its runtime keeps Prometheus' scrape targets in step with the instances.
  const analysis = composeAnalysis({
    store,
    events,
    actor,
    runtime,
    metrics: createPrometheusClient(),
    targets: createFileScrapeTargets(options.dataDir),
    judge: createDomainJudge()
  });
  const kubernetes = composeKubernetes({
    store,
    events,
    actor,
    watch: options.mode !== 'cli',
    // The demo emulator's kubeconfig after the user's (the adapter skips it when it is absent).
    load: async () => (await import('./adapters/kubernetes/kubernetes-adapter')).createKubernetesAdapter({ extraKubeconfigs: () => [demoEmulatorKubeconfig(options.dataDir)] }),
    emulator: () => demoEmulator?.running() ?? null
  });
  const releases = composeReleases({
    kubernetes: kubernetes.kube,
    store,
    git,
    events,
    actor,
    runtime: analysis.runtime,
    router,
    analysis: analysis.gate,
    openRegistry: (endpoint) => registries.open(endpoint),
    recoverAtStart: options.mode !== 'cli'
  });
  const liveDemoOff = options.liveDemo === false || options.mode === 'cli' || process.env['SHIPDECK_LIVE_DEMO'] === 'off';
  const liveDemo = liveDemoOff
    ? null
    : createLiveDemoStarter({
        events,
        ports: options.liveDemo?.ports,
        // Loaded when the demo is first opened, like the demo generator. Over the analysis' runtime: its
        // instances are written to Prometheus' scrape targets like any release's.
        load: async () =>
          (await import('./demo/live/create-live-demo')).createLiveDemoRunner({ dataDir: options.dataDir, store, events, containers, worktrees, targets: { runtime: analysis.runtime, router } })
      });

  const demoEmulatorOff = options.demoEmulator === false || options.mode === 'cli' || process.env['SHIPDECK_DEMO_EMULATOR'] === 'off';
  const emulatorOptions = options.demoEmulator === false ? {} : (options.demoEmulator ?? {});
  const demoEmulator = demoEmulatorOff
    ? null
    : createDemoEmulatorStarter({
        events,
        // Loaded at the first start, like the live demo.
        start: async (service) =>
          (await import('./demo/kube/demo-emulator')).startDemoEmulator({ dataDir: options.dataDir, service, releases: store.releases, ...emulatorOptions })
      });
  // A workspace that has the demo already: its emulator environment answers without opening the demo again.
  const openedDemo = demoEmulator === null ? undefined : store.workspace.findService(DEMO_SERVICE_NAME);
  if (openedDemo) demoEmulator?.start(openedDemo);

  // Typed as Handlers: a call or stream of the contract that no feature handles fails to compile.
  const handlers: Handlers = {
    calls: { ...app.calls, ...workspace.calls, ...history.calls, ...pipelines.calls, ...artifacts.calls, ...releases.handlers.calls, ...analysis.handlers.calls, ...kubernetes.handlers.calls },
    streams: { ...app.streams, ...workspace.streams, ...history.streams, ...pipelines.streams, ...artifacts.streams, ...releases.handlers.streams, ...analysis.handlers.streams, ...kubernetes.handlers.streams }
  };
  const close = async () => {
    closing = true;
    await starting;
    watcher.close();
    // The live demo first: its releases go through the same records.
    await liveDemo?.close();
    await releases.close();
    await demoEmulator?.close();
    await kubernetes.close();
    // Runs in flight are cancelled; the store closes once they have recorded how they ended.
    if (runs.activeCount() > 0) await runs.close();
    store.close();
  };
  return { handlers, close };
}

function currentUser(): string {
  try {
    return os.userInfo().username;
  } catch {
    return 'unknown';
  }
}
