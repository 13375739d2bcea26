// How an environment's instance is named and labelled on the engine, and how an inspected container is
// read back as an Instance. The labels are the record the engine keeps: listing by them finds what really
// runs, including containers restarted, changed or left behind by an interrupted deploy.
import { randomBytes } from 'node:crypto';
import { INSTANCE_ROLES, type Instance, type InstanceRole, type InstanceSpec, type InstanceState } from '../../ports/environment-runtime';

export const INSTANCE_LABELS = {
  service: 'shipdeck.service',
  environment: 'shipdeck.environment',
  role: 'shipdeck.role',
  index: 'shipdeck.index',
  digest: 'shipdeck.digest',
  deployment: 'shipdeck.deployment',
  image: 'shipdeck.image'
} as const;

/** Marks a network Shipdeck made for an environment. */
export const NETWORK_LABEL = 'shipdeck.network';

/** The port every instance listens on inside its own network namespace (told in `PORT`). */
export const CONTAINER_PORT = 8080;

const INSTANCE_STATES: readonly InstanceState[] = ['created', 'running', 'restarting', 'paused', 'exited', 'dead', 'removing'];

/** Docker names allow [a-zA-Z0-9][a-zA-Z0-9_.-]*; anything else becomes `-`. */
const nameSafe = (value: string): string => value.replace(/[^a-zA-Z0-9_.-]/g, '-');

export function networkName(service: string, environment: string): string {
  return `shipdeck-${nameSafe(service)}-${nameSafe(environment)}`;
}

/** `shipdeck-<service>-<env>-<role>-<index>-<4 hex>`: the random tail lets a new instance start beside the one it replaces. */
export function containerName(spec: Pick<InstanceSpec, 'service' | 'environment' | 'role' | 'index'>): string {
  return `${networkName(spec.service, spec.environment)}-${spec.role}-${spec.index}-${randomBytes(2).toString('hex')}`;
}

export function instanceLabels(spec: InstanceSpec): Record<string, string> {
  return {
    [INSTANCE_LABELS.service]: spec.service,
    [INSTANCE_LABELS.environment]: spec.environment,
    [INSTANCE_LABELS.role]: spec.role,
    [INSTANCE_LABELS.index]: String(spec.index),
    [INSTANCE_LABELS.digest]: spec.digest,
    [INSTANCE_LABELS.deployment]: String(spec.deploymentId),
    [INSTANCE_LABELS.image]: spec.imageReference
  };
}

/** `PORT` last, so an entry of the spec cannot override the port the runtime publishes. */
export function instanceEnv(spec: InstanceSpec): string[] {
  const extra = Object.entries(spec.env ?? {}).filter(([key]) => key !== 'PORT');
  return [...extra.map(([key, value]) => `${key}=${value}`), `PORT=${CONTAINER_PORT}`];
}

/** The parts of an engine's container inspection this reads (a vendor type stays in the adapter). */
export interface InspectedContainer {
  readonly Id: string;
  readonly Name: string;
  readonly Config: { readonly Labels?: Record<string, string> | null; readonly Env?: readonly string[] | null };
  readonly State: { readonly Status: string; readonly Running: boolean; readonly StartedAt: string; readonly ExitCode?: number };
  /** How often the restart policy restarted it. */
  readonly RestartCount?: number;
  readonly NetworkSettings: { readonly Ports?: Record<string, ReadonlyArray<{ readonly HostIp: string; readonly HostPort: string }> | null> | null };
}

const isRole = (value: string | undefined): value is InstanceRole => (INSTANCE_ROLES as readonly string[]).includes(value ?? '');
const isState = (value: string): value is InstanceState => (INSTANCE_STATES as readonly string[]).includes(value);

function portFromEnv(env: readonly string[] | null | undefined): number {
  const entry = (env ?? []).findLast((item) => item.startsWith('PORT='));
  const port = Number(entry?.slice('PORT='.length));
  return Number.isInteger(port) && port > 0 ? port : CONTAINER_PORT;
}

/** The 127.0.0.1 binding of the container port, while the container runs. */
export function publishedPort(container: InspectedContainer, containerPort: number): number | null {
  if (!container.State.Running) return null;
  const bindings = container.NetworkSettings.Ports?.[`${containerPort}/tcp`] ?? [];
  const binding = bindings.find((item) => item.HostIp === '127.0.0.1') ?? bindings[0];
  const port = Number(binding?.HostPort);
  return Number.isInteger(port) && port > 0 ? port : null;
}

/** An Instance, or null when the container lacks the labels of one (not Shipdeck's, or edited by hand). */
export function toInstance(container: InspectedContainer): Instance | null {
  const labels = container.Config.Labels ?? {};
  const role = labels[INSTANCE_LABELS.role];
  const service = labels[INSTANCE_LABELS.service];
  const environment = labels[INSTANCE_LABELS.environment];
  const index = Number(labels[INSTANCE_LABELS.index]);
  const deploymentId = Number(labels[INSTANCE_LABELS.deployment]);
  if (!isRole(role) || service === undefined || environment === undefined || !Number.isInteger(index) || !Number.isInteger(deploymentId)) return null;
  const name = container.Name.replace(/^\//, '');
  const containerPort = portFromEnv(container.Config.Env);
  // The engine's zero time means "never started".
  const started = container.State.StartedAt.startsWith('0001-') ? null : container.State.StartedAt;
  return {
    id: container.Id,
    name,
    service,
    environment,
    role,
    index,
    digest: labels[INSTANCE_LABELS.digest] ?? '',
    imageReference: labels[INSTANCE_LABELS.image] ?? '',
    deploymentId,
    containerPort,
    hostPort: publishedPort(container, containerPort),
    networkAddress: `${name}:${containerPort}`,
    state: isState(container.State.Status) ? container.State.Status : 'dead',
    startedAt: started
  };
}
