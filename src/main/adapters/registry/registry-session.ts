import { AppError } from '../../../shared/result';
import type { RegistryCredentials } from '../../ports/credentials';
import { isLoopbackHost, type ResolvedEndpoint } from './endpoint';
import { httpRequest, TransportError, type HttpMethod, type HttpResponse } from './http-request';
import { credentialsNeeded, credentialsRefused, denied, unexpectedStatus, unreachable, unsupportedChallenge } from './registry-errors';
import { TokenCache } from './token-cache';
import { parseWwwAuthenticate, type AuthChallenge } from './www-authenticate';

export interface RegistryRequest {
  readonly method: HttpMethod;
  readonly url: URL;
  readonly headers?: Readonly<Record<string, string>>;
  readonly body?: Buffer;
  /** The access this request needs, e.g. `repository:shop/api:pull`; none for `GET /v2/`. */
  readonly scope?: string;
  /** What the request does, in words for errors: "list the tags of shop/api". */
  readonly action: string;
  readonly signal?: AbortSignal | undefined;
}

export interface SessionOptions {
  readonly loadCredentials: (host: string) => Promise<RegistryCredentials | null>;
  /** Allows a plain-http token realm off this machine (only when the registry itself was allowed so). */
  readonly allowPlainHttp: boolean;
  /** One line per HTTP exchange (method, URL without query, status); never a header. */
  readonly log?: ((line: string) => void) | undefined;
}

type SentAuth = 'none' | 'basic' | 'bearer';

/**
 * Sends requests to one registry and does the authentication the registry asks for: anonymous, Basic,
 * or the Bearer token dance (401 + `WWW-Authenticate: Bearer realm,service,scope` → a token from the
 * realm, with Basic credentials or anonymously → the request again, once). Once the registry has said
 * how it authenticates, later requests carry Basic credentials or a cached token from the start.
 */
export class RegistrySession {
  private challenge: AuthChallenge | null = null;
  private readonly tokens = new TokenCache();
  private credentials: Promise<RegistryCredentials | null> | undefined;

  constructor(
    private readonly endpoint: ResolvedEndpoint,
    private readonly options: SessionOptions
  ) {}

  /** How the registry asked for credentials so far ('none' until it asked). */
  get auth(): 'none' | 'basic' | 'bearer' {
    return this.challenge?.scheme ?? 'none';
  }

  async usedCredentials(): Promise<boolean> {
    return (await this.loadCredentials()) !== null;
  }

  async send(request: RegistryRequest): Promise<HttpResponse> {
    const credentials = await this.loadCredentials();
    const host = this.endpoint.host;
    const first = this.authorizationFor(request.scope, credentials);
    const firstResponse = await this.exchange(request, first.header);
    if (firstResponse.status === 403) throw denied(host, request.action, credentials?.username ?? null);
    if (firstResponse.status !== 401) return firstResponse;

    const header = headerValue(firstResponse.headers['www-authenticate']);
    const challenge = parseWwwAuthenticate(header);
    if (challenge === null) throw unsupportedChallenge(host, request.action, header);
    this.challenge = challenge;

    let authorization: string;
    if (challenge.scheme === 'basic') {
      if (credentials === null) throw credentialsNeeded(host, request.action);
      if (first.sent === 'basic') throw credentialsRefused(host, credentials.username, 'registry');
      authorization = basicAuthorization(credentials);
    } else {
      this.tokens.forget(request.scope ?? '');
      authorization = `Bearer ${await this.fetchToken(challenge, request, credentials)}`;
    }

    const second = await this.exchange(request, authorization);
    if (second.status === 403) throw denied(host, request.action, credentials?.username ?? null);
    if (second.status !== 401) return second;
    if (challenge.scheme === 'basic' && credentials !== null) throw credentialsRefused(host, credentials.username, 'registry');
    if (credentials === null) throw credentialsNeeded(host, request.action);
    // The token server accepted the credentials but the token does not carry this access.
    throw denied(host, request.action, credentials.username);
  }

  private loadCredentials(): Promise<RegistryCredentials | null> {
    // Loaded once per session; a failed load (e.g. an unsafe file) is retried next time, once fixed.
    this.credentials ??= this.options.loadCredentials(this.endpoint.host).catch((error: unknown) => {
      this.credentials = undefined;
      throw error;
    });
    return this.credentials;
  }

  private authorizationFor(scope: string | undefined, credentials: RegistryCredentials | null): { header: string | undefined; sent: SentAuth } {
    if (this.challenge?.scheme === 'basic' && credentials !== null) return { header: basicAuthorization(credentials), sent: 'basic' };
    if (this.challenge?.scheme === 'bearer') {
      const token = this.tokens.get(scope ?? '');
      if (token !== null) return { header: `Bearer ${token}`, sent: 'bearer' };
    }
    return { header: undefined, sent: 'none' };
  }

