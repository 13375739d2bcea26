// One connection to a Docker engine: made lazily, pinged with a short timeout, pinned to the API version
// both sides speak (Debian's engine 20.10 speaks 1.41; Docker Desktop speaks newer ones).
import Docker from 'dockerode';
import type { EngineInfo } from '../../ports/containers';
import { AppError } from '../../../shared/result';
import { isAbort, toAppError, unreachable } from './docker-errors';
import type { EngineEndpoint } from './engine-endpoint';

/** The newest API version this adapter was written against; newer engines are spoken to in it. */
export const CLIENT_API_VERSION = '1.45';
/** The oldest the adapter needs (host networking, Init, build labels all predate it). */
const OLDEST_API_VERSION = '1.40';
const PING_TIMEOUT_MS = 3_000;

export interface Engine {
  readonly docker: Docker;
  readonly info: EngineInfo;
}

export function compareApiVersions(a: string, b: string): number {
  const [aMajor = 0, aMinor = 0] = a.split('.').map(Number);
  const [bMajor = 0, bMinor = 0] = b.split('.').map(Number);
  return aMajor - bMajor || aMinor - bMinor;
}

function clientFor(endpoint: EngineEndpoint, version?: string): Docker {
  const versioned = version === undefined ? {} : { version: `v${version}` };
  return endpoint.kind === 'socket'
    ? new Docker({ socketPath: endpoint.socketPath, ...versioned })
    : new Docker({ host: endpoint.host, port: endpoint.port, protocol: endpoint.protocol, ...versioned });
}

/** Reaches the engine (unversioned `/version`), then returns a client pinned to the negotiated version. */
export async function connectEngine(endpoint: EngineEndpoint, signal?: AbortSignal, timeoutMs = PING_TIMEOUT_MS): Promise<Engine> {
  const timeout = AbortSignal.timeout(timeoutMs);
  const combined = signal === undefined ? timeout : AbortSignal.any([signal, timeout]);
  let version: Docker.DockerVersion;
  try {
    const client = clientFor(endpoint);
    // @types/dockerode omits version()'s options; the runtime takes an abortSignal like every other call.
    const versionCall = client.version as unknown as (options: { abortSignal: AbortSignal }) => Promise<Docker.DockerVersion>;
    version = await versionCall.call(client, { abortSignal: combined });
  } catch (error) {
    if (signal?.aborted === true) throw toAppError(error, { endpoint: endpoint.description, what: 'Connecting to Docker', signal });
    if (timeout.aborted || isAbort(error)) throw unreachable(endpoint.description, error);
    throw toAppError(error, { endpoint: endpoint.description, what: 'Connecting to Docker' });
  }
  const serverApi = version.ApiVersion;
  if (compareApiVersions(serverApi, OLDEST_API_VERSION) < 0) {
    throw new AppError(
      'DOCKER_FAILED',
      `The Docker engine at ${endpoint.description} speaks API ${serverApi}; Shipdeck needs ${OLDEST_API_VERSION} or newer.`,
      'Update Docker (engine 19.03 or newer).'
    );
  }
  const apiVersion = compareApiVersions(serverApi, CLIENT_API_VERSION) < 0 ? serverApi : CLIENT_API_VERSION;
  return {
    docker: clientFor(endpoint, apiVersion),
    info: { endpoint: endpoint.description, version: version.Version, apiVersion }
  };
}
