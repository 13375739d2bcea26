import type { EnvironmentRuntimePort } from '../../ports/environment-runtime';
import type { Engine } from './docker-engine';
import { lazyEngineConnection } from './engine-connection';
import { asRuntimeError } from './environment-runtime-errors';
import { probe, waitHealthy } from './environment-runtime-health';
import { imageConfig, imageExists } from './environment-runtime-images';
import { freeLoopbackPort, listInstances, removeInstance, startInstance, type HostPortPicker } from './environment-runtime-instances';
import { lastLogLines } from './environment-runtime-logs';

export interface DockerEnvironmentRuntimeOptions {
  /** A DOCKER_HOST-style address; default: the DOCKER_HOST environment variable, else the local socket. */
  readonly dockerHost?: string;
  /** Where instances are published on 127.0.0.1; default a port the kernel says is free (tests pin it). */
  readonly pickHostPort?: HostPortPicker;
}

/** SIGTERM, then SIGKILL after this many seconds, unless the caller says otherwise. */
const DEFAULT_STOP_GRACE_SECONDS = 10;

/**
 * The EnvironmentRuntimePort on a Docker engine through dockerode: instances on a user-defined bridge
 * network per service and environment (`shipdeck-<service>-<env>`), published on 127.0.0.1 only, told
 * their port in `PORT`, restarted by the engine unless stopped. One lazily made connection; a call made
 * while no engine answers rejects TARGET_UNREACHABLE, and the next call tries again.
 */
export function createDockerEnvironmentRuntime(options: DockerEnvironmentRuntimeOptions = {}): EnvironmentRuntimePort {
  const connection = lazyEngineConnection(options.dockerHost);
  const pickHostPort = options.pickHostPort ?? freeLoopbackPort;
  const withEngine = async <T>(use: (engine: Engine) => Promise<T>): Promise<T> => {
    try {
      return await use(await connection.connected());
    } catch (error) {
      throw asRuntimeError(error);
    }
  };

  return {
    ping: async (signal) => {
      try {
        await connection.reconnect(signal);
      } catch (error) {
        throw asRuntimeError(error);
      }
    },
    imageExists: (reference, signal) => withEngine((engine) => imageExists(engine, reference, signal)),
    imageConfig: (reference) => withEngine((engine) => imageConfig(engine, reference)),
    startInstance: (spec, signal) => withEngine((engine) => startInstance(engine, spec, pickHostPort, signal)),
    waitHealthy: (instance, waitOptions) => withEngine((engine) => waitHealthy(engine, instance, waitOptions)),
    probe: (instance, healthPath, timeoutMs) => probe(instance, healthPath, timeoutMs),
    removeInstance: (id, graceSeconds = DEFAULT_STOP_GRACE_SECONDS) => withEngine((engine) => removeInstance(engine, id, graceSeconds)),
    listInstances: (service, environment, signal) => withEngine((engine) => listInstances(engine, service, environment, signal)),
    lastLogLines: (id, count) => withEngine((engine) => lastLogLines(engine, id, count))
  };
}
