import { createHash } from 'node:crypto';
import { AppError } from '../../../shared/result';
import {
  DIGEST_PATTERN,
  REPOSITORY_PATTERN,
  TAG_PATTERN,
  type ManifestDescriptor,
  type RegistryClient,
  type RegistryPing
} from '../../ports/registry';
import type { ResolvedEndpoint } from './endpoint';
import type { HttpResponse } from './http-request';
import { nextPageUrl } from './link-header';
import { MANIFEST_ACCEPT } from './media-types';
import { deleteDisabled, registryErrorCodes, unexpectedStatus } from './registry-errors';
import type { RegistrySession } from './registry-session';

const DEFAULT_TAGS_PAGE_SIZE = 1000;
/** A guard against a registry whose `Link` headers go round in circles. */
const MAX_TAG_PAGES = 10_000;

/** The distribution API v2 calls Shipdeck makes, over an authenticating session. */
export class OciRegistryClient implements RegistryClient {
  constructor(
    private readonly endpoint: ResolvedEndpoint,
    private readonly session: RegistrySession,
    private readonly tagsPageSize: number = DEFAULT_TAGS_PAGE_SIZE
  ) {}

  get host(): string {
    return this.endpoint.host;
  }

  async ping(signal?: AbortSignal): Promise<RegistryPing> {
    const action = 'check the API (GET /v2/)';
    let response: HttpResponse;
    try {
      response = await this.session.send({ method: 'GET', url: this.url('v2/'), action, signal });
    } catch (error) {
      if (error instanceof AppError && error.code === 'REGISTRY_AUTH_FAILED' && !(await this.session.usedCredentials())) {
        return { auth: this.session.auth, access: 'needs-credentials' };
      }
      throw error;
    }
    if (response.status !== 200) {
      if (response.status === 404) {
        throw new AppError(
          'REGISTRY_FAILED',
          `${this.endpoint.baseUrl.origin} answered, but is not a container registry (no /v2/ API).`,
          'Check the host and port of the registry.'
        );
      }
      throw unexpectedStatus(this.host, action, response.status, response.body);
    }
    return { auth: this.session.auth, access: (await this.session.usedCredentials()) && this.session.auth !== 'none' ? 'credentials' : 'anonymous' };
  }

  async listTags(repository: string, signal?: AbortSignal): Promise<readonly string[]> {
    checkRepository(repository);
    const action = `list the tags of ${repository}`;
    const tags: string[] = [];
    const visited = new Set<string>();
    let url: URL | null = this.url(`v2/${repository}/tags/list?n=${this.tagsPageSize}`);
    while (url !== null) {
      if (visited.has(url.href) || visited.size >= MAX_TAG_PAGES) {
        throw new AppError('REGISTRY_FAILED', `Registry ${this.host}: the tags of ${repository} never stopped paging (its Link headers go round in circles).`);
      }
      visited.add(url.href);
      const response: HttpResponse = await this.session.send({ method: 'GET', url, scope: pullScope(repository), action, signal });
      if (response.status === 404 && hasErrorCode(response, 'NAME_UNKNOWN')) return [];
      if (response.status !== 200) throw unexpectedStatus(this.host, action, response.status, response.body);
      tags.push(...parseTagList(response.body, this.host, repository));
      url = nextPageUrl(headerText(response.headers['link']), url);
    }
    return tags;
  }

  async resolveTag(repository: string, tag: string, signal?: AbortSignal): Promise<ManifestDescriptor | null> {
    checkRepository(repository);
    if (!TAG_PATTERN.test(tag)) throw new AppError('INVALID_INPUT', `"${tag}" is not a valid image tag.`);
    const action = `read the manifest of ${repository}:${tag}`;
    const head = await this.manifestRequest('HEAD', repository, tag, action, signal);
    if (head.status === 404) return null;
    if (head.status !== 200) throw unexpectedStatus(this.host, action, head.status, head.body);
    const digest = headerText(head.headers['docker-content-digest']);
    if (digest !== undefined && DIGEST_PATTERN.test(digest)) {
      return { digest, mediaType: mediaTypeOf(head), size: Number(head.headers['content-length'] ?? 0) };
    }
    // Not every registry sends Docker-Content-Digest on HEAD: the digest is then that of the bytes.
    const get = await this.manifestRequest('GET', repository, tag, action, signal);
    if (get.status === 404) return null;
    if (get.status !== 200) throw unexpectedStatus(this.host, action, get.status, get.body);
    return { digest: `sha256:${createHash('sha256').update(get.body).digest('hex')}`, mediaType: mediaTypeOf(get), size: get.body.length };
  }

