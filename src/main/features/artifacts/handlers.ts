import { type artifactsContract } from '../../../shared/contract/artifacts';
import type { CallNamesOf, FeatureHandlers, StreamNamesOf } from '../../api/handlers';
import type { ContainersPort } from '../../ports/containers';
import type { CredentialStore, RegistryCredentials } from '../../ports/credentials';
import type { GitPort } from '../../ports/git';
import type { RegistryClient, RegistryEndpoint } from '../../ports/registry';
import type { ReleaseStore } from '../../ports/store';
import { createServiceHistory } from '../history/service-history';
import { createArtifactCatalog } from './artifact-catalog';
import { createPruneArtifacts } from './prune-artifacts';
import { createRegistryCredentials } from './registry-credentials';
import { createRetentionPlanner } from './retention-planner';
import { createSystemStatus } from './system-status';

type ArtifactsHandlers = FeatureHandlers<CallNamesOf<typeof artifactsContract>, StreamNamesOf<typeof artifactsContract>>;

export interface ArtifactsDeps {
  readonly store: Pick<ReleaseStore, 'artifacts' | 'runs' | 'deployments' | 'workspace' | 'audit' | 'transaction'>;
  readonly git: GitPort;
  readonly containers: ContainersPort;
  readonly credentials: CredentialStore;
  /** Opens a registry client with the saved credentials, or with the given ones (to check a login). */
  readonly openRegistry: (endpoint: RegistryEndpoint, credentials?: RegistryCredentials) => RegistryClient;
  readonly actor: string;
  readonly now?: () => Date;
}

/** Normalised to UTC `…Z`, the form the store keeps, so string order is time order. */
const utc = (instant: string | undefined): string | undefined => (instant === undefined ? undefined : new Date(instant).toISOString());

export function createArtifactsHandlers(deps: ArtifactsDeps): ArtifactsHandlers {
  const now = deps.now ?? (() => new Date());
  const { store } = deps;
  const catalog = createArtifactCatalog({
    artifacts: store.artifacts,
    runs: store.runs,
    deployments: store.deployments,
    workspace: store.workspace,
    history: createServiceHistory({ git: deps.git, store: store.workspace })
  });
  const planner = createRetentionPlanner({ artifacts: store.artifacts, deployments: store.deployments, workspace: store.workspace, now });
  const prune = createPruneArtifacts({ store, planner, openRegistry: (endpoint) => deps.openRegistry(endpoint), containers: deps.containers, actor: deps.actor });
  const registries = createRegistryCredentials({
    credentials: deps.credentials,
    openRegistryWith: (endpoint, credentials) => deps.openRegistry(endpoint, credentials),
    audit: store.audit,
    actor: deps.actor
  });
  const status = createSystemStatus({ containers: deps.containers, openRegistry: (endpoint) => deps.openRegistry(endpoint), workspace: store.workspace, now });

  return {
    calls: {
      'artifacts.list': ({ service, search, status: statusFilter, createdFrom, createdTo, sort, cursor, limit }) =>
        catalog.list({ service, search, status: statusFilter, createdFrom: utc(createdFrom), createdTo: utc(createdTo), sort, cursor, limit }),
      'artifacts.get': ({ id }, { signal }) => catalog.detail(id, signal),
      'retention.get': ({ service }) => store.artifacts.getRetentionPolicy(service),
      'retention.set': ({ service, keepLast, keepDays, keepPerEnvironment }) =>
        store.transaction((tx) => {
          const policy = tx.artifacts.setRetentionPolicy(service, { keepLast, keepDays, keepPerEnvironment }, deps.actor);
          tx.audit.append({ actor: deps.actor, action: 'retention.set', subject: `service:${policy.service}`, details: { keepLast, keepDays, keepPerEnvironment } });
          return policy;
        }),
      'artifacts.prune': ({ service, dryRun }, { signal }) => (dryRun ? planner.view(service, planner.plan(service)) : prune(service, signal)),
      'registry.login': ({ host, username, password }, { signal }) => registries.login(host, { username, password }, signal),
      'registry.logout': ({ host }) => registries.logout(host),
      'registry.list': () => registries.list(),
      'system.status': (_input, { signal }) => status(signal)
    },
    streams: {}
  };
}
