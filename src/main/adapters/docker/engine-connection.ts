// One lazily made, shared connection to a Docker engine for an adapter. Creating it does no I/O; the first
// call connects (negotiating the API version) and later calls reuse that connection. A failed connection
// is retried by the next call, so starting Docker after Shipdeck works.
import { connectEngine, type Engine } from './docker-engine';
import { resolveEngineEndpoint } from './engine-endpoint';

export interface EngineConnection {
  /** The connection made earlier, or a new one. */
  connected(): Promise<Engine>;
  /** Always connects afresh (a ping), and keeps the new connection for later calls. */
  reconnect(signal?: AbortSignal): Promise<Engine>;
}

/** `dockerHost` is a DOCKER_HOST-style address; default: the DOCKER_HOST environment variable, else the local socket. */
export function lazyEngineConnection(dockerHost?: string): EngineConnection {
  let engine: Promise<Engine> | null = null;
  const keep = (attempt: Promise<Engine>): Promise<Engine> => {
    engine = attempt;
    attempt.catch(() => {
      if (engine === attempt) engine = null;
    });
    return attempt;
  };
  const connect = (signal?: AbortSignal): Promise<Engine> => connectEngine(resolveEngineEndpoint(dockerHost ?? process.env.DOCKER_HOST), signal);
  return {
    connected: () => engine ?? keep(connect()),
    reconnect: (signal) => keep(connect(signal))
  };
}
