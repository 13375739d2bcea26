import fs from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import WebSocket from 'ws';
import { TRANSPORT } from '../shared/transport';
import { createLocalConnection } from './api/connection';
import type { Handlers } from './api/handlers';
import { startBrowserHost, type BrowserHost } from './browser-host';
import { CONTENT_SECURITY_POLICY } from './security';

const handlers = {
  calls: { 'services.list': () => [{ name: 'api' }] },
  streams: {
    'workspace.changes': async (_input: unknown, sink: { push(item: unknown): void }, context: { signal: AbortSignal }) => {
      sink.push({ service: 'api' });
      await new Promise((resolve) => context.signal.addEventListener('abort', resolve));
    }
  }
} as unknown as Handlers;

let host: BrowserHost;
let rendererDir: string;
/** A file beside the renderer folder that no request may read. */
const secret = { file: '', text: `secret-${process.pid}-${Date.now()}` };
beforeAll(async () => {
  rendererDir = fs.mkdtempSync(path.join(os.tmpdir(), 'shipdeck-renderer-'));
  fs.writeFileSync(path.join(rendererDir, 'index.html'), '<!doctype html><title>Shipdeck</title>');
  fs.mkdirSync(path.join(rendererDir, 'assets'));
  fs.writeFileSync(path.join(rendererDir, 'assets', 'app.js'), 'console.log(1)');
  secret.file = path.join(path.dirname(rendererDir), `${path.basename(rendererDir)}-secret.txt`);
  fs.writeFileSync(secret.file, secret.text);
  host = await startBrowserHost({ connection: createLocalConnection(handlers, () => undefined), rendererDir });
});
afterAll(async () => {
  await host.close();
  fs.rmSync(rendererDir, { recursive: true, force: true });
  fs.rmSync(secret.file, { force: true });
});

interface Reply {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}
/** Raw requests, so tests can send any Host and Origin a hostile page could. */
function request(pathAndQuery: string, init: { method?: string; headers?: Record<string, string>; body?: string } = {}) {
  return new Promise<Reply>((resolve, reject) => {
    const req = http.request(
      { host: '127.0.0.1', port: host.port, path: pathAndQuery, method: init.method ?? 'GET', headers: init.headers },
      (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (body += chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
      }
    );
    req.on('error', reject);
    req.end(init.body);
  });
}
/**
 * A request line sent byte for byte over a socket: neither a URL parser nor an HTTP client gets to
 * normalise `..`, encoded dots or backslashes before the host sees them.
 */
function rawRequest(target: string, headers: Record<string, string> = {}): Promise<Reply> {
  return new Promise<Reply>((resolve, reject) => {
    const socket = net.connect(host.port, '127.0.0.1');
    let response = '';
    socket.setEncoding('latin1');
    socket.on('data', (chunk: string) => (response += chunk));
    socket.on('error', reject);
    socket.on('end', () => {
      const [head = '', ...body] = response.split('\r\n\r\n');
      resolve({ status: Number(head.split(' ')[1]), headers: {}, body: body.join('\r\n\r\n') });
    });
    const lines = [`GET ${target} HTTP/1.1`, `Host: 127.0.0.1:${host.port}`, 'Connection: close'];
    for (const [name, value] of Object.entries(headers)) lines.push(`${name}: ${value}`);
    socket.write(`${lines.join('\r\n')}\r\n\r\n`);
  });
}
/** A promise and the function that settles it (Promise.withResolvers needs Node 22). */
function signalled(): { promise: Promise<void>; resolve: () => void } {
  let resolve = (): void => undefined;
  const promise = new Promise<void>((settle) => (resolve = settle));
  return { promise, resolve };
}
const apiCall = (headers: Record<string, string>) =>
  request(TRANSPORT.httpCall, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ name: 'services.list', input: {} })
  });

