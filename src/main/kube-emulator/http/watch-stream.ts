/**
 * One watch: a chunked HTTP response of newline-separated JSON events (ADDED, MODIFIED, DELETED,
 * BOOKMARK, ERROR). It starts with the current objects (no resourceVersion, "0", or sendInitialEvents)
 * or resumes after a resourceVersion from the store's history; a resourceVersion older than the history
 * gets 410 Expired, in the stream (as the API server's watch cache answers) or as the HTTP status.
 * Label and field selectors turn a change that makes an object stop or start matching into DELETED or
 * ADDED, as the API server does.
 */
import type http from 'node:http';
import { resourceExpired, type ApiError } from '../api-errors';
import type { JsonObject } from '../json';
import type { KubeObject } from '../object-meta';
import type { EventType, ObjectStore, StoreEvent } from '../object-store';
import { apiVersionOf, resourceKey, type ResourceType } from '../resource-type';
import { objectMatches, type FieldRequirement, type Selector } from '../selectors';
import { namespaceOf } from '../object-meta';

export interface WatchRequest {
  readonly type: ResourceType;
  readonly namespace: string | null;
  readonly labels: Selector;
  readonly fields: readonly FieldRequirement[];
  /** undefined when not given. */
  readonly resourceVersion: string | undefined;
  readonly sendInitialEvents: boolean;
  readonly allowBookmarks: boolean;
  readonly timeoutSeconds: number | undefined;
  /** Encodes an object as the client asked (plain JSON or a one-row Table). */
  readonly encode: (object: KubeObject) => JsonObject;
  readonly contentType: string;
}

export interface WatchSettings {
  readonly bookmarkIntervalMs: number;
  /** How a too-old resourceVersion is answered: an ERROR event in a 200 stream, or a 410 response. */
  readonly expiredAs: 'event' | 'status';
}

export interface OpenWatch {
  /** Ends the stream as a server shutting down would (the client sees the connection close). */
  close(): void;
  /** Sends an in-stream 410 Expired and ends the stream (as after losing the watch cache). */
  expire(): void;
}

export function startWatch(
  store: ObjectStore,
  request: WatchRequest,
  settings: WatchSettings,
  response: http.ServerResponse,
  sendError: (error: ApiError) => void,
  onEnd: (watch: OpenWatch) => void
): OpenWatch | null {
  const resource = resourceKey(request.type);
  const inScope = (object: KubeObject) => request.namespace === null || namespaceOf(object) === request.namespace;
  const matches = (object: KubeObject | null) => object !== null && inScope(object) && objectMatches(object, request.labels, request.fields);

  let backlog: { type: EventType; object: KubeObject }[];
  const requested = request.resourceVersion;
  const startFromState = request.sendInitialEvents || requested === undefined || requested === '' || requested === '0';
  if (startFromState) {
    backlog = store.list(resource, request.type.namespaced ? request.namespace : null).filter((object) => matches(object)).map((object) => ({ type: 'ADDED', object }));
  } else {
    const since = Number(requested);
    const history = Number.isFinite(since) ? store.eventsSince(since) : 'expired';
    if (history === 'expired') {
      const error = resourceExpired(`too old resource version: ${requested} (${store.oldestResumable})`);
      if (settings.expiredAs === 'status') {
        sendError(error);
        return null;
      }
      response.writeHead(200, { 'Content-Type': request.contentType, 'Cache-Control': 'no-cache, private', 'Transfer-Encoding': 'chunked' });
      response.end(`${JSON.stringify({ type: 'ERROR', object: error.toStatus() })}\n`);
      return null;
    }
    backlog = history.filter((event) => event.resource === resource).flatMap((event) => translate(event, matches));
  }

  response.writeHead(200, { 'Content-Type': request.contentType, 'Cache-Control': 'no-cache, private', 'Transfer-Encoding': 'chunked' });
  response.flushHeaders();
  let ended = false;
  const write = (type: string, object: JsonObject) => {
    if (!ended) response.write(`${JSON.stringify({ type, object })}\n`);
  };
  const bookmark = (extra: JsonObject = {}) =>
    write('BOOKMARK', {
      kind: request.type.kind,
      apiVersion: apiVersionOf(request.type),
      metadata: { resourceVersion: String(store.currentRevision), creationTimestamp: null, ...extra }
    });

  for (const event of backlog) write(event.type, request.encode(event.object));
  if (request.sendInitialEvents && request.allowBookmarks) bookmark({ annotations: { 'k8s.io/initial-events-end': 'true' } });

  const unsubscribe = store.subscribe((event) => {
    if (event.resource !== resource) return;
    for (const translated of translate(event, matches)) write(translated.type, request.encode(translated.object));
  });
  const bookmarkTimer = request.allowBookmarks ? setInterval(() => bookmark(), settings.bookmarkIntervalMs) : null;
  const timeout = request.timeoutSeconds !== undefined && request.timeoutSeconds > 0 ? setTimeout(() => finish(), request.timeoutSeconds * 1000) : null;

  const cleanUp = () => {
    if (ended) return false;
    ended = true;
    unsubscribe();
    if (bookmarkTimer) clearInterval(bookmarkTimer);
    if (timeout) clearTimeout(timeout);
    onEnd(watch);
    return true;
  };
  const finish = () => {
    if (cleanUp()) response.end();
  };
  const watch: OpenWatch = {
    close: () => {
      if (cleanUp()) response.destroy();
    },
    expire: () => {
      if (ended) return;
      write('ERROR', resourceExpired(`too old resource version: ${requested ?? '0'} (${store.currentRevision})`).toStatus());
      finish();
    }
  };
  response.on('close', () => cleanUp());
  return watch;
}

/** A stored change as the watcher sees it through its selectors. */
function translate(event: StoreEvent, matches: (object: KubeObject | null) => boolean): { type: EventType; object: KubeObject }[] {
  const now = matches(event.object);
  if (event.type === 'ADDED') return now ? [{ type: 'ADDED', object: event.object }] : [];
  if (event.type === 'DELETED') return matches(event.previous) || now ? [{ type: 'DELETED', object: event.object }] : [];
  const before = matches(event.previous);
  if (before && now) return [{ type: 'MODIFIED', object: event.object }];
  if (!before && now) return [{ type: 'ADDED', object: event.object }];
  if (before && !now) return [{ type: 'DELETED', object: event.object }];
  return [];
}
