import { fail, ok, type AppErrorData, type Result } from '../shared/result';
import { toErrorData } from './api/error-data';
import type { StreamMessage } from '../shared/stream-protocol';
import type { CoreConnection } from './api/connection';
import type { StreamListener } from './api/stream-server';
import type { Channel, CipherOp, FromCore, ToCore } from './core-protocol';

export interface CoreClientOptions {
  /**
   * Encrypts or decrypts a registry secret for the core (Electron's safeStorage, which exists only in the
   * main process). Rejects with an AppError saying why it could not. Without it, such requests fail.
   */
  readonly onCipherRequest?: (op: CipherOp, data: string) => Promise<string>;
}

export interface CoreClient extends CoreConnection {
  /** Resolves when the core is ready; rejects with what stopped it (e.g. the store cannot be opened). */
  readonly ready: Promise<void>;
  /** The core process ended: every pending call fails and every stream ends, with this reason. */
  lost(reason: AppErrorData): void;
}

const coreGone = (reason: string): AppErrorData => ({
  code: 'INTERNAL',
  message: `Shipdeck's core process ${reason}.`,
  hint: 'Restart Shipdeck; your records are safe in the release store.'
});

/**
 * The window's side of the core host: a CoreConnection whose calls and streams travel as messages to
 * the core process. Nothing here waits on the core's work; each call is a message and a promise.
 */
export function createCoreClient(channel: Channel<ToCore, FromCore>, options: CoreClientOptions = {}): CoreClient {
  let nextId = 1;
  const replies = new Map<number, (result: Result<unknown>) => void>();
  const listeners = new Map<string, StreamListener>();
  let gone: AppErrorData | null = null;
  let settleReady: { resolve: () => void; reject: (error: AppErrorData) => void } | null = null;
  const ready = new Promise<void>((resolve, reject) => (settleReady = { resolve, reject }));
  ready.catch(() => undefined);

  channel.onMessage((message) => {
    switch (message.kind) {
      case 'ready':
        settleReady?.resolve();
        return;
      case 'failed':
        settleReady?.reject(message.error);
        return;
      case 'reply': {
        const settle = replies.get(message.id);
        replies.delete(message.id);
        settle?.(message.result);
        return;
      }
      case 'stream':
        deliver(message.message);
        return;
      case 'cipher':
        void cipher(message.op, message.data).then((result) => {
          if (!gone) channel.send({ kind: 'cipher-reply', id: message.id, result });
        });
        return;
    }
  });

  async function cipher(op: CipherOp, data: string): Promise<Result<string>> {
    if (!options.onCipherRequest) {
      return fail({ code: 'INTERNAL', message: 'The core asked for a keychain this window does not offer.', hint: 'Restart Shipdeck.' });
    }
    try {
      return ok(await options.onCipherRequest(op, data));
    } catch (error) {
      return fail(toErrorData(error, `the keychain (${op})`));
    }
  }

  function deliver(message: StreamMessage): void {
    const listener = listeners.get(message.subscription);
    if (message.type === 'end') listeners.delete(message.subscription);
    listener?.(message);
  }

  function request<T>(build: (id: number) => ToCore): Promise<Result<T>> {
    if (gone) return Promise.resolve(fail(gone));
    const id = nextId++;
    return new Promise((resolve) => {
      replies.set(id, resolve as (result: Result<unknown>) => void);
      channel.send(build(id));
    });
  }

  return {
    ready,
    call(name, input, signal) {
      if (signal?.aborted) return Promise.resolve(fail({ code: 'CANCELLED', message: 'The call was cancelled.' }));
      let sentId = 0;
      const onAbort = () => channel.send({ kind: 'cancel', id: sentId });
      signal?.addEventListener('abort', onAbort, { once: true });
      return request((id) => {
        sentId = id;
        return { kind: 'call', id, name, input };
      }).finally(() => signal?.removeEventListener('abort', onAbort));
    },
    async subscribe(name, input, listener) {
      const result = await request<{ subscription: string }>((id) => ({ kind: 'subscribe', id, name, input }));
      if (result.ok) listeners.set(result.value.subscription, listener);
      return result;
    },
    async resume(subscription, afterSeq, listener) {
      // Listen first: the replayed items arrive before the reply does.
      listeners.set(subscription, listener);
      const result = await request<void>((id) => ({ kind: 'resume', id, subscription, afterSeq }));
      if (!result.ok) listeners.delete(subscription);
      return result;
    },
    detach(subscription) {
      listeners.delete(subscription);
      if (!gone) channel.send({ kind: 'detach', subscription });
    },
    unsubscribe(subscription) {
      listeners.delete(subscription);
      if (!gone) channel.send({ kind: 'unsubscribe', subscription });
    },
    async close() {
      if (gone) return;
      await request((id) => ({ kind: 'close', id }));
    },
    lost(reason) {
      if (gone) return;
      gone = reason;
      settleReady?.reject(reason);
      for (const settle of replies.values()) settle(fail(reason));
      replies.clear();
      for (const [subscription, listener] of listeners) listener({ type: 'end', subscription, error: reason });
      listeners.clear();
    }
  };
}

export { coreGone };
