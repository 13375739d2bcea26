// Test helpers for the router's integration tests: tiny HTTP backends that answer their name, and a client.
import http from 'node:http';
import net from 'node:net';

export interface ReceivedRequest {
  readonly method: string;
  readonly url: string;
  readonly headers: http.IncomingHttpHeaders;
  readonly body: string;
}

export interface TestBackend {
  readonly name: string;
  readonly port: number;
  readonly received: ReceivedRequest[];
  close(): Promise<void>;
}

/** An HTTP server on a free 127.0.0.1 port answering every request with its name (and `status`). */
export async function startBackend(name: string, status = 200): Promise<TestBackend> {
  const received: ReceivedRequest[] = [];
  const server = http.createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      received.push({ method: request.method ?? '', url: request.url ?? '', headers: request.headers, body: Buffer.concat(chunks).toString('utf8') });
      response.writeHead(status, { 'content-type': 'text/plain', 'x-backend': name });
      response.end(name);
    });
  });
  await new Promise<void>((resolve) => server.listen({ host: '127.0.0.1', port: 0 }, resolve));
  const port = (server.address() as net.AddressInfo).port;
  return {
    name,
    port,
    received,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      })
  };
}

/** A port nothing listens on right now. */
export async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen({ host: '127.0.0.1', port: 0 }, resolve));
  const port = (server.address() as net.AddressInfo).port;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

export interface Reply {
  readonly status: number;
  readonly body: string;
  /** X-Shipdeck-Pool: the pool nginx chose. */
  readonly pool: string | null;
}

export interface RequestOptions {
  readonly method?: string;
  readonly path?: string;
  readonly headers?: Readonly<Record<string, string>>;
  readonly body?: string;
  /** Default: a new connection per request. */
  readonly agent?: http.Agent | false;
  readonly timeoutMs?: number;
}

export function send(port: number, options: RequestOptions = {}): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const request = http.request(
      {
        host: '127.0.0.1',
        port,
        method: options.method ?? 'GET',
        path: options.path ?? '/',
        headers: { ...(options.headers ?? {}), ...(options.body === undefined ? {} : { 'content-length': Buffer.byteLength(options.body) }) },
        agent: options.agent ?? false,
        timeout: options.timeoutMs ?? 5_000
      },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () => {
          const pool = response.headers['x-shipdeck-pool'];
          resolve({ status: response.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8'), pool: typeof pool === 'string' ? pool : null });
        });
        response.on('error', reject);
      }
    );
    request.on('timeout', () => request.destroy(new Error('timed out')));
    request.on('error', reject);
    request.end(options.body);
  });
}

/** Sends `count` requests, `concurrency` at a time. */
export async function sendMany(port: number, count: number, concurrency: number, options: (i: number) => RequestOptions = () => ({})): Promise<Reply[]> {
  const replies: Reply[] = new Array<Reply>(count);
  let next = 0;
  const lane = async () => {
    while (next < count) {
      const i = next++;
      replies[i] = await send(port, options(i));
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, count) }, lane));
  return replies;
}
