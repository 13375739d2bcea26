import http from 'node:http';
import https from 'node:https';
import tls from 'node:tls';
import { AppError } from '../../../shared/result';

export type HttpMethod = 'GET' | 'HEAD' | 'DELETE' | 'PUT' | 'POST' | 'PATCH';

export interface HttpRequest {
  readonly method: HttpMethod;
  readonly url: URL;
  readonly headers?: Readonly<Record<string, string>>;
  readonly body?: Buffer;
  readonly signal?: AbortSignal | undefined;
  /** Extra trusted certificate authority (PEM) for https. */
  readonly ca?: string | undefined;
  /** No byte for this long (connecting or reading) fails the request. */
  readonly idleTimeoutMs?: number;
  /** Bodies larger than this are refused: a registry answer is small; a runaway one must not fill memory. */
  readonly maxBodyBytes?: number;
}

export interface HttpResponse {
  readonly status: number;
  readonly headers: http.IncomingHttpHeaders;
  readonly body: Buffer;
}

/** A request that got no HTTP answer. `code` is Node's (ECONNREFUSED, ENOTFOUND, CERT_HAS_EXPIRED…). */
export class TransportError extends Error {
  readonly code: string;
  constructor(code: string, message: string) {
    super(message);
    this.name = 'TransportError';
    this.code = code;
  }
}

const DEFAULT_IDLE_TIMEOUT_MS = 15_000;
const DEFAULT_MAX_BODY_BYTES = 8 * 1024 * 1024;

/**
 * One HTTP exchange over node:http(s), no redirects followed, no connection reuse (a registry session is a
 * handful of requests; fresh sockets make a stopped registry show up at once). Written on node:http
 * rather than fetch because fetch in Node 20 cannot take a custom CA without the undici package.
 */
export function httpRequest(request: HttpRequest): Promise<HttpResponse> {
  const { url, signal } = request;
  if (signal?.aborted) return Promise.reject(cancelled());
  const isHttps = url.protocol === 'https:';
  const transport = isHttps ? https : http;
  const maxBodyBytes = request.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;

  return new Promise<HttpResponse>((resolve, reject) => {
    let settled = false;
    const finish = (outcome: () => void): void => {
      if (settled) return;
      settled = true;
      signal?.removeEventListener('abort', onAbort);
      outcome();
    };
    const headers: Record<string, string> = { ...request.headers };
    if (request.body !== undefined) headers['Content-Length'] = String(request.body.length);
    const options: https.RequestOptions = {
      method: request.method,
      headers,
      agent: false,
      // `ca` replaces Node's roots: keep them, so a public token server still verifies
      ...(isHttps && request.ca !== undefined ? { ca: [...tls.rootCertificates, request.ca] } : {})
    };
    const req = transport.request(url, options, (res) => {
      const chunks: Buffer[] = [];
      let received = 0;
      res.on('data', (chunk: Buffer) => {
        received += chunk.length;
        if (received > maxBodyBytes) {
          req.destroy();
          finish(() => reject(new TransportError('EBODYTOOLARGE', `the answer was larger than ${maxBodyBytes} bytes`)));
          return;
        }
        chunks.push(chunk);
      });
      res.on('end', () => finish(() => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) })));
      res.on('error', (error: NodeJS.ErrnoException) => finish(() => reject(transportError(error))));
    });
    const onAbort = (): void => {
      req.destroy();
      finish(() => reject(cancelled()));
    };
    signal?.addEventListener('abort', onAbort, { once: true });
    req.setTimeout(request.idleTimeoutMs ?? DEFAULT_IDLE_TIMEOUT_MS, () => {
      req.destroy();
      finish(() => reject(new TransportError('ETIMEDOUT', 'no answer in time')));
    });
    req.on('error', (error: NodeJS.ErrnoException) => finish(() => reject(transportError(error))));
    req.end(request.body);
  });
}

function transportError(error: NodeJS.ErrnoException): TransportError {
  return new TransportError(error.code ?? 'EUNKNOWN', error.message);
}

function cancelled(): AppError {
  return new AppError('CANCELLED', 'The registry request was cancelled.');
}
