/**
 * One suite, every transport: the Electron IPC bridge (preload + main relay, with Electron stubbed, over
 * a core in a forked process) and browser mode (the browser bridge over real HTTP and a real
 * WebSocket). Whatever the renderer can rely on is asserted here for both.
 */
import { EventEmitter } from 'node:events';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import WebSocket from 'ws';
import type { BridgeStreamMessage, ShipdeckBridge } from '../../shared/transport';
import { createBrowserBridge } from '../../renderer/src/api/browser-bridge';
import { startBrowserHost, type BrowserHost } from '../browser-host';
import { registerIpc } from '../electron/ipc';
import { forkCore, type ForkedCore } from '../forked-core';
import { createConformanceHandlers } from '../testing/conformance-handlers';
import { createLocalConnection } from './connection';
import type { StreamServerOptions } from './stream-server';

// ---- Electron stand-in: ipcMain / ipcRenderer / webContents wired to each other, asynchronously, with
// structured cloning, as Electron's IPC does.
const electron = vi.hoisted(() => ({
  exposed: null as unknown,
  renderer: null as unknown
}));
vi.mock('electron', () => ({
  contextBridge: { exposeInMainWorld: (_key: string, api: unknown) => (electron.exposed = api) },
  ipcRenderer: new Proxy(
    {},
    { get: (_target, property) => (electron.renderer as Record<string | symbol, unknown>)[property] }
  )
}));

type Listener = (event: unknown, ...args: unknown[]) => unknown;

class FakeWebContents extends EventEmitter {
  readonly id = 7;
  destroyed = false;
  constructor(private readonly deliver: (channel: string, message: unknown) => void) {
    super();
  }
  isDestroyed() {
    return this.destroyed;
  }
  send(channel: string, message: unknown) {
    const copy = structuredClone(message);
    setImmediate(() => this.deliver(channel, copy));
  }
  destroy() {
    this.destroyed = true;
    this.emit('destroyed');
  }
}

async function electronBridge(hostModule: string): Promise<Transport> {
  const handlers = new Map<string, Listener>();
  const listeners = new Map<string, Listener[]>();
  const rendererListeners = new Map<string, Listener[]>();
  const appUrl = 'file:///app/index.html';
  const contents = new FakeWebContents((channel, message) =>
    rendererListeners.get(channel)?.forEach((listener) => listener({}, message))
  );
  const event = () => ({ sender: contents, senderFrame: { url: appUrl } });
  const ipcMain = {
    handle: (channel: string, handler: Listener) => handlers.set(channel, handler),
    on: (channel: string, listener: Listener) => listeners.set(channel, [...(listeners.get(channel) ?? []), listener])
  };
  electron.renderer = {
    invoke: async (channel: string, ...args: unknown[]) => {
      await new Promise((resolve) => setImmediate(resolve));
      return structuredClone(await handlers.get(channel)?.(event(), ...structuredClone(args)));
    },
    send: (channel: string, ...args: unknown[]) => {
      const copy = structuredClone(args);
      setImmediate(() => listeners.get(channel)?.forEach((listener) => listener(event(), ...copy)));
    },
    on: (channel: string, listener: Listener) =>
      rendererListeners.set(channel, [...(rendererListeners.get(channel) ?? []), listener])
  };
  const forked: ForkedCore = forkCore(hostModule, { dataDir: '', mode: 'electron', version: 'test' }, ['--import', 'tsx']);
  await forked.client.ready;
  registerIpc(ipcMain as never, forked.client, () => ({ contents: contents as never, appUrl }));
  vi.resetModules();
  await import('../../preload/index');
  const bridge = electron.exposed as ShipdeckBridge;
  return {
    bridge,
    closeWindow: () => contents.destroy(),
    close: async () => {
      forked.child.kill();
      await new Promise((resolve) => forked.child.once('exit', resolve));
    }
  };
}

