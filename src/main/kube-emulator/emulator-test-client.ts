/** A small HTTP client for the emulator's own tests: JSON requests and watch streams read line by line. */
import http from 'node:http';
import type { JsonObject, JsonValue } from './json';

export interface Reply {
  readonly status: number;
  readonly contentType: string;
  readonly body: JsonObject;
}

export async function call(base: string, method: string, path: string, body?: JsonValue, headers: Record<string, string> = {}): Promise<Reply> {
  const response = await fetch(`${base}${path}`, {
    method,
    headers: { Accept: 'application/json', ...(body !== undefined ? { 'Content-Type': 'application/json' } : {}), ...headers },
    ...(body !== undefined ? { body: JSON.stringify(body) } : {})
  });
  const text = await response.text();
  return { status: response.status, contentType: response.headers.get('content-type') ?? '', body: text === '' ? {} : (JSON.parse(text) as JsonObject) };
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

export function openWatch(base: string, path: string, headers: Record<string, string> = {}): WatchHandle {
  const events: WatchEvent[] = [];
  let resolveStatus: (status: number) => void = () => undefined;
  let resolveEnded: () => void = () => undefined;
  const status = new Promise<number>((resolve) => (resolveStatus = resolve));
  const ended = new Promise<void>((resolve) => (resolveEnded = resolve));
  const request = http.get(`${base}${path}`, { headers: { Accept: 'application/json', ...headers } }, (response) => {
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
