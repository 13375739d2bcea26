import net from 'node:net';
import { AppError } from '../../../shared/result';
import type { RegistryEndpoint } from '../../ports/registry';

/** Where to send requests for one registry, checked once when the client is opened. */
export interface ResolvedEndpoint {
  readonly host: string;
  readonly baseUrl: URL;
  readonly ca: string | undefined;
}

const HOST_PATTERN = /^(?:\[[0-9a-fA-F:.]+\]|[A-Za-z0-9](?:[A-Za-z0-9.-]*[A-Za-z0-9])?)(?::\d{1,5})?$/;

/**
 * Picks the scheme (http by default only on this machine) and refuses plain http to any other host unless
 * the endpoint allows it explicitly: Basic credentials and bearer tokens would cross the network in clear.
 */
export function resolveEndpoint(endpoint: RegistryEndpoint): ResolvedEndpoint {
  const host = endpoint.host.trim().toLowerCase();
  if (!HOST_PATTERN.test(host)) {
    throw new AppError(
      'INVALID_INPUT',
      `"${endpoint.host}" is not a registry host.`,
      'Give the host and optional port of the registry, e.g. 127.0.0.1:5000 or registry.example.com.'
    );
  }
  const loopback = isLoopbackHost(host);
  const scheme = endpoint.scheme ?? (loopback ? 'http' : 'https');
  if (scheme === 'http' && !loopback && endpoint.allowPlainHttp !== true) {
    throw new AppError(
      'INVALID_INPUT',
      `Registry ${host}: plain http is only used for registries on this machine (127.0.0.0/8, localhost).`,
      'Serve the registry over https (with its CA certificate if it is private), or allow plain http for this registry explicitly.'
    );
  }
  return { host, baseUrl: new URL(`${scheme}://${host}/`), ca: endpoint.caCertificate };
}

/** 127.0.0.0/8, ::1 and localhost: traffic that never leaves the machine. */
export function isLoopbackHost(host: string): boolean {
  const name = hostname(host);
  if (name === 'localhost' || name.endsWith('.localhost')) return true;
  if (net.isIPv4(name)) return name.startsWith('127.');
  if (net.isIPv6(name)) return name === '::1' || name === '0:0:0:0:0:0:0:1';
  return false;
}

function hostname(host: string): string {
  if (host.startsWith('[')) return host.slice(1, host.indexOf(']'));
  const colon = host.lastIndexOf(':');
  return colon < 0 ? host : host.slice(0, colon);
}
