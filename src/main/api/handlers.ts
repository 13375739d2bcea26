import type {
  CallName,
  CallOutput,
  StreamItem,
  StreamName,
  ValidInput,
  ValidStreamInput
} from '../../shared/contract';

/** What every handler gets besides its input: a signal that fires when the caller gives up. */
export interface CallContext {
  readonly signal: AbortSignal;
}

/** Where a stream handler puts its items; the stream server numbers, batches and delivers them. */
export interface StreamSink<Item> {
  push(item: Item): void;
}

export type CallHandler<N extends CallName> = (
  input: ValidInput<N>,
  context: CallContext
) => Promise<CallOutput<N>> | CallOutput<N>;

/**
 * Runs a stream until it has no more items (resolve) or fails (reject). It must stop promptly when
 * `context.signal` aborts (the subscriber left); a live feed simply waits for that signal.
 */
export type StreamHandler<N extends StreamName> = (
  input: ValidStreamInput<N>,
  sink: StreamSink<StreamItem<N>>,
  context: CallContext
) => Promise<void>;

export type CallHandlers<Names extends CallName> = { readonly [N in Names]: CallHandler<N> };
export type StreamHandlers<Names extends StreamName> = { readonly [N in Names]: StreamHandler<N> };

/** One feature's handlers: exactly the calls and streams its contract module declares. */
export interface FeatureHandlers<C extends CallName, S extends StreamName> {
  readonly calls: CallHandlers<C>;
  readonly streams: StreamHandlers<S>;
}

/** Every handler of the contract; core.ts composes it from the features' handlers. */
export type Handlers = FeatureHandlers<CallName, StreamName>;

/** The names a feature contract module declares. */
export type CallNamesOf<F extends { readonly calls: object }> = keyof F['calls'] & CallName;
export type StreamNamesOf<F extends { readonly streams: object }> = keyof F['streams'] & StreamName;
