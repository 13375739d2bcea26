import { EventEmitter } from 'node:events';
import type { IpcMain, WebContents } from 'electron';
import { beforeEach, describe, expect, it } from 'vitest';
import { ok, type Result } from '../../shared/result';
import type { StreamMessage } from '../../shared/stream-protocol';
import { TRANSPORT } from '../../shared/transport';
import type { CoreConnection } from '../api/connection';
import type { StreamListener } from '../api/stream-server';
import { registerIpc } from './ipc';

const APP_URL = 'file:///app/out/renderer/index.html';

type Listener = (event: FakeEvent, ...args: unknown[]) => unknown;
interface FakeEvent {
  readonly sender: FakeContents;
  readonly senderFrame: { readonly url: string } | null;
}

/** The part of ipcMain the relay uses: it records the handlers so a test can play the renderer's part. */
class FakeIpcMain {
  readonly handlers = new Map<string, Listener>();
  readonly listeners = new Map<string, Listener>();
  handle(channel: string, listener: Listener): void {
    this.handlers.set(channel, listener);
  }
  on(channel: string, listener: Listener): void {
    this.listeners.set(channel, listener);
  }
  invoke(channel: string, event: FakeEvent, ...args: unknown[]): Promise<unknown> {
    return Promise.resolve(this.handlers.get(channel)?.(event, ...args));
  }
  send(channel: string, event: FakeEvent, ...args: unknown[]): void {
    this.listeners.get(channel)?.(event, ...args);
  }
}

/** A window's webContents: an id, what it was sent, and its 'destroyed' event. */
class FakeContents extends EventEmitter {
  readonly sent: unknown[] = [];
  destroyed = false;
  constructor(readonly id: number) {
    super();
  }
  isDestroyed(): boolean {
    return this.destroyed;
  }
  send(_channel: string, message: unknown): void {
    this.sent.push(message);
  }
  destroy(): void {
    this.destroyed = true;
    this.emit('destroyed');
  }
}

/** The core as the relay sees it: records what reached it; calls wait until the test settles them. */
class RecordingConnection implements CoreConnection {
  readonly calls: { name: unknown; signal: AbortSignal | undefined; settle: (result: Result<unknown>) => void }[] = [];
  readonly subscribed: { subscription: string; listener: StreamListener }[] = [];
  readonly unsubscribed: string[] = [];
  call(name: unknown, _input: unknown, signal?: AbortSignal): Promise<Result<unknown>> {
    return new Promise((settle) => this.calls.push({ name, signal, settle }));
  }
  subscribe(_name: unknown, _input: unknown, listener: StreamListener): Promise<Result<{ subscription: string }>> {
    const subscription = `s${this.subscribed.length + 1}`;
    this.subscribed.push({ subscription, listener });
    return Promise.resolve(ok({ subscription }));
  }
  resume(): Promise<Result<void>> {
    return Promise.resolve(ok(undefined));
  }
  detach(): void {}
  unsubscribe(subscription: string): void {
    this.unsubscribed.push(subscription);
  }
  close(): Promise<void> {
    return Promise.resolve();
  }
}

const forbidden = { ok: false, error: { code: 'FORBIDDEN_SENDER' } };

