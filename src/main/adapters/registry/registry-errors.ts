import { AppError } from '../../../shared/result';
import type { TransportError } from './http-request';

// Every message names the registry and what failed; none may carry a password, a token or an
// Authorization header — only hosts, repositories, status codes and the registry's own error codes.

const TLS_CODES = new Set([
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'CERT_HAS_EXPIRED',
  'CERT_NOT_YET_VALID',
  'ERR_TLS_CERT_ALTNAME_INVALID'
]);

/** No HTTP answer at all. `who` is "Registry 127.0.0.1:5000" or "The token server of registry …". */
export function unreachable(who: string, action: string, error: TransportError): AppError {
  if (TLS_CODES.has(error.code)) {
    return new AppError(
      'REGISTRY_UNREACHABLE',
      `${who}: could not ${action}: its TLS certificate is not trusted (${error.code}).`,
      "Give Shipdeck the certificate of the CA that signed the registry's certificate, or fix the certificate (expired, or issued for another name)."
    );
  }
  if (error.code === 'EPROTO' || error.code === 'ERR_SSL_WRONG_VERSION_NUMBER' || error.code === 'HPE_INVALID_CONSTANT') {
    return new AppError(
      'REGISTRY_UNREACHABLE',
      `${who}: could not ${action}: it did not speak the expected protocol (${error.code}).`,
      'Check whether the registry is served over http or https and set the scheme to match.'
    );
  }
  const reason = REASONS[error.code] ?? `the connection failed (${error.code})`;
  return new AppError(
    'REGISTRY_UNREACHABLE',
    `${who} is unreachable: could not ${action}: ${reason}.`,
    'Check that the registry is running and that the host and port are right, then try again.'
  );
}

const REASONS: Readonly<Record<string, string>> = {
  ECONNREFUSED: 'nothing is listening on that address',
  ECONNRESET: 'the connection was closed before an answer came',
  ENOTFOUND: 'the host name was not found',
  EAI_AGAIN: 'the host name could not be looked up',
  ETIMEDOUT: 'no answer in time',
  EHOSTUNREACH: 'the host cannot be reached',
  ENETUNREACH: 'the network cannot be reached',
  EBODYTOOLARGE: 'the answer was far larger than any registry answer should be'
};

export function credentialsNeeded(host: string, action: string): AppError {
  return new AppError(
    'REGISTRY_AUTH_FAILED',
    `Registry ${host} needs credentials to ${action}, and none are stored for it.`,
    `Log in first: shipdeck registry login ${host} --username <user> --password-stdin`
  );
}

export function credentialsRefused(host: string, username: string, refusedBy: 'registry' | 'token server'): AppError {
  const by = refusedBy === 'registry' ? `Registry ${host}` : `The token server of registry ${host}`;
  return new AppError(
    'REGISTRY_AUTH_FAILED',
    `${by} refused the credentials of user "${username}" (wrong user name or password, or an expired access token).`,
    `Log in again: shipdeck registry login ${host} --username <user> --password-stdin`
  );
}

export function denied(host: string, action: string, username: string | null): AppError {
  const who = username === null ? 'anonymous access' : `user "${username}"`;
  return new AppError(
    'REGISTRY_DENIED',
    `Registry ${host} does not allow ${who} to ${action}.`,
    username === null
      ? `Log in with a user that may do this: shipdeck registry login ${host} --username <user> --password-stdin`
      : 'Ask the registry administrator for this permission, or log in as a user that has it.'
  );
}

export function unsupportedChallenge(host: string, action: string, header: string | undefined): AppError {
  const scheme = header === undefined ? 'no WWW-Authenticate header' : `"${header.split(/\s/)[0] ?? ''}" authentication`;
  return new AppError(
    'REGISTRY_AUTH_FAILED',
    `Registry ${host} wants credentials to ${action} but asks for them with ${scheme}; Shipdeck speaks Basic and Bearer tokens.`,
    'Check that the host is a container registry (distribution API v2).'
  );
}

export function deleteDisabled(host: string): AppError {
  return new AppError(
    'REGISTRY_DELETE_DISABLED',
    `Registry ${host} does not allow deleting images.`,
    'Enable deletes in its configuration (for distribution: storage.delete.enabled: true, then restart it), or prune there by hand.'
  );
}

/** Any answer the API does not document for this request, with the registry's own error code if it gave one. */
export function unexpectedStatus(host: string, action: string, status: number, body: Buffer): AppError {
  if (status === 400 && body.toString('utf8').includes('HTTP request to an HTTPS server')) {
    return new AppError(
      'REGISTRY_FAILED',
      `Registry ${host}: could not ${action}: it is served over https, and Shipdeck spoke plain http to it.`,
      'Set the scheme of this registry to https.'
    );
  }
  const detail = registryErrorDetail(body);
  return new AppError(
    'REGISTRY_FAILED',
    `Registry ${host}: could not ${action}: it answered HTTP ${status}${detail === '' ? '' : ` (${detail})`}.`,
    status >= 500 ? 'The registry failed; check its logs, then try again.' : 'Check the registry host and the repository name.'
  );
}

/** `{"errors":[{"code":"NAME_UNKNOWN","message":"…"}]}` → `NAME_UNKNOWN: …`, cut short. */
export function registryErrorDetail(body: Buffer): string {
  const codes = registryErrorCodes(body);
  if (codes.length > 0) return codes.map((error) => (error.message === '' ? error.code : `${error.code}: ${error.message}`)).join('; ').slice(0, 200);
  return '';
}

export function registryErrorCodes(body: Buffer): readonly { readonly code: string; readonly message: string }[] {
  try {
    const parsed: unknown = JSON.parse(body.toString('utf8'));
    if (typeof parsed !== 'object' || parsed === null) return [];
    const errors = (parsed as { errors?: unknown }).errors;
    if (!Array.isArray(errors)) return [];
    return errors.flatMap((error: unknown) => {
      if (typeof error !== 'object' || error === null) return [];
      const { code, message } = error as { code?: unknown; message?: unknown };
      return typeof code === 'string' ? [{ code, message: typeof message === 'string' ? message : '' }] : [];
    });
  } catch {
    return [];
  }
}
