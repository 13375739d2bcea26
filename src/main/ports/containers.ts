/**
 * What Shipdeck asks of a container engine: build an image from a checkout, push it to a registry, inspect
 * and remove images, and run a pipeline stage in a container. Implemented by the dockerode adapter (local
 * socket or DOCKER_HOST). Everything here is a domain type; no engine-library type crosses this port.
 *
 * Every method rejects with AppError: DOCKER_UNREACHABLE (no engine answers), BUILD_FAILED (a Dockerfile
 * step failed; the message names the step), PUSH_FAILED (the registry refused or went away),
 * IMAGE_NOT_FOUND (not local and not pullable), CANCELLED (the signal aborted), DOCKER_FAILED (anything
 * else the engine refused). A method that can take long takes an AbortSignal.
 */

export interface EngineInfo {
  /** Where the engine was reached, e.g. `unix:///var/run/docker.sock` or `tcp://127.0.0.1:2375`. */
  readonly endpoint: string;
  /** The engine's version, e.g. `20.10.24`. */
  readonly version: string;
  /** The API version this client speaks with it (the lower of the engine's and ours). */
  readonly apiVersion: string;
}

/** Progress of a long operation, for a progress bar. `fraction` is 0..1 when the total is known. */
export interface Progress {
  readonly fraction: number | null;
  readonly detail: string;
}

export type BuildEvent =
  /** One line of the builder's output (the `Step 2/5 : RUN …` lines and the commands' output). */
  | { readonly kind: 'line'; readonly text: string }
  | { readonly kind: 'progress'; readonly progress: Progress };

export interface BuildRequest {
  /** Absolute path of the checkout (a git worktree of the run's commit). */
  readonly checkoutDir: string;
  /** The build context, relative to the checkout. Default `.`. */
  readonly context?: string;
  /** The Dockerfile, relative to the checkout, inside the context. Default `Dockerfile` in the context. */
  readonly dockerfile?: string;
  /** Image repository the tags are made in, e.g. `127.0.0.1:5000/shop/api`, or a local name. */
  readonly repository: string;
  /** Full 40-hex commit SHA: tagged in full and short. */
  readonly commitSha: string;
  /** Semver version of the commit (with or without a leading `v`), tagged when given. */
  readonly version?: string;
  /** Extra image labels (provenance); the commit and version labels are added. */
  readonly labels?: Readonly<Record<string, string>>;
}

export interface BuiltImage {
  /** `sha256:…` image ID (the local identity; the registry digest comes with a push). */
  readonly imageId: string;
  /** Full references applied, e.g. `127.0.0.1:5000/shop/api:1a2b3c4`. */
  readonly tags: readonly string[];
}

/** Credentials for one push: a username and password, or an identity token from a token server. */
export type RegistryAuth =
  | { readonly kind: 'password'; readonly username: string; readonly password: string }
  | { readonly kind: 'identity-token'; readonly identityToken: string };

export interface PushRequest {
  /** A local image reference with its tag, e.g. `127.0.0.1:5000/shop/api:1a2b3c4`. */
  readonly reference: string;
  readonly auth?: RegistryAuth;
}

export interface PushedImage {
  readonly reference: string;
  /** The manifest digest the registry reported, `sha256:…`. */
  readonly digest: string;
}

export interface ImageDetails {
  readonly id: string;
  readonly repoTags: readonly string[];
  /** `repo@sha256:…` for each registry the image was pushed to or pulled from. */
  readonly repoDigests: readonly string[];
  /** ISO 8601. */
  readonly created: string;
  readonly sizeBytes: number;
}

export type OutputStream = 'stdout' | 'stderr';

export interface OutputLine {
  readonly stream: OutputStream;
  /** One line without its line break, decoded as UTF-8 (invalid bytes become U+FFFD). */
  readonly text: string;
}

export interface ContainerStageRequest {
  readonly runId: string;
  readonly stage: string;
  /** A local image, or one the engine can pull. */
  readonly image: string;
  /** The command as argv; `['sh', '-c', line]` for a shell line. */
  readonly command: readonly string[];
  /** Absolute path of the run's checkout, mounted at `/workspace` in the container. */
  readonly checkoutDir: string;
  /** Working directory relative to the checkout. Default: the checkout itself. */
  readonly workdir?: string;
  readonly env?: Readonly<Record<string, string>>;
  /**
   * `uid:gid` to run as. Default: the image's user (often root), whose files in the mounted checkout a
   * non-root runner on Linux then cannot delete — pass the runner's own ids when that matters.
   */
  readonly user?: string;
  /** Stop (then kill) the container after this long. No limit when absent. */
  readonly timeoutMs?: number;
}

export type ContainerStageResult =
  | { readonly outcome: 'exited'; readonly exitCode: number }
  | { readonly outcome: 'timed-out' };

/** A container left by a run (found by its `shipdeck.run` label). */
export interface StageContainer {
  readonly id: string;
  readonly runId: string;
  readonly stage: string;
  readonly state: string;
}

export interface ContainersPort {
  /** Checks that the engine answers (within a few seconds) and which API version is spoken. */
  ping(signal?: AbortSignal): Promise<EngineInfo>;
  /** Builds an image from a checkout (honouring `.dockerignore`) and tags it by commit and version. */
  buildImage(request: BuildRequest, onEvent: (event: BuildEvent) => void, signal?: AbortSignal): Promise<BuiltImage>;
  /** Pushes one tag; resolves with the manifest digest once the registry confirmed it. */
  pushImage(request: PushRequest, onProgress: (progress: Progress) => void, signal?: AbortSignal): Promise<PushedImage>;
  /** Null when the engine has no such image. */
  inspectImage(reference: string, signal?: AbortSignal): Promise<ImageDetails | null>;
  /** Removes a tag (and the image when it was its last); `force` removes it even if a container uses it. */
  removeImage(reference: string, options?: { readonly force?: boolean }, signal?: AbortSignal): Promise<void>;
  /** Local images with at least one tag in `repository`. */
  listImages(repository: string, signal?: AbortSignal): Promise<readonly ImageDetails[]>;
  /**
   * Runs a stage in a container (labelled `shipdeck.run` / `shipdeck.stage`, host network, an init as
   * PID 1), streaming its output lines. The container is removed afterwards in every case; on timeout or
   * cancel it is stopped first (SIGTERM, then SIGKILL after a grace period). Cancel rejects with CANCELLED.
   */
  runStage(request: ContainerStageRequest, onLine: (line: OutputLine) => void, signal?: AbortSignal): Promise<ContainerStageResult>;
  /** Containers left by runs (all, or those of one run), e.g. after a crash. */
  listStageContainers(runId?: string, signal?: AbortSignal): Promise<readonly StageContainer[]>;
  /** Force-removes the containers of one run; returns how many were removed. */
  removeStageContainers(runId: string, signal?: AbortSignal): Promise<number>;
}
