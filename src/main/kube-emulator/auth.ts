/**
 * Bearer-token authentication and a per-verb authorization: each configured token names a user and the
 * verbs (and optionally resources) it may use. With no tokens configured, every request is allowed.
 */
import { forbiddenVerb, unauthorized, type ApiError } from './api-errors';
import type { Verb } from './resource-type';

export interface TokenGrant {
  readonly user: string;
  /** Verbs allowed on resources, or '*' for all. */
  readonly verbs: readonly Verb[] | '*';
  /** Resources ("deployments", "pods") the verbs apply to; all when absent. */
  readonly resources?: readonly string[];
}

/** token → what its holder may do. */
export type TokenGrants = Readonly<Record<string, TokenGrant>>;

export type Authentication = { readonly ok: true; readonly grant: TokenGrant | null } | { readonly ok: false; readonly error: ApiError };

export function authenticate(grants: TokenGrants | undefined, authorization: string | undefined): Authentication {
  if (!grants || Object.keys(grants).length === 0) return { ok: true, grant: null };
  const match = /^Bearer\s+(.+)$/i.exec(authorization ?? '');
  const grant = match ? grants[(match[1] ?? '').trim()] : undefined;
  if (!grant) return { ok: false, error: unauthorized() };
  return { ok: true, grant };
}

export interface AccessRequest {
  readonly verb: Verb;
  readonly group: string;
  readonly resource: string;
  readonly subresource: string | null;
  readonly namespace: string;
  readonly name: string;
}

/** Null when allowed; otherwise the 403 a real server would send. */
export function authorize(grant: TokenGrant | null, request: AccessRequest): ApiError | null {
  if (!grant) return null;
  const verbAllowed = grant.verbs === '*' || grant.verbs.includes(request.verb);
  const resourceAllowed = !grant.resources || grant.resources.includes(request.resource);
  if (verbAllowed && resourceAllowed) return null;
  const resource = request.subresource ? `${request.resource}/${request.subresource}` : request.resource;
  return forbiddenVerb(grant.user, request.verb, { group: request.group, resource }, request.name, request.namespace);
}