  async hasManifest(repository: string, digest: string, signal?: AbortSignal): Promise<boolean> {
    checkRepository(repository);
    checkDigest(digest);
    const action = `check that ${repository}@${digest} still exists`;
    const response = await this.manifestRequest('HEAD', repository, digest, action, signal);
    if (response.status === 200) return true;
    if (response.status === 404) return false;
    throw unexpectedStatus(this.host, action, response.status, response.body);
  }

  async deleteManifest(repository: string, digest: string, signal?: AbortSignal): Promise<void> {
    checkRepository(repository);
    checkDigest(digest);
    const action = `delete ${repository}@${digest}`;
    const response = await this.session.send({
      method: 'DELETE',
      url: this.url(`v2/${repository}/manifests/${digest}`),
      scope: `repository:${repository}:delete`,
      action,
      signal
    });
    if (response.status === 202 || response.status === 200 || response.status === 204) return;
    if (response.status === 404) {
      throw new AppError('NOT_FOUND', `Registry ${this.host} has no manifest ${repository}@${digest} to delete.`, 'It was deleted already, or the digest is wrong.');
    }
    if (response.status === 405 || hasErrorCode(response, 'UNSUPPORTED')) throw deleteDisabled(this.host);
    throw unexpectedStatus(this.host, action, response.status, response.body);
  }

  private manifestRequest(method: 'HEAD' | 'GET', repository: string, reference: string, action: string, signal: AbortSignal | undefined): Promise<HttpResponse> {
    return this.session.send({
      method,
      url: this.url(`v2/${repository}/manifests/${reference}`),
      headers: { Accept: MANIFEST_ACCEPT },
      scope: pullScope(repository),
      action,
      signal
    });
  }

  private url(path: string): URL {
    return new URL(path, this.endpoint.baseUrl);
  }
}

function pullScope(repository: string): string {
  return `repository:${repository}:pull`;
}

function checkRepository(repository: string): void {
  if (!REPOSITORY_PATTERN.test(repository)) {
    throw new AppError('INVALID_INPUT', `"${repository}" is not a valid repository name.`, 'Repository names are lower-case path components, e.g. shop/api.');
  }
}

function checkDigest(digest: string): void {
  if (!DIGEST_PATTERN.test(digest)) {
    throw new AppError(
      'INVALID_INPUT',
      `"${digest}" is not a manifest digest.`,
      'Registries delete and look up manifests by digest (sha256:…); resolve a tag to its digest first.'
    );
  }
}

function parseTagList(body: Buffer, host: string, repository: string): readonly string[] {
  try {
    const parsed = JSON.parse(body.toString('utf8')) as { tags?: unknown };
    if (parsed.tags === null || parsed.tags === undefined) return [];
    if (Array.isArray(parsed.tags) && parsed.tags.every((tag): tag is string => typeof tag === 'string')) return parsed.tags;
  } catch {
    // fall through
  }
  throw new AppError('REGISTRY_FAILED', `Registry ${host} answered the tag list of ${repository} with something that is not a tag list.`);
}

function hasErrorCode(response: HttpResponse, code: string): boolean {
  return registryErrorCodes(response.body).some((error) => error.code === code);
}

function mediaTypeOf(response: HttpResponse): string {
  return (headerText(response.headers['content-type']) ?? '').split(';')[0]?.trim() ?? '';
}

function headerText(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value.join(', ') : value;
}
