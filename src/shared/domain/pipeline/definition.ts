/**
 * A validated `.shipdeck/pipeline.yml`: what the runner executes. Produced only by parsePipeline, so
 * every value here has been checked (names unique, needs resolvable and acyclic, paths inside the
 * checkout, timeouts positive).
 */

export const PIPELINE_FILE_VERSION = 1;
export const DEFAULT_STAGE_TIMEOUT_MS = 30 * 60 * 1000;

interface StageCommon {
  /** Unique in the pipeline; `[a-z0-9-]`. */
  readonly name: string;
  /** Stages that must have succeeded before this one starts. */
  readonly needs: readonly string[];
  readonly timeoutMs: number;
  readonly env: Readonly<Record<string, string>>;
  /** Relative to the checkout, normalised (`.` for the checkout itself); never leaves it. */
  readonly workdir: string;
}

/** A shell command (`sh -c`) on the host, or inside a container of `image` when one is given. */
export interface RunStage extends StageCommon {
  readonly kind: 'run';
  readonly run: string;
  readonly image: string | null;
}

/** A Docker image built from the checkout. */
export interface BuildStage extends StageCommon {
  readonly kind: 'build';
  /** Relative to the checkout. */
  readonly dockerfile: string;
  /** Relative to the checkout. */
  readonly context: string;
}

/** The image of the build stage it depends on, pushed to the service's image repository. */
export interface PushStage extends StageCommon {
  readonly kind: 'push';
  /** The build stage (among this stage's ancestors) whose image is pushed. */
  readonly build: string;
}

/**
 * Part of the schema so the file can name it, but parsePipeline refuses it until deployments exist;
 * the runner fails such a stage rather than pretend it deployed.
 */
export interface DeployStage extends StageCommon {
  readonly kind: 'deploy';
  readonly environment: string;
}

export type PipelineStage = RunStage | BuildStage | PushStage | DeployStage;
export type StageKind = PipelineStage['kind'];

export interface PipelineDefinition {
  readonly version: typeof PIPELINE_FILE_VERSION;
  /** In file order. */
  readonly stages: readonly PipelineStage[];
}
