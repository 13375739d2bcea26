import { randomUUID } from 'node:crypto';
import { isStreamName, streams } from '../../shared/contract';
import { fail, ok, type Result } from '../../shared/result';
import type { StreamMessage } from '../../shared/stream-protocol';
import { invalidInput } from './dispatch';
import { toErrorData } from './error-data';
import type { Handlers } from './handlers';

export type StreamListener = (message: StreamMessage) => void;

export interface StreamServerOptions {
  /** Items produced within this window go out as one batch (keeps a fast log smooth). */
  readonly batchMs?: number;
  /** A batch never carries more than this many items. */
  readonly maxBatch?: number;
  /** How many recent items each subscription keeps for a client that reconnects. */
  readonly replayLimit?: number;
  /** How long a subscription whose client went away waits to be resumed before it is closed. */
  readonly detachedGraceMs?: number;
}

interface Subscription {
  readonly id: string;
  readonly controller: AbortController;
  listener: StreamListener | null;
  nextSeq: number;
  pending: unknown[];
  /** Items already sent, newest last, for resume; at most replayLimit. */
  readonly sent: { seq: number; item: unknown }[];
  flushTimer: ReturnType<typeof setTimeout> | null;
  graceTimer: ReturnType<typeof setTimeout> | null;
  ended: StreamMessage | null;
}

/**
 * Runs the contract's streams for any transport: validates the input, starts the handler with a
 * signal, numbers and batches what it pushes, keeps the recent items so a client that lost its
 * connection can resume, and aborts the work when the subscriber leaves.
 */
export class StreamServer {
  private readonly subscriptions = new Map<string, Subscription>();
  private readonly batchMs: number;
  private readonly maxBatch: number;
  private readonly replayLimit: number;
  private readonly graceMs: number;

  constructor(
    private readonly handlers: Handlers,
    options: StreamServerOptions = {}
  ) {
    this.batchMs = options.batchMs ?? 16;
    this.maxBatch = options.maxBatch ?? 500;
    this.replayLimit = options.replayLimit ?? 10_000;
    this.graceMs = options.detachedGraceMs ?? 30_000;
  }

  /** Starts a stream; messages go to `listener` until it ends or is unsubscribed. */
  subscribe(name: unknown, input: unknown, listener: StreamListener): Result<{ subscription: string }> {
    if (!isStreamName(name)) {
      return fail({
        code: 'UNKNOWN_STREAM',
        message: `"${String(name).slice(0, 80)}" is not a Shipdeck stream.`,
        hint: 'The app and its backend may be from different versions: restart Shipdeck.'
      });
    }
    const parsed = streams[name].input.safeParse(input ?? {});
    if (!parsed.success) return fail(invalidInput(parsed.error.issues));

    const subscription: Subscription = {
      id: randomUUID(),
      controller: new AbortController(),
      listener,
      nextSeq: 1,
      pending: [],
      sent: [],
      flushTimer: null,
      graceTimer: null,
      ended: null
    };
    this.subscriptions.set(subscription.id, subscription);
    const handler = this.handlers.streams[name] as (
      input: unknown,
      sink: { push(item: unknown): void },
      context: { signal: AbortSignal }
    ) => Promise<void>;
    const { signal } = subscription.controller;
    const sink = { push: (item: unknown) => this.push(subscription, item) };
    // Started after the caller has had its answer (a macrotask later), so on every transport the
    // subscription id reaches the client before the stream's first message does.
    setImmediate(() => {
      if (signal.aborted) return;
      // A handler that throws before its first await ends its stream with the error, like a rejection.
      new Promise<void>((resolve) => resolve(handler(parsed.data, sink, { signal }))).then(
        () => this.end(subscription),
        (error: unknown) => this.end(subscription, signal.aborted ? undefined : toErrorData(error, name))
      );
    });
    return ok({ subscription: subscription.id });
  }

