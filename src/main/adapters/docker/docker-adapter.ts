import type { ContainersPort } from '../../ports/containers';
import { buildImage } from './build-image';
import { connectEngine, type Engine } from './docker-engine';
import { resolveEngineEndpoint } from './engine-endpoint';
import { inspectImage, listImages, removeImage } from './images';
import { pushImage } from './push-image';
import { runStage } from './run-stage';
import { listStageContainers, removeStageContainers } from './stage-containers';

export interface DockerOptions {
  /** A DOCKER_HOST-style address; default: the DOCKER_HOST environment variable, else the local socket. */
  readonly dockerHost?: string;
}

/**
 * The ContainersPort on a Docker engine through dockerode. Creating it does no I/O; the first call
 * connects (negotiating the API version) and later calls reuse that connection. A failed connection is
 * retried by the next call, so starting Docker after Shipdeck works.
 */
export function createDockerContainersPort(options: DockerOptions = {}): ContainersPort {
  let engine: Promise<Engine> | null = null;
  const connect = (signal?: AbortSignal): Promise<Engine> => connectEngine(resolveEngineEndpoint(options.dockerHost ?? process.env.DOCKER_HOST), signal);
  const connected = (): Promise<Engine> => {
    if (engine === null) {
      const attempt = connect();
      engine = attempt;
      attempt.catch(() => {
        if (engine === attempt) engine = null;
      });
    }
    return engine;
  };

  return {
    ping: async (signal) => {
      const fresh = connect(signal);
      engine = fresh;
      fresh.catch(() => {
        if (engine === fresh) engine = null;
      });
      return (await fresh).info;
    },
    buildImage: async (request, onEvent, signal) => buildImage(await connected(), request, onEvent, signal),
    pushImage: async (request, onProgress, signal) => pushImage(await connected(), request, onProgress, signal),
    inspectImage: async (reference, signal) => inspectImage(await connected(), reference, signal),
    removeImage: async (reference, removeOptions, signal) => removeImage(await connected(), reference, removeOptions?.force ?? false, signal),
    listImages: async (repository, signal) => listImages(await connected(), repository, signal),
    runStage: async (request, onLine, signal) => runStage(await connected(), request, onLine, signal),
    listStageContainers: async (runId, signal) => listStageContainers(await connected(), runId, signal),
    removeStageContainers: async (runId, signal) => removeStageContainers(await connected(), runId, signal)
  };
}
