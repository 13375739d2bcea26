import { afterEach, describe, expect, it, vi } from 'vitest';
import type { StreamMessage } from '../../shared/stream-protocol';
import type { Handlers } from './handlers';
import { StreamServer } from './stream-server';

/** A tasks.progress stream the test drives by hand: push(n) emits n items, finish() ends it. */
function manualStream() {
  const state = { sink: null as null | { push(item: unknown): void }, aborted: false, finish: () => undefined as void };
  const handlers = {
    calls: {},
    streams: {
      'tasks.progress': (_input: unknown, sink: { push(item: unknown): void }, { signal }: { signal: AbortSignal }) =>
        new Promise<void>((resolve) => {
          state.sink = sink;
          state.finish = resolve;
          signal.addEventListener('abort', () => {
            state.aborted = true;
            resolve();
          });
        })
    }
  } as unknown as Handlers;
  let next = 1;
  const push = (count: number) => {
    for (let i = 0; i < count; i++) state.sink?.push(next++);
  };
  return { handlers, state, push };
}

const started = () => new Promise((resolve) => setImmediate(resolve));

afterEach(() => vi.useRealTimers());

describe('stream server', () => {
  it('ends a stream whose handler throws before its first await with that error, and the process lives on', async () => {
    const handlers = {
      calls: {},
      streams: {
        'tasks.progress': () => {
          throw Object.assign(new Error('There is no service named "ghost".'), { code: 'NOT_FOUND' });
        }
      }
    } as unknown as Handlers;
    const server = new StreamServer(handlers);
    const messages: StreamMessage[] = [];
    server.subscribe('tasks.progress', {}, (message) => messages.push(message));
    await started();
    await new Promise((resolve) => setImmediate(resolve));
    expect(messages.at(-1)).toMatchObject({ type: 'end', error: { message: expect.stringContaining('no service named "ghost"') } });
    server.close();
  });

  it('batches what is pushed together, up to maxBatch items a batch, numbered from 1', async () => {
    const { handlers, push } = manualStream();
    const server = new StreamServer(handlers, { batchMs: 5, maxBatch: 4 });
    const messages: StreamMessage[] = [];
    server.subscribe('tasks.progress', {}, (message) => messages.push(message));
    await started();
    push(10);
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(messages.map((m) => (m.type === 'batch' ? [m.seq, m.items] : m.type))).toEqual([
      [1, [1, 2, 3, 4]],
      [5, [5, 6, 7, 8]],
      [9, [9, 10]]
    ]);
    server.close();
  });

  it('keeps a detached stream for its grace period, then stops its work', async () => {
    const { handlers, state, push } = manualStream();
    const server = new StreamServer(handlers, { batchMs: 1, detachedGraceMs: 40 });
    const first = server.subscribe('tasks.progress', {}, () => undefined);
    if (!first.ok) throw new Error('subscribe failed');
    await started();
    push(3);
    server.detach(first.value.subscription);
    push(2);
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(state.aborted).toBe(false);
    const resumed: StreamMessage[] = [];
    expect(server.resume(first.value.subscription, 3, (m) => resumed.push(m)).ok).toBe(true);
    expect(resumed).toEqual([{ type: 'batch', subscription: first.value.subscription, seq: 4, items: [4, 5] }]);

    server.detach(first.value.subscription);
    await new Promise((resolve) => setTimeout(resolve, 80));
    expect(state.aborted).toBe(true);
    expect(server.size).toBe(0);
    expect(server.resume(first.value.subscription, 5, () => undefined)).toMatchObject({ ok: false, error: { code: 'STREAM_GAP' } });
  });

  it('delivers the end of a stream that finished while its client was away, on resume', async () => {
    const { handlers, state, push } = manualStream();
    const server = new StreamServer(handlers, { batchMs: 1 });
    const sub = server.subscribe('tasks.progress', {}, () => undefined);
    if (!sub.ok) throw new Error('subscribe failed');
    await started();
    server.detach(sub.value.subscription);
    push(2);
    state.finish();
    await new Promise((resolve) => setTimeout(resolve, 10));
    const resumed: StreamMessage[] = [];
    server.resume(sub.value.subscription, 0, (m) => resumed.push(m));
    expect(resumed.map((m) => m.type)).toEqual(['batch', 'end']);
    expect(server.size).toBe(0);
  });

  it('refuses to resume from before the oldest item it kept', async () => {
    const { handlers, push } = manualStream();
    const server = new StreamServer(handlers, { batchMs: 1, replayLimit: 5 });
    const sub = server.subscribe('tasks.progress', {}, () => undefined);
    if (!sub.ok) throw new Error('subscribe failed');
    await started();
    push(12);
    server.detach(sub.value.subscription);
    expect(server.resume(sub.value.subscription, 2, () => undefined)).toMatchObject({
      ok: false,
      error: { code: 'STREAM_GAP', message: expect.stringContaining('3–7') }
    });
    expect(server.resume(sub.value.subscription, 7, () => undefined).ok).toBe(true);
    server.close();
  });
});
