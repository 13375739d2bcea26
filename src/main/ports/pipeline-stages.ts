/**
 * The stages that need a container engine: `run` with an `image`, `build` and `push`. Declared here for
 * the runner; implemented by the Docker adapter. Each stops its work when `signal` aborts (a container
 * is stopped and removed, a build or push is abandoned) and rejects with an AppError it cannot do.
 */
import type { LineSink, ProcessOutcome } from './processes';

export interface ContainerStageSpec {
  readonly runId: string;
  readonly stage: string;
  readonly image: string;
  /** Shell text, run as `sh -c <command>` in the container. */
  readonly command: string;
  /** The run's checkout on the host, to be mounted into the container. */
  readonly checkoutPath: string;
  /** Relative to the checkout; the command's working folder. */
  readonly workdir: string;
  readonly env: Readonly<Record<string, string>>;
}

export interface ContainerStagePort {
  /** Runs the command in a fresh container of `image`; `cancelled` when `signal` stopped it. */
  run(spec: ContainerStageSpec, onLines: LineSink, signal: AbortSignal): Promise<ProcessOutcome>;
}

export interface ImageBuildSpec {
  readonly runId: string;
  readonly stage: string;
  readonly checkoutPath: string;
  /** Relative to the checkout. */
  readonly dockerfile: string;
  /** Relative to the checkout. */
  readonly context: string;
  /** Full SHA: the image is tagged with it and its short form. */
  readonly commit: string;
  /** The service's image repository, or null: the image then stays in the local engine only. */
  readonly repository: string | null;
}

export interface BuiltImage {
  readonly imageId: string;
  readonly tags: readonly string[];
}

export interface ImagePushSpec {
  readonly runId: string;
  readonly stage: string;
  readonly image: BuiltImage;
  readonly repository: string;
  readonly commit: string;
}

export interface PushedImage {
  readonly repository: string;
  /** The manifest digest the registry confirmed. */
  readonly digest: string;
  readonly tags: readonly string[];
}

export interface ImageBuildPort {
  build(spec: ImageBuildSpec, onLines: LineSink, signal: AbortSignal): Promise<BuiltImage>;
  push(spec: ImagePushSpec, onLines: LineSink, signal: AbortSignal): Promise<PushedImage>;
}