describe('browser host', () => {
  it('listens on 127.0.0.1 only, on a random port, and prints a URL with the token', () => {
    expect(host.url).toBe(`http://127.0.0.1:${host.port}/?token=${host.token}`);
    expect(host.port).toBeGreaterThan(0);
    expect(host.token.length).toBeGreaterThanOrEqual(32);
  });

  it('answers a call that carries the token', async () => {
    const reply = await apiCall({ [TRANSPORT.tokenHeader]: host.token });
    expect(reply.status).toBe(200);
    expect(JSON.parse(reply.body)).toEqual({ ok: true, value: [{ name: 'api' }] });
  });

  it('refuses calls without the token, with a wrong one, or with the token only in a cookie', async () => {
    expect((await apiCall({})).status).toBe(401);
    expect((await apiCall({ [TRANSPORT.tokenHeader]: 'wrong' })).status).toBe(401);
    expect((await apiCall({ [TRANSPORT.tokenHeader]: host.token.slice(0, -1) + (host.token.endsWith('a') ? 'b' : 'a') })).status).toBe(401);
    expect((await apiCall({ cookie: `${TRANSPORT.tokenCookie}=${host.token}` })).status).toBe(401);
  });

  it('refuses a call from another Origin even with the right token', async () => {
    const reply = await apiCall({ [TRANSPORT.tokenHeader]: host.token, origin: 'http://evil.example' });
    expect(reply.status).toBe(403);
    const otherPort = await apiCall({ [TRANSPORT.tokenHeader]: host.token, origin: 'http://127.0.0.1:1' });
    expect(otherPort.status).toBe(403);
  });

  it('refuses a foreign Host header (DNS rebinding)', async () => {
    const reply = await apiCall({ [TRANSPORT.tokenHeader]: host.token, host: `evil.example:${host.port}` });
    expect(reply.status).toBe(403);
  });

  it('serves the page only with the token, then remembers it in an HttpOnly SameSite cookie', async () => {
    expect((await request('/')).status).toBe(401);
    expect((await request('/?token=nope')).status).toBe(401);
    const page = await request(`/?token=${host.token}`);
    expect(page.status).toBe(200);
    expect(page.body).toContain('<title>Shipdeck</title>');
    expect(page.headers['set-cookie']?.[0]).toMatch(/HttpOnly; SameSite=Strict/);
    expect(page.headers['content-security-policy']).toBe(CONTENT_SECURITY_POLICY);
    const asset = await request('/assets/app.js', { headers: { cookie: `${TRANSPORT.tokenCookie}=${host.token}` } });
    expect(asset.status).toBe(200);
    expect(asset.headers['content-type']).toContain('text/javascript');
    expect((await request('/assets/app.js')).status).toBe(401);
  });

  it('never serves files outside the renderer folder, however the path is spelled', async () => {
    const cookie = { cookie: `${TRANSPORT.tokenCookie}=${host.token}` };
    // The raw requests reach the host: a file inside the folder comes back byte for byte.
    expect(await rawRequest('/assets/app.js', cookie)).toMatchObject({ status: 200, body: 'console.log(1)' });
    const name = path.basename(secret.file);
    const encodedAbsolute = encodeURIComponent(secret.file);
    for (const attempt of [
      `/../${name}`,
      `/..%2f${name}`,
      `/%2e%2e/${name}`,
      `/%2e%2e%2f${name}`,
      `/%2E%2E%2F${name}`,
      `/assets/..%2f..%2f${name}`,
      `/assets/%2e%2e%2f%2e%2e%2f${name}`,
      `/..%5c${name}`,
      `/assets/..%5c..%5c${name}`,
      `/..\\${name}`,
      `/${encodedAbsolute}`,
      `/%2f${encodedAbsolute}`,
      `//${secret.file}`,
      `http://127.0.0.1:${host.port}/..%2f${name}`
    ]) {
      const reply = await rawRequest(attempt, cookie);
      expect(reply.status, attempt).toBeGreaterThan(0);
      expect(reply.body, attempt).not.toContain(secret.text);
    }
    // These climb out only after decoding, past the URL parser: the containment check itself refuses them.
    for (const attempt of [`/..%2f${name}`, `/assets/%2e%2e%2f%2e%2e%2f${name}`]) {
      expect((await rawRequest(attempt, cookie)).status, attempt).toBe(404);
    }
  });

  it('shrugs off a client that disconnects mid-request: no stack trace, and it keeps serving', async () => {
    const started = signalled();
    const aborted = signalled();
    const local = createLocalConnection(handlers, () => undefined);
    const slowHost = await startBrowserHost({
      rendererDir,
      connection: {
        ...local,
        call: (name, input, signal) => {
          if (name !== 'slow') return local.call(name, input, signal);
          started.resolve();
          return new Promise((resolve) =>
            signal?.addEventListener('abort', () => {
              aborted.resolve();
              resolve({ ok: true, value: 'too late' });
            })
          );
        }
      }
    });
    const errors = vi.spyOn(console, 'error');
    try {
      const post = (body: string, length = Buffer.byteLength(body)) => {
        const socket = net.connect(slowHost.port, '127.0.0.1');
        socket.on('error', () => undefined);
        socket.write(
          [
            `POST ${TRANSPORT.httpCall} HTTP/1.1`,
            `Host: 127.0.0.1:${slowHost.port}`,
            `${TRANSPORT.tokenHeader}: ${slowHost.token}`,
            'content-type: application/json',
            `content-length: ${length}`,
            '',
            body
          ].join('\r\n')
        );
        return socket;
      };
      // Gone while the core works on the call: the call is cancelled.
      const whileWorking = post(JSON.stringify({ name: 'slow', input: {} }));
      await started.promise;
      whileWorking.destroy();
      await aborted.promise;
      // Gone halfway through sending the body.
      const midBody = post('{"name":"slo', 200);
      await new Promise((resolve) => setTimeout(resolve, 50));
      midBody.destroy();
      await new Promise((resolve) => setTimeout(resolve, 100));

      expect(errors).not.toHaveBeenCalled();
      const reply = await fetch(`http://127.0.0.1:${slowHost.port}${TRANSPORT.httpCall}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', [TRANSPORT.tokenHeader]: slowHost.token },
        body: JSON.stringify({ name: 'services.list', input: {} })
      });
      expect(await reply.json()).toEqual({ ok: true, value: [{ name: 'api' }] });
    } finally {
      errors.mockRestore();
      await slowHost.close();
    }
  });

  it('streams events over a WebSocket that presents the token, and refuses one that does not', async () => {
    const wsUrl = `ws://127.0.0.1:${host.port}${TRANSPORT.wsStreams}`;
    const refused = (url: string, headers: Record<string, string> = {}) =>
      new Promise<boolean>((resolve) => {
        const socket = new WebSocket(url, { headers });
        socket.on('open', () => {
          socket.close();
          resolve(false);
        });
        socket.on('error', () => resolve(true));
      });
    expect(await refused(wsUrl)).toBe(true);
    expect(await refused(`${wsUrl}?token=wrong`)).toBe(true);
    expect(await refused(`${wsUrl}?token=${host.token}`, { origin: 'http://evil.example' })).toBe(true);

    const socket = new WebSocket(`${wsUrl}?token=${host.token}`, { headers: { origin: `http://127.0.0.1:${host.port}` } });
    await new Promise((resolve) => socket.on('open', resolve));
    const received: unknown[] = [];
    const two = new Promise<void>((resolve) =>
      socket.on('message', (data) => {
        received.push(JSON.parse(String(data)));
        if (received.length === 2) resolve();
      })
    );
    socket.send(JSON.stringify({ op: 'subscribe', ref: 1, name: 'workspace.changes', input: {} }));
    await two;
    expect(received[0]).toMatchObject({ op: 'reply', ref: 1, result: { ok: true } });
    expect(received[1]).toMatchObject({ op: 'stream', message: { type: 'batch', seq: 1, items: [{ service: 'api' }] } });
    socket.close();
  });
});