  private async exchange(request: RegistryRequest, authorization: string | undefined): Promise<HttpResponse> {
    const headers: Record<string, string> = { 'User-Agent': 'Shipdeck', ...request.headers };
    if (authorization !== undefined) headers['Authorization'] = authorization;
    try {
      const response = await httpRequest({
        method: request.method,
        url: request.url,
        headers,
        ...(request.body !== undefined ? { body: request.body } : {}),
        signal: request.signal,
        ca: this.endpoint.ca
      });
      this.options.log?.(`${request.method} ${request.url.origin}${request.url.pathname} → ${response.status}`);
      return response;
    } catch (error) {
      if (error instanceof TransportError) {
        this.options.log?.(`${request.method} ${request.url.origin}${request.url.pathname} → ${error.code}`);
        throw unreachable(`Registry ${this.endpoint.host}`, request.action, error);
      }
      throw error;
    }
  }

  /** The token request of the distribution token spec: GET realm?service=…&scope=…, Basic or anonymous. */
  private async fetchToken(challenge: AuthChallenge, request: RegistryRequest, credentials: RegistryCredentials | null): Promise<string> {
    const host = this.endpoint.host;
    const realm = this.realmUrl(challenge.params['realm'], request.action);
    const service = challenge.params['service'];
    if (service !== undefined) realm.searchParams.set('service', service);
    const scope = challenge.params['scope'] ?? request.scope;
    for (const one of (scope ?? '').split(' ')) if (one !== '') realm.searchParams.append('scope', one);

    const headers: Record<string, string> = { 'User-Agent': 'Shipdeck', Accept: 'application/json' };
    if (credentials !== null) headers['Authorization'] = basicAuthorization(credentials);
    let response: HttpResponse;
    try {
      response = await httpRequest({ method: 'GET', url: realm, headers, signal: request.signal, ca: this.endpoint.ca });
    } catch (error) {
      if (error instanceof TransportError) throw unreachable(`The token server of registry ${host} (${realm.host})`, `get a token to ${request.action}`, error);
      throw error;
    }
    this.options.log?.(`GET ${realm.origin}${realm.pathname} (token) → ${response.status}`);
    if (response.status === 401 || response.status === 403) {
      throw credentials === null ? credentialsNeeded(host, request.action) : credentialsRefused(host, credentials.username, 'token server');
    }
    if (response.status < 200 || response.status > 299) throw unexpectedStatus(`${host} (token server ${realm.host})`, `get a token to ${request.action}`, response.status, response.body);
    const { token, expiresIn } = parseTokenResponse(response.body, host);
    this.tokens.set(request.scope ?? '', token, expiresIn);
    return token;
  }

  private realmUrl(realm: string | undefined, action: string): URL {
    const host = this.endpoint.host;
    let url: URL;
    try {
      url = new URL(realm ?? '');
    } catch {
      throw new AppError('REGISTRY_FAILED', `Registry ${host} asked for a token to ${action} but named no valid token server ("${realm ?? ''}").`, 'Check the registry\'s auth.token.realm setting.');
    }
    const plainAllowed = url.protocol === 'http:' && (isLoopbackHost(url.host) || this.options.allowPlainHttp);
    if (url.protocol !== 'https:' && !plainAllowed) {
      throw new AppError(
        'REGISTRY_FAILED',
        `Registry ${host} sends Shipdeck for a token to ${url.origin}, which is not https; credentials would cross the network in the clear.`,
        "Serve the token server over https, or allow plain http for this registry explicitly."
      );
    }
    return url;
  }
}

function parseTokenResponse(body: Buffer, host: string): { token: string; expiresIn: number } {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body.toString('utf8'));
  } catch {
    parsed = null;
  }
  const fields = (typeof parsed === 'object' && parsed !== null ? parsed : {}) as { token?: unknown; access_token?: unknown; expires_in?: unknown };
  const token = typeof fields.token === 'string' && fields.token !== '' ? fields.token : fields.access_token;
  if (typeof token !== 'string' || token === '') {
    throw new AppError('REGISTRY_FAILED', `The token server of registry ${host} answered without a token.`, 'Check the token server; it must answer {"token": "…"}.');
  }
  const expiresIn = typeof fields.expires_in === 'number' && fields.expires_in > 0 ? fields.expires_in : 60;
  return { token, expiresIn };
}

function basicAuthorization(credentials: RegistryCredentials): string {
  return `Basic ${Buffer.from(`${credentials.username}:${credentials.password}`, 'utf8').toString('base64')}`;
}

function headerValue(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value.join(', ') : value;
}
