/** A small HTTP client for the emulator's own tests: JSON requests and watch streams read line by line. */
import http from 'node:http';
import https from 'node:https';
import type { JsonObject, JsonValue } from './json';

/** The emulator's URL, or the emulator itself (to trust its certificate when it serves https). */
export type Target = string | { readonly url: string; readonly certificateAuthority: string | null };

function resolve(target: Target): { url: string; ca: string | null } {
  return typeof target === 'string' ? { url: target, ca: null } : { url: target.url, ca: target.certificateAuthority };
}

function send(target: Target, method: string, path: string, headers: Record<string, string>, body: string | undefined, onResponse: (response: http.IncomingMessage) => void): http.ClientRequest {
  const { url, ca } = resolve(target);
  const allHeaders = body === undefined ? headers : { ...headers, 'Content-Length': String(Buffer.byteLength(body)) };
  const options = { method, headers: allHeaders, ...(ca ? { ca } : {}) };
  const request = url.startsWith('https:') ? https.request(`${url}${path}`, options, onResponse) : http.request(`${url}${path}`, options, onResponse);
  request.end(body);
  return request;
}

export interface Reply {
  readonly status: number;
  readonly contentType: string;
  readonly body: JsonObject;
}

export function call(target: Target, method: string, path: string, body?: JsonValue, headers: Record<string, string> = {}): Promise<Reply> {
  return new Promise((resolveReply, reject) => {
    const allHeaders = { Accept: 'application/json', ...(body !== undefined ? { 'Content-Type': 'application/json' } : {}), ...headers };
    const request = send(target, method, path, allHeaders, body === undefined ? undefined : JSON.stringify(body), (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        resolveReply({ status: response.statusCode ?? 0, contentType: String(response.headers['content-type'] ?? ''), body: text === '' ? {} : (JSON.parse(text) as JsonObject) });
      });
    });
    request.on('error', reject);
  });
}

export interface WatchEvent {
  readonly type: string;
  readonly object: JsonObject;
}

export interface WatchHandle {
  readonly status: Promise<number>;
  readonly events: WatchEvent[];
  /** Resolves when the server ends the stream (or the connection drops). */
  readonly ended: Promise<void>;
  waitFor(predicate: (events: readonly WatchEvent[]) => boolean, timeoutMs?: number): Promise<void>;
  close(): void;
}

export function openWatch(target: Target, path: string, headers: Record<string, string> = {}): WatchHandle {
  const events: WatchEvent[] = [];
  let resolveStatus: (status: number) => void = () => undefined;
  let resolveEnded: () => void = () => undefined;
  const status = new Promise<number>((resolve) => (resolveStatus = resolve));
  const ended = new Promise<void>((resolve) => (resolveEnded = resolve));
  const request = send(target, 'GET', path, { Accept: 'application/json', ...headers }, undefined, (response) => {
    resolveStatus(response.statusCode ?? 0);
    let buffer = '';
    response.on('data', (chunk: Buffer) => {
      buffer += chunk.toString('utf8');
      let newline = buffer.indexOf('\n');
      while (newline >= 0) {
        const line = buffer.slice(0, newline);
        buffer = buffer.slice(newline + 1);
        if (line.trim() !== '') {
          const parsed = JSON.parse(line) as JsonObject;
          if (typeof parsed['type'] === 'string') events.push({ type: parsed['type'], object: parsed['object'] as JsonObject });
          else events.push({ type: 'STATUS', object: parsed });
        }
        newline = buffer.indexOf('\n');
      }
    });
    response.on('end', () => resolveEnded());
    response.on('close', () => resolveEnded());
    response.on('error', () => resolveEnded());
  });
  request.on('error', () => {
    resolveStatus(0);
    resolveEnded();
  });
  return {
    status,
    events,
    ended,
    async waitFor(predicate, timeoutMs = 5000) {
      const deadline = Date.now() + timeoutMs;
      while (!predicate(events)) {
        if (Date.now() > deadline) throw new Error(`watch ${path}: condition not met; events: ${JSON.stringify(events.map((event) => event.type))}`);
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
    },
    close: () => request.destroy()
  };
}

/** Polls until `check` returns a value (not undefined), or fails after the timeout. */
export async function eventually<T>(check: () => Promise<T | undefined> | T | undefined, timeoutMs = 5000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
