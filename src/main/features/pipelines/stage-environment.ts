/** The environment a stage's command sees. */
import type { PipelineStage } from '../../../shared/domain/pipeline/definition';

export interface RunVariables {
  readonly runId: string;
  readonly commit: string;
  readonly imageRepository: string | null;
}

/**
 * What every stage gets, host or container: CI=true, the run and stage, the commit (GIT_SHA), the
 * image repository; then the stage's own `env`, which wins.
 */
export function pipelineVariables(stage: PipelineStage, run: RunVariables): Record<string, string> {
  return {
    CI: 'true',
    SHIPDECK: 'true',
    SHIPDECK_RUN_ID: run.runId,
    SHIPDECK_STAGE: stage.name,
    GIT_SHA: run.commit,
    GIT_SHORT_SHA: run.commit.slice(0, 12),
    ...(run.imageRepository === null ? {} : { SHIPDECK_IMAGE_REPOSITORY: run.imageRepository }),
    ...stage.env
  };
}

// GIT_DIR, GIT_WORK_TREE, GIT_INDEX_FILE… inherited from a hook or a terminal inside the user's
// repository would point a stage's git commands at that repository instead of the run's checkout.
const DROPPED = /^GIT_(?!SHA$|SHORT_SHA$)/;

/** A host stage: the user's environment (PATH, HOME, tool settings) minus GIT_*, plus the above. */
export function hostStageEnvironment(host: Readonly<Record<string, string | undefined>>, stage: PipelineStage, run: RunVariables): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [name, value] of Object.entries(host)) if (value !== undefined && !DROPPED.test(name)) env[name] = value;
  return { ...env, ...pipelineVariables(stage, run) };
}
