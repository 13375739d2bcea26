import type { ContainersPort } from '../../ports/containers';
import { buildImage } from './build-image';
import type { Engine } from './docker-engine';
import { lazyEngineConnection } from './engine-connection';
import { inspectImage, listImages, removeImage } from './images';
import { pushImage } from './push-image';
import { runStage } from './run-stage';
import { listStageContainers, removeStageContainers } from './stage-containers';

export interface DockerOptions {
  /** A DOCKER_HOST-style address; default: the DOCKER_HOST environment variable, else the local socket. */
  readonly dockerHost?: string;
}

/** The ContainersPort on a Docker engine through dockerode, over one lazily made connection. */
export function createDockerContainersPort(options: DockerOptions = {}): ContainersPort {
  const connection = lazyEngineConnection(options.dockerHost);
  const connected = (): Promise<Engine> => connection.connected();

  return {
    ping: async (signal) => (await connection.reconnect(signal)).info,
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