async function browserBridge(rendererDir: string, options: StreamServerOptions = {}): Promise<Transport> {
  const connection = createLocalConnection(createConformanceHandlers(), () => undefined, options);
  const host: BrowserHost = await startBrowserHost({ connection, rendererDir });
  const sockets: WebSocket[] = [];
  const storage = new Map<string, string>();
  const bridge = createBrowserBridge(
    new URL(host.url),
    { getItem: (k) => storage.get(k) ?? null, setItem: (k, v) => void storage.set(k, v) },
    { state: null, replaceState: () => undefined },
    (url) => {
      const socket = new WebSocket(url);
      sockets.push(socket);
      return {
        send: (data) => socket.send(data),
        listen(on) {
          socket.on('open', on.open);
          socket.on('message', (data) => on.message(String(data)));
          socket.on('close', on.close);
          socket.on('error', () => undefined);
        }
      };
    }
  );
  return {
    bridge,
    dropConnection: () => sockets.at(-1)?.terminate(),
    close: async () => {
      await host.close();
      await connection.close();
    }
  };
}

interface Transport {
  readonly bridge: ShipdeckBridge;
  /** Browser mode: the socket breaks as a network or a sleeping laptop would break it. */
  readonly dropConnection?: () => void;
  /** Electron: the window goes away. */
  readonly closeWindow?: () => void;
  close(): Promise<void>;
}

// ---- helpers over the untyped bridge

interface Progress {
  readonly completed: number;
}

function collect(bridge: ShipdeckBridge, task: unknown) {
  const batches: { seq: number; items: Progress[] }[] = [];
  const messages: BridgeStreamMessage[] = [];
  let resolveEnd: (message: BridgeStreamMessage & { type: 'end' }) => void = () => undefined;
  const ended = new Promise<BridgeStreamMessage & { type: 'end' }>((resolve) => (resolveEnd = resolve));
  const unsubscribe = bridge.subscribe('tasks.progress', { task }, (message) => {
    messages.push(message);
    if (message.type === 'batch') batches.push({ seq: message.seq, items: message.items as Progress[] });
    if (message.type === 'end') resolveEnd(message);
  });
  const completed = () => batches.flatMap((batch) => batch.items.map((item) => item.completed));
  return { batches, messages, ended, unsubscribe, completed };
}

async function until(condition: () => boolean | Promise<boolean>, what: string, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

async function observed(bridge: ShipdeckBridge): Promise<string[]> {
  const reply = (await bridge.call('audit.list', {}, `audit-${Math.random()}`)) as { value: { action: string }[] };
  return reply.value.map((entry) => entry.action);
}

const consecutive = (values: readonly number[]) => values.every((value, index) => value === index + 1);

// ---- the suite

let rendererDir: string;
beforeAll(() => {
  rendererDir = fs.mkdtempSync(path.join(os.tmpdir(), 'shipdeck-conformance-'));
  fs.writeFileSync(path.join(rendererDir, 'index.html'), '<!doctype html>');
});
afterAll(() => fs.rmSync(rendererDir, { recursive: true, force: true }));

const hostModule = path.join(__dirname, '..', 'testing', 'conformance-core-host.ts');
const transports: [string, () => Promise<Transport>][] = [
  ['Electron IPC (core in a forked process)', () => electronBridge(hostModule)],
  ['browser mode (HTTP + WebSocket)', () => browserBridge(rendererDir)]
];

describe.each(transports)('%s', (_label, open) => {
  let transport: Transport;
  beforeAll(async () => {
    transport = await open();
  });
  afterAll(() => transport.close());

  it('answers a call with its value, and bad input or an unknown name with a clear error', async () => {
    const { bridge } = transport;
    expect(await bridge.call('app.info', {}, 'a')).toMatchObject({ ok: true, value: { version: 'test' } });
    expect(await bridge.call('services.get', { service: 7 }, 'b')).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT', message: expect.stringContaining('service') }
    });
    expect(await bridge.call('shell.exec', {}, 'c')).toMatchObject({ ok: false, error: { code: 'UNKNOWN_CALL' } });
    expect(await bridge.call('services.get', { service: 'x' }, 'd')).toEqual({
      ok: false,
      error: { code: 'NOT_FOUND', message: 'There is no service named "x".', hint: 'Check the name.' }
    });
  });

  it('cancelling a call reaches the work', async () => {
    const { bridge } = transport;
    const pending = bridge.call('services.list', {}, 'slow-1').catch(() => 'aborted');
    await until(async () => (await observed(bridge)).includes('slow call started'), 'the slow call to start');
    bridge.cancel('slow-1');
    await until(async () => (await observed(bridge)).includes('slow call cancelled'), 'the handler to see the cancel');
    await pending;
  });

  it('delivers every item of a stream once, in order, in numbered batches, then the end', async () => {
    const stream = collect(transport.bridge, 'count-3000');
    expect(await stream.ended).toEqual({ type: 'end' });
    expect(stream.completed()).toHaveLength(3000);
    expect(consecutive(stream.completed())).toBe(true);
    expect(stream.batches.length).toBeGreaterThan(1);
    stream.batches.reduce((expectedSeq, batch) => {
      expect(batch.seq).toBe(expectedSeq);
      return batch.seq + batch.items.length;
    }, 1);
  });

  it('refuses a stream with bad input or an unknown name, saying why', async () => {
    const badInput = collect(transport.bridge, 5);
    expect(await badInput.ended).toMatchObject({ error: { code: 'INVALID_INPUT', message: expect.stringContaining('task') } });
    const unknown: BridgeStreamMessage[] = [];
    await new Promise<void>((resolve) =>
      transport.bridge.subscribe('shell.tail', {}, (message) => {
        unknown.push(message);
        resolve();
      })
    );
    expect(unknown[0]).toMatchObject({ type: 'end', error: { code: 'UNKNOWN_STREAM' } });
  });

  it('ends a failing stream with its error, after the items it produced', async () => {
    const stream = collect(transport.bridge, 'fail');
    expect(await stream.ended).toMatchObject({ error: { code: 'GIT_FAILED', message: 'The producer failed on purpose.' } });
    expect(stream.completed()).toEqual([1, 2]);
  });

  it('unsubscribing stops the work and the items', async () => {
    const stream = collect(transport.bridge, 'forever');
    await until(() => stream.completed().length >= 3, 'a few items');
    stream.unsubscribe();
    await until(async () => (await observed(transport.bridge)).includes('stream forever stopped'), 'the producer to stop');
    const seen = stream.completed().length;
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(stream.completed().length).toBe(seen);
  });
});

