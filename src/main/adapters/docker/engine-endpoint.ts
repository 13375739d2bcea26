// Where the Docker engine is: DOCKER_HOST (unix:// or tcp://) or the default local socket. Parsed here,
// not left to docker-modem's defaults, so every error can say exactly which address did not answer.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { AppError } from '../../../shared/result';

export type EngineEndpoint =
  | { readonly kind: 'socket'; readonly socketPath: string; readonly description: string }
  | {
      readonly kind: 'tcp';
      readonly host: string;
      readonly port: number;
      readonly protocol: 'http' | 'https';
      readonly description: string;
    };

/** The socket Docker Desktop uses for the user, else the system one. */
function defaultSocket(homeDir: string): string {
  const userSocket = path.join(homeDir, '.docker', 'run', 'docker.sock');
  return fs.existsSync(userSocket) ? userSocket : '/var/run/docker.sock';
}

/** `dockerHost` is DOCKER_HOST's value (or a Settings entry); undefined or empty means the local socket. */
export function resolveEngineEndpoint(
  dockerHost: string | undefined,
  tlsVerify: boolean = process.env.DOCKER_TLS_VERIFY === '1',
  homeDir: string = os.homedir()
): EngineEndpoint {
  const value = dockerHost?.trim() ?? '';
  if (value === '') {
    const socketPath = defaultSocket(homeDir);
    return { kind: 'socket', socketPath, description: `unix://${socketPath}` };
  }
  if (value.startsWith('unix://')) {
    const socketPath = value.slice('unix://'.length) || defaultSocket(homeDir);
    return { kind: 'socket', socketPath, description: `unix://${socketPath}` };
  }
  const withScheme = value.includes('://') ? value : `tcp://${value}`;
  let url: URL;
  try {
    url = new URL(withScheme);
  } catch {
    throw badHost(value);
  }
  if (url.protocol !== 'tcp:' && url.protocol !== 'http:' && url.protocol !== 'https:') throw badHost(value);
  const port = url.port === '' ? (tlsVerify ? 2376 : 2375) : Number(url.port);
  const protocol = url.protocol === 'https:' || tlsVerify || port === 2376 ? 'https' : 'http';
  const host = url.hostname.replace(/^\[|\]$/g, '');
  return { kind: 'tcp', host, port, protocol, description: `tcp://${url.hostname}:${port}` };
}

function badHost(value: string): AppError {
  return new AppError(
    'DOCKER_UNREACHABLE',
    `DOCKER_HOST "${value}" is not an address Shipdeck understands.`,
    'Use unix:///path/to/docker.sock or tcp://HOST:PORT (ssh:// and npipe:// are not supported).'
  );
}
