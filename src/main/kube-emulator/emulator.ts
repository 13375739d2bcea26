/**
 * The Kubernetes API emulator, composed: store, API semantics, controllers and the HTTP server on
 * loopback. A test and demo tool — not a cluster: nothing runs; Pods only change state on a timer.
 * Every known difference from a real API server is listed in ./README.md.
 */
import { ApiService } from './api-service';
import type { TokenGrants } from './auth';
import { ArgoRolloutsControllers } from './controllers/argo-controllers';
import { ControllerManager } from './controllers/controller-manager';
import { ApiHttpServer } from './http/api-server';
import { openApiDocuments } from './http/openapi';
import { openApiV2Protobuf } from './http/openapi-v2';
import { ARGO_DEFINITIONS, ARGO_KINDS } from './kinds/argo-rollouts';
import { customResourceDefinitions, definitionOf } from './kinds/custom-resource-definitions';
import { deployments } from './kinds/deployments';
import { namespaces } from './kinds/namespaces';
import { pods } from './kinds/pods';
import { replicaSets } from './kinds/replica-sets';
import { services } from './kinds/services';
import { writeKubeconfig, type KubeconfigOptions } from './kubeconfig';
import { ObjectStore } from './object-store';
import { createTlsMaterial } from './tls-material';
import { TypeRegistry } from './type-registry';

export interface KubeEmulatorOptions {
  /** 0 (default) picks a free port. Always bound to 127.0.0.1. */
  readonly port?: number;
  /** Milliseconds from a Pod's creation to Ready (default 1000). */
  readonly podReadyDelayMs?: number;
  /** Pods running any of these images (exact references) never become ready, as the never-ready annotation. */
  readonly neverReadyImages?: readonly string[];
  /** Token → allowed verbs; when absent, requests need no token. */
  readonly tokens?: TokenGrants;
  /** The server version reported by /version, as 1.<minor> (default 33). */
  readonly serverMinorVersion?: number;
  /** How many changes the watch history keeps before older resourceVersions are Gone (default 10000). */
  readonly watchHistory?: number;
  /** Interval of watch BOOKMARK events for clients that allow them (default 5000 ms). */
  readonly bookmarkIntervalMs?: number;
  /** A too-old watch resourceVersion: ERROR event in the stream (default, as the watch cache) or HTTP 410. */
  readonly expiredWatchAs?: 'event' | 'status';
  /** Namespaces to create besides default, kube-system, kube-public and kube-node-lease. */
  readonly namespaces?: readonly string[];
  /**
   * Serve https with a self-signed certificate (put into written kubeconfigs). Default: on when tokens are
   * configured, because kubectl sends no credentials over plain http.
   */
  readonly tls?: boolean;
  /** Serve the Argo Rollouts CRDs (Rollout, AnalysisRun, AnalysisTemplate) and run their controllers. */
  readonly argoRollouts?: boolean;
}

export interface KubeEmulator {
  /** `http://127.0.0.1:<port>` or `https://…` */
  readonly url: string;
  /** PEM of the serving certificate when serving https (trust it to connect). */
  readonly certificateAuthority: string | null;
  readonly port: number;
  readonly api: ApiService;
  /** Writes a kubeconfig for this emulator; returns its path. */
  writeKubeconfig(file: string, options?: Partial<Omit<KubeconfigOptions, 'server'>>): string;
  /**
   * Behaves as an API server restart that lost its watch cache: every open connection drops and
   * resourceVersions from before now are Gone (410) for watches that try to resume from them.
   */
  simulateRestart(): void;
  /** Ends every open watch with an in-stream 410 Expired. */
  expireWatches(): void;
  /**
   * Replaces the accepted tokens — e.g. without one that was valid, as if it expired. Open watches of a
   * removed token keep streaming (as on a real server); its next request gets 401.
   */
  setTokens(tokens: TokenGrants): void;
  stop(): Promise<void>;
}

export const BUILT_IN_NAMESPACES = ['default', 'kube-system', 'kube-public', 'kube-node-lease'];

export async function startKubeEmulator(options: KubeEmulatorOptions = {}): Promise<KubeEmulator> {
  const clock = () => new Date();
  const store = new ObjectStore(options.watchHistory ?? 10_000);
  const types = new TypeRegistry([namespaces, pods, services, deployments, replicaSets, customResourceDefinitions]);
  if (options.argoRollouts) for (const type of ARGO_KINDS) types.add(type);
  const api = new ApiService(store, types, clock);
  for (const name of [...BUILT_IN_NAMESPACES, ...(options.namespaces ?? [])]) {
    if (!api.find(namespaces, '', name)) api.create(namespaces, '', { apiVersion: 'v1', kind: 'Namespace', metadata: { name } });
  }
  // Every cluster has the API server's own Service in default.
  api.create(services, 'default', {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name: 'kubernetes', labels: { component: 'apiserver', provider: 'kubernetes' } },
    spec: { clusterIP: '10.96.0.1', ports: [{ name: 'https', port: 443, protocol: 'TCP', targetPort: 6443 }] }
  });
  if (options.argoRollouts) for (const definition of ARGO_DEFINITIONS) api.create(customResourceDefinitions, '', definitionOf(definition));
  const controllers = new ControllerManager(api, store, clock, { podReadyDelayMs: options.podReadyDelayMs ?? 1000, neverReadyImages: options.neverReadyImages });
  const argo = options.argoRollouts ? new ArgoRolloutsControllers(api, clock) : null;
  if (argo) controllers.addRoute((event) => argo.route(event));
  controllers.start();
  argo?.start();
  const tls = (options.tls ?? options.tokens !== undefined) ? createTlsMaterial() : null;
  const server = new ApiHttpServer(api, {
    ...(tls ? { tls } : {}),
    ...(options.tokens ? { grants: options.tokens } : {}),
    serverMinorVersion: options.serverMinorVersion ?? 33,
    clock,
    bookmarkIntervalMs: options.bookmarkIntervalMs ?? 5000,
    expiredAs: options.expiredWatchAs ?? 'event',
    openApi: openApiDocuments(types, `v1.${options.serverMinorVersion ?? 33}.0`),
    openApiV2: () => openApiV2Protobuf(types, `v1.${options.serverMinorVersion ?? 33}.0`)
  });
  const port = await server.listen('127.0.0.1', options.port ?? 0);
  const url = `${tls ? 'https' : 'http'}://127.0.0.1:${port}`;
  return {
    url,
    port,
    certificateAuthority: tls?.cert ?? null,
    api,
    writeKubeconfig: (file, kubeconfig = {}) =>
      writeKubeconfig(file, {
        server: url,
        contextName: kubeconfig.contextName ?? 'kube-emulator',
        namespace: kubeconfig.namespace ?? 'default',
        ...(tls ? { certificateAuthority: tls.cert } : {}),
        ...(kubeconfig.token !== undefined ? { token: kubeconfig.token } : {})
      }),
    simulateRestart: () => {
      server.dropConnections();
      store.compact();
    },
    expireWatches: () => server.endWatches('expire'),
    setTokens: (tokens) => server.setGrants(tokens),
    stop: async () => {
      controllers.stop();
      argo?.stop();
      await server.close();
    }
  };
}
