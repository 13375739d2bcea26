import { randomBytes, timingSafeEqual } from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import { TRANSPORT } from '../shared/transport';
import type { CoreConnection } from './api/connection';
import { serveStreams } from './browser-streams';
import { CONTENT_SECURITY_POLICY } from './security';

export interface BrowserHostOptions {
  /** The core, in this process or another. */
  readonly connection: CoreConnection;
  /** Folder of the built renderer (index.html and assets). */
  readonly rendererDir: string;
  /** 0 (the default) picks a free port. */
  readonly port?: number | undefined;
  /** Fixed token for tests; a random one per launch otherwise. */
  readonly token?: string | undefined;
}

export interface BrowserHost {
  readonly url: string;
  readonly port: number;
  readonly token: string;
  close(): Promise<void>;
}

const LOOPBACK = '127.0.0.1';
const MAX_BODY_BYTES = 1_000_000;
const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json',
  '.woff2': 'font/woff2'
};

/**
 * Browser mode: serves the built renderer and the same contract over loopback only. Every request
 * needs the per-launch token; Host and Origin must be this server's own, so another site open in the
 * same browser (or a DNS-rebinding page) cannot call it.
 */
export async function startBrowserHost(options: BrowserHostOptions): Promise<BrowserHost> {
  const token = options.token ?? randomBytes(24).toString('base64url');
  let port = 0;
  const ownOrigins = () => [`http://${LOOPBACK}:${port}`, `http://localhost:${port}`];
  const hostAllowed = (host: string | undefined) =>
    host !== undefined && (host === `${LOOPBACK}:${port}` || host === `localhost:${port}`);
  const originAllowed = (origin: string | undefined) => origin === undefined || ownOrigins().includes(origin);

  const server = http.createServer((req, res) => {
    // A client that goes away mid-request is normal (a closed tab, a cancelled query), not an error.
    req.on('error', () => undefined);
    res.on('error', () => undefined);
    void handleRequest(req, res).catch((error: unknown) => {
      if (res.destroyed) return;
      console.error('[shipdeck] browser host request failed:', error);
      if (!res.headersSent) send(res, 500, 'text/plain; charset=utf-8', 'Shipdeck: internal error');
    });
  });

  async function handleRequest(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', `http://${LOOPBACK}:${port}`);
    if (!hostAllowed(req.headers.host) || !originAllowed(req.headers.origin)) {
      send(res, 403, 'text/plain; charset=utf-8', 'Shipdeck: requests from another origin are refused.');
      return;
    }
    if (url.pathname === TRANSPORT.httpCall) {
      // API calls carry the token in a header: a cookie alone would let a cross-site form ride along.
      if (!tokenMatches(headerValue(req.headers[TRANSPORT.tokenHeader]), token)) return unauthorized(res);
      if (req.method !== 'POST') return send(res, 405, 'text/plain; charset=utf-8', 'Shipdeck: use POST');
      const body = await readJsonBody(req);
      // The caller gave up (closed the tab, or the query went stale): stop the work it asked for.
      const controller = new AbortController();
      res.on('close', () => {
        if (!res.writableFinished) controller.abort();
      });
      const envelope =
        body === undefined
          ? { ok: false, error: { code: 'INVALID_INPUT', message: 'The request body is not JSON of at most 1 MB.' } }
          : await options.connection.call(body.name, body.input, controller.signal);
      if (res.destroyed) return;
      return send(res, 200, 'application/json; charset=utf-8', JSON.stringify(envelope));
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') return send(res, 405, 'text/plain; charset=utf-8', 'Shipdeck: GET only');
    const queryToken = url.searchParams.get('token');
    const cookie = readCookie(req.headers.cookie, TRANSPORT.tokenCookie);
    if (!tokenMatches(queryToken ?? cookie, token)) return unauthorized(res);
    if (queryToken) {
      res.setHeader('set-cookie', `${TRANSPORT.tokenCookie}=${token}; HttpOnly; SameSite=Strict; Path=/`);
    }
    serveStatic(options.rendererDir, url.pathname, res);
  }

  const sockets = new WebSocketServer({ noServer: true });
  server.on('upgrade', (req: http.IncomingMessage, socket: Duplex, head: Buffer) => {
    const url = new URL(req.url ?? '/', `http://${LOOPBACK}:${port}`);
    const presented = url.searchParams.get('token') ?? readCookie(req.headers.cookie, TRANSPORT.tokenCookie);
    const allowed =
      url.pathname === TRANSPORT.wsStreams &&
      hostAllowed(req.headers.host) &&
      originAllowed(req.headers.origin) &&
      tokenMatches(presented, token);
    if (!allowed) {
      socket.end('HTTP/1.1 401 Unauthorized\r\nConnection: close\r\n\r\n');
      return;
    }
    sockets.handleUpgrade(req, socket, head, (ws: WebSocket) => serveStreams(ws, options.connection));
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, LOOPBACK, () => resolve());
  });
  const address = server.address();
  port = typeof address === 'object' && address ? address.port : 0;

  return {
    url: `http://${LOOPBACK}:${port}/?token=${token}`,
    port,
    token,
    close: async () => {
      for (const client of sockets.clients) client.terminate();
      sockets.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  };
}

function serveStatic(rendererDir: string, pathname: string, res: http.ServerResponse): void {
  const root = path.resolve(rendererDir);
  let relative: string;
  try {
    relative = decodeURIComponent(pathname);
  } catch {
    return send(res, 400, 'text/plain; charset=utf-8', 'Shipdeck: bad path');
  }
  // The containment check is the one defence, on every platform: path.join applies `..` (decoded from
  // `%2e%2e%2f` too, and `\` on Windows), so a path that climbs out is caught here, never served.
  const requested = path.join(root, relative);
  const insideRoot = requested === root || requested.startsWith(root + path.sep);
  if (!insideRoot) return send(res, 404, 'text/plain; charset=utf-8', 'Shipdeck: not found');
  // Anything that is not an existing asset is the single-page app itself.
  const file = isFile(requested) ? requested : path.join(root, 'index.html');
  if (!isFile(file)) {
    return send(res, 500, 'text/plain; charset=utf-8', 'Shipdeck: the renderer is not built. Run `npm run build`.');
  }
  const isIndex = file.endsWith('index.html');
  res.setHeader('cache-control', isIndex ? 'no-store' : 'public, max-age=31536000, immutable');
  send(res, 200, CONTENT_TYPES[path.extname(file)] ?? 'application/octet-stream', fs.readFileSync(file));
}

function send(res: http.ServerResponse, status: number, contentType: string, body: string | Buffer): void {
  res.statusCode = status;
  res.setHeader('content-type', contentType);
  res.setHeader('content-security-policy', CONTENT_SECURITY_POLICY);
  res.setHeader('x-content-type-options', 'nosniff');
  res.setHeader('referrer-policy', 'no-referrer');
  res.setHeader('x-frame-options', 'DENY');
  res.setHeader('cross-origin-opener-policy', 'same-origin');
  res.setHeader('cross-origin-resource-policy', 'same-origin');
  res.end(body);
}

function unauthorized(res: http.ServerResponse): void {
  send(
    res,
    401,
    'text/plain; charset=utf-8',
    'Shipdeck: this address needs the launch token. Open the URL Shipdeck printed when it started.'
  );
}

function tokenMatches(presented: string | null | undefined, expected: string): boolean {
  if (!presented) return false;
  const a = Buffer.from(presented);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

function headerValue(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

function readCookie(header: string | undefined, name: string): string | null {
  if (!header) return null;
  for (const part of header.split(';')) {
    const [key, ...rest] = part.trim().split('=');
    if (key === name) return rest.join('=');
  }
  return null;
}

function isFile(file: string): boolean {
  try {
    return fs.statSync(file).isFile();
  } catch {
    return false;
  }
}

async function readJsonBody(req: http.IncomingMessage): Promise<{ name?: unknown; input?: unknown } | undefined> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) return undefined;
    chunks.push(chunk as Buffer);
  }
  try {
    const parsed: unknown = JSON.parse(Buffer.concat(chunks).toString('utf8'));
    return typeof parsed === 'object' && parsed !== null ? (parsed as { name?: unknown; input?: unknown }) : undefined;
  } catch {
    return undefined;
  }
}
