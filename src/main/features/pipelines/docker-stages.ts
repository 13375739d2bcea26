/**
 * The pipeline's container stages on the ContainersPort: `run` with an `image`, `build` and `push`.
 * Made per run, because a build tags the image with the commit's version and a push signs in with the
 * credentials stored for the repository's registry host.
 */
import os from 'node:os';
import { AppError } from '../../../shared/result';
import type { ContainersPort, RegistryAuth } from '../../ports/containers';
import type { CredentialStore } from '../../ports/credentials';
import type { ContainerStagePort, ImageBuildPort } from '../../ports/pipeline-stages';
import type { LineSink, OutputLine, ProcessOutcome } from '../../ports/processes';

export interface DockerStagesOptions {
  readonly containers: ContainersPort;
  readonly credentials: CredentialStore;
  /** The semver version of the run's commit (from its tag), or null. */
  readonly version: string | null;
  /** Where images are tagged when the service has no image repository (they stay in the local engine). */
  readonly localRepository: string;
}

/** A repository's registry host: `127.0.0.1:5000/shop/api` → `127.0.0.1:5000`. */
export const registryHost = (repository: string): string => repository.split('/')[0] ?? repository;

/** A Docker repository name for a service's local images: lowercase, no characters Docker refuses. */
export const localRepositoryFor = (service: string): string =>
  `shipdeck-local/${service.toLowerCase().replace(/[^a-z0-9._-]/g, '-').replace(/^[._-]+/, '') || 'service'}`;

/** Writes lines in order and remembers the first failure (the engine's callbacks cannot wait). */
function orderedSink(onLines: LineSink) {
  let chain: Promise<void> = Promise.resolve();
  return {
    push(line: OutputLine) {
      chain = chain.then(() => onLines([line]));
    },
    flushed: () => chain
  };
}

const runnerUser = (): string | undefined => {
  try {
    const { uid, gid } = os.userInfo();
    return uid >= 0 ? `${uid}:${gid}` : undefined;
  } catch {
    return undefined;
  }
};

export function createDockerStages(options: DockerStagesOptions): ContainerStagePort & ImageBuildPort {
  const { containers } = options;

  const authFor = async (repository: string): Promise<RegistryAuth | undefined> => {
    const stored = await options.credentials.get(registryHost(repository));
    return stored === null ? undefined : { kind: 'password', username: stored.username, password: stored.password };
  };

  return {
    async run(spec, onLines, signal): Promise<ProcessOutcome> {
      const sink = orderedSink(onLines);
      const user = runnerUser();
      try {
        const result = await containers.runStage(
          {
            runId: spec.runId,
            stage: spec.stage,
            image: spec.image,
            command: ['sh', '-c', spec.command],
            checkoutDir: spec.checkoutPath,
            workdir: spec.workdir,
            env: spec.env,
            ...(user === undefined ? {} : { user })
          },
          (line) => sink.push(line),
          signal
        );
        await sink.flushed();
        return result.outcome === 'exited' ? { kind: 'exited', exitCode: result.exitCode } : { kind: 'timed-out' };
      } catch (error) {
        await sink.flushed().catch(() => undefined);
        if (signal.aborted) return { kind: 'cancelled' };
        throw error;
      }
    },

    async build(spec, onLines, signal) {
      const sink = orderedSink(onLines);
      const built = await containers.buildImage(
        {
          checkoutDir: spec.checkoutPath,
          context: spec.context,
          dockerfile: spec.dockerfile,
          repository: spec.repository ?? options.localRepository,
          commitSha: spec.commit,
          ...(options.version === null ? {} : { version: options.version }),
          labels: { 'shipdeck.run': spec.runId }
        },
        (event) => {
          if (event.kind === 'line') sink.push({ stream: 'stdout', text: event.text });
        },
        signal
      );
      await sink.flushed();
      await onLines([{ stream: 'stdout', text: `built ${built.imageId} tagged ${built.tags.join(', ')}` }]);
      return { imageId: built.imageId, tags: built.tags };
    },

    async push(spec, onLines, signal) {
      const references = spec.image.tags.filter((tag) => tag.startsWith(`${spec.repository}:`));
      if (references.length === 0) {
        throw new AppError('PUSH_FAILED', `The image built by this run has no tag in ${spec.repository}.`, "Check the service's image repository and build again.");
      }
      const auth = await authFor(spec.repository);
      let digest: string | null = null;
      for (const reference of references) {
        await onLines([{ stream: 'stdout', text: `pushing ${reference}` }]);
        const pushed = await containers.pushImage({ reference, ...(auth === undefined ? {} : { auth }) }, () => undefined, signal);
        if (digest !== null && pushed.digest !== digest) {
          throw new AppError('PUSH_FAILED', `The registry reported two digests for one image (${digest}, ${pushed.digest}).`, 'Push again; if it persists, check the registry.');
        }
        digest = pushed.digest;
        await onLines([{ stream: 'stdout', text: `pushed ${reference} as ${pushed.digest}` }]);
      }
      return { repository: spec.repository, digest: digest as string, tags: references };
    }
  };
}