describe('Electron IPC: a closed window', () => {
  it('ends the subscriptions it had', async () => {
    const transport = await electronBridge(hostModule);
    try {
      const stream = collect(transport.bridge, 'forever');
      await until(() => stream.completed().length >= 2, 'a few items');
      transport.closeWindow?.();
      await until(async () => (await observed(transport.bridge)).includes('stream forever stopped'), 'the producer to stop');
    } finally {
      await transport.close();
    }
  });
});

describe('browser mode: a dropped connection', () => {
  it('reconnects and resumes after the last item it saw: nothing lost, nothing repeated', async () => {
    const transport = await browserBridge(rendererDir);
    try {
      const stream = collect(transport.bridge, 'forever');
      await until(() => stream.completed().length >= 10, 'items before the drop');
      transport.dropConnection?.();
      const atDrop = stream.completed().length;
      await until(() => stream.completed().length >= atDrop + 40, 'items after the reconnect');
      stream.unsubscribe();
      expect(stream.messages.some((message) => message.type === 'reset')).toBe(false);
      expect(consecutive(stream.completed())).toBe(true);
    } finally {
      await transport.close();
    }
  });

  it('starts over with a reset when more was missed than the core keeps', async () => {
    const transport = await browserBridge(rendererDir, { replayLimit: 3 });
    try {
      const stream = collect(transport.bridge, 'forever');
      await until(() => stream.completed().length >= 5, 'items before the drop');
      transport.dropConnection?.();
      await until(() => stream.messages.some((message) => message.type === 'reset'), 'the reset');
      const afterReset = () => stream.messages.slice(stream.messages.findIndex((message) => message.type === 'reset') + 1);
      await until(() => afterReset().some((message) => message.type === 'batch'), 'items after the reset');
      stream.unsubscribe();
      // The stream started over: numbered from 1 again, from the producer's first item.
      const firstAfter = afterReset().find((message) => message.type === 'batch');
      expect(firstAfter).toMatchObject({ seq: 1 });
      expect((firstAfter as unknown as { items: Progress[] }).items[0]).toMatchObject({ completed: 1 });
    } finally {
      await transport.close();
    }
  });
});