  /**
   * Re-attaches a client that lost its connection: replays every item after `afterSeq`, then goes on
   * live. Fails with STREAM_GAP when those items are no longer kept (the client must start over).
   */
  resume(id: string, afterSeq: number, listener: StreamListener): Result<void> {
    const subscription = this.subscriptions.get(id);
    if (!subscription) {
      return fail({ code: 'STREAM_GAP', message: 'That stream is over or was closed; subscribe again.' });
    }
    this.flush(subscription);
    const oldestKept = subscription.sent[0]?.seq ?? subscription.nextSeq;
    if (afterSeq + 1 < oldestKept) {
      return fail({
        code: 'STREAM_GAP',
        message: `Items ${afterSeq + 1}–${oldestKept - 1} of that stream are no longer kept; subscribe again.`
      });
    }
    if (subscription.graceTimer) clearTimeout(subscription.graceTimer);
    subscription.graceTimer = null;
    subscription.listener = listener;
    const missed = subscription.sent.filter((entry) => entry.seq > afterSeq);
    for (let i = 0; i < missed.length; i += this.maxBatch) {
      const chunk = missed.slice(i, i + this.maxBatch);
      listener({ type: 'batch', subscription: id, seq: chunk[0]!.seq, items: chunk.map((entry) => entry.item) });
    }
    if (subscription.ended) {
      listener(subscription.ended);
      this.forget(subscription);
    }
    return ok(undefined);
  }

  /** The client's connection dropped: keep the stream for a while so it can resume. */
  detach(id: string): void {
    const subscription = this.subscriptions.get(id);
    if (!subscription) return;
    subscription.listener = null;
    if (subscription.ended) return void this.forget(subscription);
    subscription.graceTimer ??= setTimeout(() => this.unsubscribe(id), this.graceMs);
  }

  /** The subscriber is done: stop the work and forget the stream. */
  unsubscribe(id: string): void {
    const subscription = this.subscriptions.get(id);
    if (!subscription) return;
    subscription.controller.abort();
    this.forget(subscription);
  }

  /** Ends every stream (the core is shutting down). */
  close(): void {
    for (const id of [...this.subscriptions.keys()]) this.unsubscribe(id);
  }

  get size(): number {
    return this.subscriptions.size;
  }

  private push(subscription: Subscription, item: unknown): void {
    if (subscription.ended || subscription.controller.signal.aborted) return;
    subscription.pending.push(item);
    if (subscription.pending.length >= this.maxBatch) this.flush(subscription);
    else subscription.flushTimer ??= setTimeout(() => this.flush(subscription), this.batchMs);
  }

  private flush(subscription: Subscription): void {
    if (subscription.flushTimer) clearTimeout(subscription.flushTimer);
    subscription.flushTimer = null;
    if (subscription.pending.length === 0) return;
    const items = subscription.pending;
    subscription.pending = [];
    const seq = subscription.nextSeq;
    subscription.nextSeq += items.length;
    items.forEach((item, index) => subscription.sent.push({ seq: seq + index, item }));
    if (subscription.sent.length > this.replayLimit) subscription.sent.splice(0, subscription.sent.length - this.replayLimit);
    subscription.listener?.({ type: 'batch', subscription: subscription.id, seq, items });
  }

  private end(subscription: Subscription, error?: ReturnType<typeof toErrorData>): void {
    if (subscription.ended || !this.subscriptions.has(subscription.id)) return;
    this.flush(subscription);
    subscription.ended = error
      ? { type: 'end', subscription: subscription.id, error }
      : { type: 'end', subscription: subscription.id };
    if (subscription.listener) {
      subscription.listener(subscription.ended);
      this.forget(subscription);
    }
    // Detached: kept (with its last items and its end) until it is resumed or its grace runs out.
  }

  private forget(subscription: Subscription): void {
    if (subscription.flushTimer) clearTimeout(subscription.flushTimer);
    if (subscription.graceTimer) clearTimeout(subscription.graceTimer);
    subscription.flushTimer = null;
    subscription.graceTimer = null;
    subscription.listener = null;
    this.subscriptions.delete(subscription.id);
  }
}

