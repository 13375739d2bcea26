import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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
beforeAll(async () => {
  rendererDir = fs.mkdtempSync(path.join(os.tmpdir(), 'shipdeck-renderer-'));
  fs.writeFileSync(path.join(rendererDir, 'index.html'), '<!doctype html><title>Shipdeck</title>');
  fs.mkdirSync(path.join(rendererDir, 'assets'));
  fs.writeFileSync(path.join(rendererDir, 'assets', 'app.js'), 'console.log(1)');
  fs.writeFileSync(path.join(os.tmpdir(), 'shipdeck-secret.txt'), 'secret');
  host = await startBrowserHost({ connection: createLocalConnection(handlers, () => undefined), rendererDir });
});
afterAll(async () => {
  await host.close();
  fs.rmSync(rendererDir, { recursive: true, force: true });
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

  it('never serves files outside the renderer folder', async () => {
    const cookie = { cookie: `${TRANSPORT.tokenCookie}=${host.token}` };
    for (const attempt of ['/../shipdeck-secret.txt', '/%2e%2e/shipdeck-secret.txt', '/assets/..%2f..%2fshipdeck-secret.txt']) {
      const reply = await request(attempt, { headers: cookie });
      expect(reply.body).not.toContain('secret');
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