describe('IPC relay', () => {
  let ipc: FakeIpcMain;
  let core: RecordingConnection;
  let ours: FakeContents;
  let trustedContents: FakeContents | null;
  /** A call from our window showing our page. */
  let fromUs: FakeEvent;

  beforeEach(() => {
    ipc = new FakeIpcMain();
    core = new RecordingConnection();
    ours = new FakeContents(1);
    trustedContents = ours;
    fromUs = { sender: ours, senderFrame: { url: `${APP_URL}#/history` } };
    registerIpc(ipc as unknown as IpcMain, core, () => ({
      contents: trustedContents as unknown as WebContents | null,
      appUrl: APP_URL
    }));
  });

  const untrusted: [string, () => FakeEvent][] = [
    ['another webContents showing our page', () => ({ sender: new FakeContents(2), senderFrame: { url: APP_URL } })],
    ['our webContents, navigated to another site', () => ({ sender: ours, senderFrame: { url: 'https://evil.example/' } })],
    ['our webContents, another file', () => ({ sender: ours, senderFrame: { url: 'file:///tmp/page.html' } })],
    ['our webContents, a frame already gone', () => ({ sender: ours, senderFrame: null })]
  ];

  it('relays a call from our window to the core, with a signal the window can fire', async () => {
    const reply = ipc.invoke(TRANSPORT.ipcCall, fromUs, 'services.list', {}, 7);
    await Promise.resolve();
    expect(core.calls.map((call) => call.name)).toEqual(['services.list']);
    ipc.send(TRANSPORT.ipcCancel, fromUs, 7);
    expect(core.calls[0]?.signal?.aborted).toBe(true);
    core.calls[0]?.settle(ok(['api']));
    await expect(reply).resolves.toEqual({ ok: true, value: ['api'] });
  });

  it.each(untrusted)('refuses a call from %s, and the core never hears of it', async (_label, event) => {
    await expect(ipc.invoke(TRANSPORT.ipcCall, event(), 'services.list', {}, 1)).resolves.toMatchObject(forbidden);
    await expect(ipc.invoke(TRANSPORT.ipcSubscribe, event(), 'workspace.changes', {})).resolves.toMatchObject(forbidden);
    expect(core.calls).toEqual([]);
    expect(core.subscribed).toEqual([]);
  });

  it('refuses every call once the window is gone', async () => {
    trustedContents = null;
    await expect(ipc.invoke(TRANSPORT.ipcCall, fromUs, 'services.list', {}, 1)).resolves.toMatchObject(forbidden);
    expect(core.calls).toEqual([]);
  });

  it.each(untrusted)('ignores cancel and unsubscribe from %s', async (_label, event) => {
    void ipc.invoke(TRANSPORT.ipcCall, fromUs, 'services.list', {}, 1);
    await Promise.resolve();
    const { value } = (await ipc.invoke(TRANSPORT.ipcSubscribe, fromUs, 'workspace.changes', {})) as { value: { subscription: string } };

    ipc.send(TRANSPORT.ipcCancel, event(), 1);
    ipc.send(TRANSPORT.ipcUnsubscribe, event(), value.subscription);

    expect(core.calls[0]?.signal?.aborted).toBe(false);
    expect(core.unsubscribed).toEqual([]);
  });

  it('lets a window end only its own streams', async () => {
    await ipc.invoke(TRANSPORT.ipcSubscribe, fromUs, 'workspace.changes', {});
    ipc.send(TRANSPORT.ipcUnsubscribe, fromUs, 'someone-elses');
    ipc.send(TRANSPORT.ipcUnsubscribe, fromUs, 42);
    expect(core.unsubscribed).toEqual([]);
    ipc.send(TRANSPORT.ipcUnsubscribe, fromUs, 's1');
    expect(core.unsubscribed).toEqual(['s1']);
  });

  it("forwards a stream's messages to its window, and ends the window's streams when it is destroyed", async () => {
    await ipc.invoke(TRANSPORT.ipcSubscribe, fromUs, 'workspace.changes', {});
    await ipc.invoke(TRANSPORT.ipcSubscribe, fromUs, 'history.log', {});
    const batch: StreamMessage = { type: 'batch', subscription: 's1', seq: 1, items: ['a'] };
    core.subscribed[0]?.listener(batch);
    expect(ours.sent).toEqual([batch]);

    ours.destroy();

    expect(core.unsubscribed.sort()).toEqual(['s1', 's2']);
    core.subscribed[1]?.listener({ type: 'batch', subscription: 's2', seq: 1, items: ['late'] });
    expect(ours.sent).toEqual([batch]);
  });

  it('forgets a stream that ended, so destroying the window does not end it twice', async () => {
    await ipc.invoke(TRANSPORT.ipcSubscribe, fromUs, 'workspace.changes', {});
    core.subscribed[0]?.listener({ type: 'end', subscription: 's1' });
    ours.destroy();
    expect(core.unsubscribed).toEqual([]);
  });
});
