/**
 * The HTTP front of the emulator: discovery, /version, health, and the resource API (get, list, watch,
 * create, update, patch, delete, deletecollection; status and scale subresources), with bearer-token
 * authorization per verb, server-side Tables when asked for, and errors as Status objects.
 */
import http from 'node:http';
import https from 'node:https';
import type { AddressInfo, Socket } from 'node:net';
import { ApiError, badRequest, methodNotAllowed, pageNotFound } from '../api-errors';
import { PATCH_CONTENT_TYPES, type ApiService, type Subresource } from '../api-service';
import { authenticate, authorize, type TokenGrant, type TokenGrants } from '../auth';
import { isJsonObject, objectAt, valueAt, type JsonObject, type JsonValue } from '../json';
import { kubeTime, metadataOf, nameOf, uidOf, type KubeObject } from '../object-meta';
import { applyJsonPatch } from '../patch/json-patch';
import { applyMergePatch } from '../patch/merge-patch';
import { apiVersionOf, type ResourceType } from '../resource-type';
import { parseFieldSelector, parseLabelSelector } from '../selectors';
import { buildTable } from '../tables';
import {
  aggregatedContentType,
  aggregatedDiscovery,
  aggregatedDiscoveryWanted,
  legacyApiVersions,
  legacyGroup,
  legacyGroupList,
  legacyResourceList
} from './discovery';
import { parseBody, readBody } from './request-body';
import { deleteOptions, page, scaleOf, verbOf, wantsTable, withoutTypeMeta } from './resource-requests';
import { parseRoute } from './routes';
import { versionInfo } from './version-info';
import { startWatch, type OpenWatch, type WatchSettings } from './watch-stream';

export interface ApiServerSettings extends WatchSettings {
  readonly grants?: TokenGrants;
  /** The Kubernetes minor version the server reports (1.<minor>). */
  readonly serverMinorVersion: number;
  readonly clock: () => Date;
  /** OpenAPI documents by path (`/openapi/v2`, `/openapi/v3`, `/openapi/v3/apis/apps/v1`); absent paths are 404. */
  readonly openApi?: (path: string) => JsonObject | null;
  /** The protobuf `/openapi/v2` document (kubectl 1.27–1.28 read it to learn about field validation). */
  readonly openApiV2?: () => Buffer;
  /** Serve https with this key and certificate (PEM) instead of plain http. */
  readonly tls?: { readonly key: string; readonly cert: string };
}

const TABLE_CONTENT_TYPE = 'application/json;as=Table;v=v1;g=meta.k8s.io';
const JSON_CONTENT_TYPE = 'application/json';
const OPEN_PATHS = new Set(['/version', '/healthz', '/livez', '/readyz']);

export class ApiHttpServer {
  private readonly server: http.Server | https.Server;
  private readonly watches = new Set<OpenWatch>();
  private readonly sockets = new Set<Socket>();
  private grants: TokenGrants | undefined;

  constructor(
    private readonly api: ApiService,
    private readonly settings: ApiServerSettings
  ) {
    this.grants = settings.grants;
    const handler = (request: http.IncomingMessage, response: http.ServerResponse) => {
      void this.handle(request, response);
    };
    this.server = settings.tls ? https.createServer({ noDelay: true, key: settings.tls.key, cert: settings.tls.cert }, handler) : http.createServer({ noDelay: true }, handler);
    this.server.on(settings.tls ? 'secureConnection' : 'connection', (socket: Socket) => {
      this.sockets.add(socket);
      socket.on('close', () => this.sockets.delete(socket));
    });
  }

  async listen(host: string, port: number): Promise<number> {
    await new Promise<void>((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(port, host, () => {
        this.server.off('error', reject);
        resolve();
      });
    });
    return (this.server.address() as AddressInfo).port;
  }

  /** Replaces the accepted tokens (e.g. to let a token expire mid-session). */
  setGrants(grants: TokenGrants): void {
    this.grants = grants;
  }

