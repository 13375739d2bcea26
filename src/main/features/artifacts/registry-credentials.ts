import type { RegistryLogin } from '../../../shared/domain/artifact-operations';
import type { CredentialStore, RegistryCredentials } from '../../ports/credentials';
import type { RegistryClient, RegistryEndpoint } from '../../ports/registry';
import type { AuditStore } from '../../ports/store';

/** How long a login waits for the registry (and its token server) to answer. */
const LOGIN_TIMEOUT_MS = 15_000;

export interface RegistryCredentialsDeps {
  readonly credentials: CredentialStore;
  /** Opens a client that uses exactly these credentials (the candidate ones, before they are saved). */
  readonly openRegistryWith: (endpoint: RegistryEndpoint, credentials: RegistryCredentials) => RegistryClient;
  readonly audit: AuditStore;
  readonly actor: string;
}

/**
 * Registry logins: credentials are checked against the registry first and saved only when it accepts
 * them. The audit log records who logged in where, never the password.
 */
export function createRegistryCredentials(deps: RegistryCredentialsDeps) {
  return {
    async login(host: string, candidate: RegistryCredentials, signal: AbortSignal): Promise<RegistryLogin> {
      const client = deps.openRegistryWith({ host }, candidate);
      // Refused credentials reject here (REGISTRY_AUTH_FAILED) and nothing is saved.
      const ping = await client.ping(AbortSignal.any([signal, AbortSignal.timeout(LOGIN_TIMEOUT_MS)]));
      await deps.credentials.set(host, candidate);
      await deps.audit.append({ actor: deps.actor, action: 'registry.login', subject: `registry:${host}`, details: { username: candidate.username } });
      const protection = deps.credentials.protection;
      return {
        host,
        username: candidate.username,
        checked: ping.access === 'credentials',
        warning: protection.kind === 'file-permissions-only' ? protection.warning : null,
        protection: protection.kind === 'os-keychain' ? protection.note : protection.warning
      };
    },
    async logout(host: string): Promise<{ readonly host: string; readonly removed: boolean }> {
      const removed = await deps.credentials.delete(host);
      if (removed) await deps.audit.append({ actor: deps.actor, action: 'registry.logout', subject: `registry:${host}`, details: {} });
      return { host, removed };
    },
    list: () => deps.credentials.hosts()
  };
}
