import type { CredentialStore } from '../../ports/credentials';
import type { RegistryClient, RegistryEndpoint, RegistryPort } from '../../ports/registry';
import { resolveEndpoint } from './endpoint';
import { OciRegistryClient } from './oci-registry-client';
import { RegistrySession } from './registry-session';

export interface RegistryAdapterOptions {
  /** Where each registry host's credentials come from; a host without any is used anonymously. */
  readonly credentials: Pick<CredentialStore, 'get'>;
  /** One line per HTTP exchange (method, URL without query, status). Never headers or bodies. */
  readonly log?: (line: string) => void;
  /** Tags asked for per page (`n`); the registry may send fewer and page with `Link`. Default 1000. */
  readonly tagsPageSize?: number;
}

/**
 * The registry port over the distribution API v2. Each opened client keeps its own session: the way the
 * registry authenticates, and its bearer tokens until they expire (in memory only).
 */
export function createRegistryPort(options: RegistryAdapterOptions): RegistryPort {
  return {
    open(endpoint: RegistryEndpoint): RegistryClient {
      const resolved = resolveEndpoint(endpoint);
      const session = new RegistrySession(resolved, {
        loadCredentials: (host) => options.credentials.get(host),
        allowPlainHttp: endpoint.allowPlainHttp === true,
        log: options.log
      });
      return new OciRegistryClient(resolved, session, options.tagsPageSize);
    }
  };
}