  /** Ends every open watch: 'close' drops the connections, 'expire' sends 410 Expired first. */
  endWatches(how: 'close' | 'expire'): void {
    for (const watch of [...this.watches]) {
      if (how === 'close') watch.close();
      else watch.expire();
    }
  }

  /** Drops every open connection (kept-alive ones too), as a restarting server would. */
  dropConnections(): void {
    this.endWatches('close');
    for (const socket of this.sockets) socket.destroy();
  }

  async close(): Promise<void> {
    this.dropConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private async handle(request: http.IncomingMessage, response: http.ServerResponse): Promise<void> {
    try {
      const url = new URL(request.url ?? '/', 'http://emulator');
      const path = url.pathname.replace(/\/+$/, '') || '/';
      if (path === '/version') return sendJson(response, 200, versionInfo(this.settings.serverMinorVersion));
      if (OPEN_PATHS.has(path)) return sendText(response, 200, 'ok');
      const authentication = authenticate(this.grants, request.headers.authorization);
      if (!authentication.ok) throw authentication.error;
      if (path === '/api' || path === '/apis') return this.discovery(request, response, path === '/api');
      if (path === '/openapi/v2' && this.settings.openApiV2) {
        const body = this.settings.openApiV2();
        response.writeHead(200, { 'Content-Type': 'application/octet-stream', 'Content-Length': body.length });
        response.end(body);
        return;
      }
      if (path.startsWith('/openapi/')) {
        const document = this.settings.openApi?.(path) ?? null;
        if (!document) throw pageNotFound();
        return sendJson(response, 200, document);
      }
      const route = parseRoute(path, this.api.types);
      switch (route.kind) {
        case 'group': {
          const group = legacyGroup(this.api.types, route.group);
          if (!group) throw pageNotFound();
          return sendJson(response, 200, group);
        }
        case 'group-version': {
          const list = legacyResourceList(this.api.types, route.group, route.version);
          if (!list) throw pageNotFound();
          return sendJson(response, 200, list);
        }
        case 'unknown':
          throw pageNotFound();
        case 'resource':
          return await this.resource(request, response, url, route.type, route.namespace, route.name, route.subresource, route.legacyWatch, authentication.grant);
      }
    } catch (error) {
      const apiError = error instanceof ApiError ? error : new ApiError(500, 'InternalError', `Internal error occurred: ${error instanceof Error ? error.message : String(error)}`);
      if (!(error instanceof ApiError) && process.env['KUBE_EMULATOR_DEBUG']) console.error(error);
      if (!response.headersSent) sendJson(response, apiError.code, apiError.toStatus());
      else response.end();
    }
  }

  private discovery(request: http.IncomingMessage, response: http.ServerResponse, legacy: boolean): void {
    const aggregated = aggregatedDiscoveryWanted(request.headers.accept);
    if (aggregated) {
      return sendJson(response, 200, aggregatedDiscovery(this.api.types, legacy, aggregated), aggregatedContentType(aggregated));
    }
    const host = request.headers.host ?? '127.0.0.1';
    return sendJson(response, 200, legacy ? legacyApiVersions(host) : legacyGroupList(this.api.types));
  }

  private async resource(
    request: http.IncomingMessage,
    response: http.ServerResponse,
    url: URL,
    type: ResourceType,
    namespace: string | null,
    name: string | null,
    subresourceName: string | null,
    legacyWatch: boolean,
    grant: TokenGrant | null
  ): Promise<void> {
    const query = url.searchParams;
    const method = request.method ?? 'GET';
    const watching = legacyWatch || ['1', 'true'].includes(query.get('watch') ?? '');
    const verb = verbOf(method, name, watching);
    if (!verb) throw methodNotAllowed();
    let subresource: Subresource = null;
    if (subresourceName !== null) {
      if (subresourceName !== 'status' && subresourceName !== 'scale') throw pageNotFound();
      if (!type.subresources.includes(subresourceName)) throw pageNotFound();
      if (!['get', 'update', 'patch'].includes(verb)) throw methodNotAllowed();
      subresource = subresourceName;
    }
    if (!type.verbs.includes(verb)) throw methodNotAllowed();
    const denied = authorize(grant, { verb, group: type.group, resource: type.resource, subresource, namespace: namespace ?? '', name: name ?? '' });
    if (denied) throw denied;

    const dryRun = query.getAll('dryRun').includes('All');
    const table = wantsTable(request.headers.accept);
    const includeObject = query.get('includeObject') ?? 'Metadata';
    const now = this.settings.clock();
    const ns = namespace ?? '';
    switch (verb) {
      case 'get': {
        const object = this.api.get(type, ns, name ?? '');
        if (subresource === 'scale') return sendJson(response, 200, scaleOf(type, object));
        if (table) return sendJson(response, 200, buildTable(type, [object], String(valueAt(object, ['metadata', 'resourceVersion']) ?? ''), now, includeObject), TABLE_CONTENT_TYPE);
        return sendJson(response, 200, object);
      }
      case 'list': {
        const labels = parseLabelSelector(query.get('labelSelector') ?? '');
        const fields = parseFieldSelector(query.get('fieldSelector') ?? '');
        const all = this.api.list(type, namespace, labels, fields);
        const { items, continueToken, remaining } = page(all, query.get('limit'), query.get('continue'));
        const resourceVersion = String(this.api.store.currentRevision);
        if (table) {
          const tableJson = buildTable(type, items, resourceVersion, now, includeObject);
          if (continueToken) objectAt(tableJson, ['metadata'])['continue'] = continueToken;
          return sendJson(response, 200, tableJson, TABLE_CONTENT_TYPE);
        }
        const metadata: JsonObject = { resourceVersion };
        if (continueToken) {
          metadata['continue'] = continueToken;
          metadata['remainingItemCount'] = remaining;
        }
        return sendJson(response, 200, {
          kind: `${type.kind}List`,
          apiVersion: apiVersionOf(type),
          metadata,
          items: items.map((item) => (type.builtIn ? withoutTypeMeta(item) : item))
        });
      }
      case 'watch': {
        const sendInitialEvents = query.get('sendInitialEvents') === 'true';
        const allowBookmarks = query.get('allowWatchBookmarks') === 'true' || query.get('allowWatchBookmarks') === '1';
        if (sendInitialEvents && !allowBookmarks) throw badRequest('sendInitialEvents is forbidden for watch unless allowWatchBookmarks=true');
        const timeout = query.get('timeoutSeconds');
        const watch = startWatch(
          this.api.store,
          {
            type,
            namespace,
            labels: parseLabelSelector(query.get('labelSelector') ?? ''),
            fields: parseFieldSelector(query.get('fieldSelector') ?? ''),
            resourceVersion: query.get('resourceVersion') ?? undefined,
            sendInitialEvents,
            allowBookmarks,
            timeoutSeconds: timeout === null ? undefined : Number(timeout),
            encode: table
              ? (object: KubeObject) => buildTable(type, [object], String(valueAt(object, ['metadata', 'resourceVersion']) ?? ''), this.settings.clock(), includeObject)
              : (object: KubeObject) => object,
            contentType: table ? TABLE_CONTENT_TYPE : JSON_CONTENT_TYPE
          },
          this.settings,
          response,
          (error) => sendJson(response, error.code, error.toStatus()),
          (ended) => this.watches.delete(ended)
        );
        if (watch) this.watches.add(watch);
        return;
      }
      case 'create': {
        const body = await this.body(request);
        return sendJson(response, 201, this.api.create(type, ns, body, { dryRun }));
      }
      case 'update': {
        const body = await this.body(request);
        if (subresource === 'scale') return sendJson(response, 200, this.updateScale(type, ns, name ?? '', body));
        return sendJson(response, 200, this.api.update(type, ns, name ?? '', body, subresource, { dryRun }));
      }
      case 'patch': {
        const contentType = (request.headers['content-type'] ?? '').split(';')[0]?.trim() ?? '';
        const patchType = PATCH_CONTENT_TYPES[contentType];
        if (!patchType) {
          throw new ApiError(415, 'UnsupportedMediaType', `the body of the request was in an unknown format - accepted media types include: application/json-patch+json, application/merge-patch+json, application/apply-patch+yaml${type.builtIn ? ', application/strategic-merge-patch+json' : ''}`);
        }
        const patch = parseBody(await readBody(request), contentType);
        if (subresource === 'scale') {
          const current = scaleOf(type, this.api.get(type, ns, name ?? ''));
          const patched = patchType === 'json' ? applyJsonPatch(current, patch) : applyMergePatch(current, patch);
          return sendJson(response, 200, this.updateScale(type, ns, name ?? '', patched));
        }
        return sendJson(response, 200, this.api.patch(type, ns, name ?? '', patchType, patch, subresource, { dryRun }));
      }
      case 'delete': {
        const options = deleteOptions(query, await this.optionalBody(request));
        const deleted = dryRun ? this.api.get(type, ns, name ?? '') : this.api.delete(type, ns, name ?? '', options);
        if (type.kind === 'Namespace') return sendJson(response, 200, deleted);
        if (type.kind === 'Pod') {
          // Pods are deleted gracefully on a cluster: the answer is the Pod marked for deletion.
          const marked = { ...deleted, metadata: { ...metadataOf(deleted), deletionTimestamp: kubeTime(now), deletionGracePeriodSeconds: Number(valueAt(deleted, ['spec', 'terminationGracePeriodSeconds']) ?? 30) } };
          return sendJson(response, 200, marked);
        }
        return sendJson(response, 200, {
          kind: 'Status',
          apiVersion: 'v1',
          metadata: {},
          status: 'Success',
          details: { name: nameOf(deleted), ...(type.group === '' ? {} : { group: type.group }), kind: type.resource, uid: uidOf(deleted) }
        });
      }
      case 'deletecollection': {
        const options = deleteOptions(query, await this.optionalBody(request));
        const labels = parseLabelSelector(query.get('labelSelector') ?? '');
        const fields = parseFieldSelector(query.get('fieldSelector') ?? '');
        const deleted = this.api.list(type, namespace, labels, fields).map((object) => this.api.delete(type, String(metadataOf(object)['namespace'] ?? ''), nameOf(object), options));
        return sendJson(response, 200, { kind: `${type.kind}List`, apiVersion: apiVersionOf(type), metadata: { resourceVersion: String(this.api.store.currentRevision) }, items: deleted.map((item) => (type.builtIn ? withoutTypeMeta(item) : item)) });
      }
    }
  }

  private updateScale(type: ResourceType, namespace: string, name: string, scale: JsonValue): JsonObject {
    const replicas = valueAt(scale, ['spec', 'replicas']);
    if (typeof replicas !== 'number' || !Number.isInteger(replicas) || replicas < 0) throw badRequest('spec.replicas must be a non-negative integer');
    const expected = valueAt(scale, ['metadata', 'resourceVersion']);
    const current = this.api.get(type, namespace, name);
    const body: JsonObject = { ...current, spec: { ...(isJsonObject(current['spec']) ? current['spec'] : {}), replicas } };
    if (typeof expected === 'string' && expected !== '') body['metadata'] = { ...metadataOf(current), resourceVersion: expected };
    return scaleOf(type, this.api.update(type, namespace, name, body));
  }

  private async body(request: http.IncomingMessage): Promise<JsonValue> {
    return parseBody(await readBody(request), request.headers['content-type'] ?? '');
  }

  private async optionalBody(request: http.IncomingMessage): Promise<JsonValue> {
    const text = await readBody(request);
    return text.trim() === '' ? null : parseBody(text, request.headers['content-type'] ?? '');
  }
}

function sendJson(response: http.ServerResponse, status: number, body: JsonValue, contentType = JSON_CONTENT_TYPE): void {
  const text = JSON.stringify(body);
  response.writeHead(status, { 'Content-Type': contentType, 'Content-Length': Buffer.byteLength(text), 'Cache-Control': 'no-cache, private' });
  response.end(text);
}

function sendText(response: http.ServerResponse, status: number, text: string): void {
  response.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8', 'Content-Length': Buffer.byteLength(text) });
  response.end(text);
}
