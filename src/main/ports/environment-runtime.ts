/**
 * What a `docker` environment needs of a container engine: run a service's artifact as instances on a
 * network Shipdeck manages, with the instance's port published on 127.0.0.1 only; wait until an instance
 * answers its health path; list what really runs (by labels, so containers changed or removed by hand are
 * seen); stop and remove. Implemented with dockerode (local socket or DOCKER_HOST).
 *
 * Errors (AppError): TARGET_UNREACHABLE (no engine answers), IMAGE_NOT_FOUND (the artifact's image is
 * neither local nor pullable), PORT_IN_USE, INSTANCE_UNHEALTHY (never answered its health path; the
 * message ends with the container's last log lines), DOCKER_FAILED, CANCELLED.
 */

/** Which side of a release an instance serves. */
export const INSTANCE_ROLES = ['stable', 'canary', 'blue', 'green', 'shadow'] as const;
export type InstanceRole = (typeof INSTANCE_ROLES)[number];

export interface InstanceSpec {
  readonly service: string;
  readonly environment: string;
  readonly role: InstanceRole;
  /** Distinguishes instances of one role; with the role and a generation, names the container. */
  readonly index: number;
  /** What to run: `repo@sha256:…` (registry artifact) or the image ID `sha256:…` (local artifact). */
  readonly imageReference: string;
  /** The artifact's digest, kept as a label: the version the instance runs. */
  readonly digest: string;
  /** The deployment that started it (label), for reading back after an interruption. */
  readonly deploymentId: number;
  /** Extra environment variables; `PORT` is always set by the runtime. */
  readonly env?: Readonly<Record<string, string>>;
}

export type InstanceState = 'created' | 'running' | 'restarting' | 'paused' | 'exited' | 'dead' | 'removing';

export interface Instance {
  /** Container ID. */
  readonly id: string;
  /** Container name, e.g. `shipdeck-shop-api-prod-canary-0-7f3a`. */
  readonly name: string;
  readonly service: string;
  readonly environment: string;
  readonly role: InstanceRole;
  readonly index: number;
  readonly digest: string;
  readonly imageReference: string;
  readonly deploymentId: number;
  /** The port it listens on inside its network namespace (its `PORT`). */
  readonly containerPort: number;
  /** Where it is published on the host: 127.0.0.1:hostPort; null when not running. */
  readonly hostPort: number | null;
  /** `name:containerPort` on the managed network (for a router that runs as a container there). */
  readonly networkAddress: string;
  readonly state: InstanceState;
  readonly startedAt: string | null;
}

export interface WaitHealthyOptions {
  readonly healthPath: string;
  readonly timeoutMs: number;
  readonly signal?: AbortSignal | undefined;
}

/** Container configuration a rollback's pre-flight compares (from the image's config). */
export interface ImageConfigSummary {
  readonly env: readonly string[];
  readonly cmd: readonly string[];
  readonly entrypoint: readonly string[];
  readonly exposedPorts: readonly string[];
  readonly user: string;
  readonly workingDir: string;
}

export interface EnvironmentRuntimePort {
  /** Rejects TARGET_UNREACHABLE with where it looked when no engine answers. */
  ping(signal?: AbortSignal): Promise<void>;
  /** True when the engine has the image (or can pull it). */
  imageExists(imageReference: string, signal?: AbortSignal): Promise<boolean>;
  /** The image's container configuration; null when the image is not there. */
  imageConfig(imageReference: string): Promise<ImageConfigSummary | null>;
  /** Creates and starts one instance (creating the managed network first when missing). */
  startInstance(spec: InstanceSpec, signal?: AbortSignal): Promise<Instance>;
  /** Resolves when GET healthPath answers 200; rejects INSTANCE_UNHEALTHY (with last log lines) or when it exits. */
  waitHealthy(instance: Instance, options: WaitHealthyOptions): Promise<void>;
  /** One health probe: true when the health path answers 200 within the timeout. */
  probe(instance: Instance, healthPath: string, timeoutMs: number): Promise<boolean>;
  /** Stops (SIGTERM, then kill after the grace) and removes; resolves when it is already gone. */
  removeInstance(id: string, graceSeconds?: number): Promise<void>;
  /** What runs for a service (and environment), read from the engine by labels. */
  listInstances(service: string, environment?: string, signal?: AbortSignal): Promise<Instance[]>;
  lastLogLines(id: string, count: number): Promise<string[]>;
}
