/** Runs one stage through the port for its kind; the runner decides what the outcome means. */
import path from 'node:path';
import { assertNever } from '../../../shared/assert-never';
import type { PipelineStage } from '../../../shared/domain/pipeline/definition';
import type { StageOutput } from '../../../shared/domain/pipeline/run-events';
import { AppError } from '../../../shared/result';
import type { BuiltImage, ContainerStagePort, ImageBuildPort } from '../../ports/pipeline-stages';
import type { LineSink, ProcessOutcome, ProcessPort } from '../../ports/processes';
import type { Checkout } from '../../ports/worktrees';
import { hostStageEnvironment, pipelineVariables } from './stage-environment';

export interface StageBackends {
  readonly processes: ProcessPort;
  readonly containers: ContainerStagePort;
  readonly images: ImageBuildPort;
}

export interface StageContext {
  readonly runId: string;
  readonly checkout: Checkout;
  readonly imageRepository: string | null;
  readonly hostEnv: Readonly<Record<string, string | undefined>>;
  readonly killGraceMs: number | undefined;
  /** Images built so far in this run, by build stage name (a push takes its build's image). */
  readonly builds: Map<string, BuiltImage>;
}

export type StageExecution =
  | { readonly kind: 'process'; readonly outcome: ProcessOutcome }
  | { readonly kind: 'output'; readonly output: StageOutput };

export async function executeStage(
  stage: PipelineStage,
  context: StageContext,
  backends: StageBackends,
  onLines: LineSink,
  signal: AbortSignal
): Promise<StageExecution> {
  const run = { runId: context.runId, commit: context.checkout.commit, imageRepository: context.imageRepository };
  const names = { runId: context.runId, stage: stage.name };
  switch (stage.kind) {
    case 'run': {
      if (stage.image !== null) {
        const spec = { ...names, image: stage.image, command: stage.run, checkoutPath: context.checkout.path, workdir: stage.workdir, env: pipelineVariables(stage, run) };
        return { kind: 'process', outcome: await backends.containers.run(spec, onLines, signal) };
      }
      const spec = {
        command: stage.run,
        cwd: path.join(context.checkout.path, stage.workdir),
        env: hostStageEnvironment(context.hostEnv, stage, run),
        ...(context.killGraceMs === undefined ? {} : { killGraceMs: context.killGraceMs })
      };
      return { kind: 'process', outcome: await backends.processes.run(spec, onLines, signal) };
    }
    case 'build': {
      const spec = { ...names, checkoutPath: context.checkout.path, dockerfile: stage.dockerfile, context: stage.context, commit: context.checkout.commit, repository: context.imageRepository };
      const image = await backends.images.build(spec, onLines, signal);
      context.builds.set(stage.name, image);
      return { kind: 'output', output: { kind: 'image', imageId: image.imageId, tags: image.tags } };
    }
    case 'push': {
      if (context.imageRepository === null) {
        throw new AppError(
          'INVALID_INPUT',
          'This service has no image repository to push to; the image built by this run stays in the local engine.',
          'Set the service\'s image repository (e.g. 127.0.0.1:5000/shop/api), or remove the push stage from the pipeline file.'
        );
      }
      const image = context.builds.get(stage.build);
      if (image === undefined) throw new AppError('INTERNAL', `The push stage "${stage.name}" found no image from the build stage "${stage.build}".`);
      const pushed = await backends.images.push({ ...names, image, repository: context.imageRepository, commit: context.checkout.commit }, onLines, signal);
      return { kind: 'output', output: { kind: 'pushed', repository: pushed.repository, digest: pushed.digest, tags: pushed.tags } };
    }
    case 'deploy':
      // parsePipeline refuses deploy stages; this guards a definition built some other way.
      throw new AppError('INVALID_PIPELINE', `Deployments are not available yet: the deploy stage "${stage.name}" was not run.`, 'Remove the deploy stage from the pipeline file.');
    default:
      return assertNever(stage, 'stage kind');
  }
}
