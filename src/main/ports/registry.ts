/**
 * What Shipdeck asks of an OCI container registry (the distribution API v2): is it there, which tags a
 * repository has, which manifest digest a tag points at, whether a digest still exists, and deleting by
 * digest. Implemented over HTTP by the registry adapter; credentials come from the CredentialStore.
 *
 * Every method rejects with an AppError naming the registry and what failed, never with a password or a
 * token in it:
 * - REGISTRY_UNREACHABLE — nothing answered (stopped, wrong host or port, TLS certificate not trusted);
 * - REGISTRY_AUTH_FAILED — the registry or its token server refused the credentials, or needs some;
 * - REGISTRY_DENIED — the credentials were accepted but do not allow this action;
 * - REGISTRY_DELETE_DISABLED — the registry does not allow deletes (`storage.delete.enabled` is off);
 * - NOT_FOUND — the repository, tag or digest does not exist (where "absent" is not an answer);
 * - REGISTRY_FAILED — any other answer the API does not document;
 * - INVALID_INPUT — a host, repository, tag or digest that cannot be valid, or plain http to a
 *   registry that is not on this machine without `allowPlainHttp`;
 * - CANCELLED — `signal` aborted.
 */

/** How to reach one registry. `host` is what image references carry: `127.0.0.1:5000`, `ghcr.io`. */
export interface RegistryEndpoint {
  readonly host: string;
  /**
   * Defaults to `http` for loopback hosts (127.0.0.0/8, localhost, [::1]) and `https` for the rest.
   * Plain http to any other host is refused unless `allowPlainHttp` is true: credentials and tokens
   * would cross the network in the clear.
   */
  readonly scheme?: 'http' | 'https';
  readonly allowPlainHttp?: boolean;
  /** PEM of the certificate authority that signed the registry's certificate, when it is not public. */
  readonly caCertificate?: string;
}

/** A manifest as the registry names it. */
export interface ManifestDescriptor {
  /** `sha256:<64 hex>`, the digest of the manifest's bytes: the artifact's identity. */
  readonly digest: string;
  readonly mediaType: string;
  readonly size: number;
}

export interface RegistryPing {
  /** How the registry asks for credentials: none, Basic, or a Bearer token from a token server. */
  readonly auth: 'none' | 'basic' | 'bearer';
  /**
   * `credentials`: the stored credentials were accepted. `anonymous`: the registry let us in without any.
   * `needs-credentials`: it wants credentials and none are stored (refused ones reject instead).
   */
  readonly access: 'credentials' | 'anonymous' | 'needs-credentials';
}

/** One registry, reached with the credentials stored for its host (or anonymously when there are none). */
export interface RegistryClient {
  readonly host: string;
  /** `GET /v2/`: reachable, and are our credentials accepted? Used by `registry login` to check them. */
  ping(signal?: AbortSignal): Promise<RegistryPing>;
  /** Every tag of `repository` (e.g. `shop/api`), following `Link` pagination; [] when it has none. */
  listTags(repository: string, signal?: AbortSignal): Promise<readonly string[]>;
  /** The manifest a tag points at (image manifest, manifest list or OCI index), or null when absent. */
  resolveTag(repository: string, tag: string, signal?: AbortSignal): Promise<ManifestDescriptor | null>;
  /** Whether a manifest digest still exists: the rollback pre-flight. */
  hasManifest(repository: string, digest: string, signal?: AbortSignal): Promise<boolean>;
  /**
   * Deletes a manifest by digest; every tag pointing at it goes with it. Deleting by tag is not part of
   * the API (distribution answers 400), so this takes a digest only: resolve the tag first. Space comes
   * back only after the registry's garbage collection. Rejects with NOT_FOUND when the digest is absent.
   */
  deleteManifest(repository: string, digest: string, signal?: AbortSignal): Promise<void>;
}

/**
 * Opens registry clients. Opening does no I/O; it throws INVALID_INPUT at once for a host that cannot be
 * one, or for plain http off this machine without `allowPlainHttp`. A client reads the host's credentials
 * on its first request and keeps them (and its bearer tokens) for its life: open a new one after a login.
 */
export interface RegistryPort {
  open(endpoint: RegistryEndpoint): RegistryClient;
}

/** An image repository split into the registry host and the repository path inside it. */
export interface ImageRepositoryName {
  readonly host: string;
  readonly repository: string;
}

/**
 * Splits `127.0.0.1:5000/shop/api` into host and repository, the way Docker does: the first component
 * is a host when it has a `.` or a `:`, or is `localhost`; otherwise the image lives on Docker Hub.
 * A tag or digest at the end is not part of a repository and is refused.
 */
export function splitImageRepository(reference: string): ImageRepositoryName | null {
  const trimmed = reference.trim();
  if (trimmed === '' || /[@\s]/.test(trimmed)) return null;
  const slash = trimmed.indexOf('/');
  const first = slash < 0 ? '' : trimmed.slice(0, slash);
  const isHost = slash > 0 && (first.includes('.') || first.includes(':') || first === 'localhost');
  const host = isHost ? first : 'docker.io';
  let repository = isHost ? trimmed.slice(slash + 1) : trimmed;
  if (!isHost && !repository.includes('/')) repository = `library/${repository}`;
  if (!REPOSITORY_PATTERN.test(repository)) return null;
  return { host, repository };
}

/** The distribution spec's repository name grammar (lower-case path components). */
export const REPOSITORY_PATTERN = /^[a-z0-9]+(?:(?:\.|_|__|-+)[a-z0-9]+)*(?:\/[a-z0-9]+(?:(?:\.|_|__|-+)[a-z0-9]+)*)*$/;
export const TAG_PATTERN = /^[A-Za-z0-9_][A-Za-z0-9._-]{0,127}$/;
export const DIGEST_PATTERN = /^[a-z0-9]+(?:[.+_-][a-z0-9]+)*:[a-zA-Z0-9=_-]{32,}$/;
