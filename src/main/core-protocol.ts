/**
 * Messages between the window's process (or a test) and the core host process. Plain data only: they
 * cross a process boundary (utilityProcess in Electron, child_process.fork in tests).
 */
import type { AppErrorData, Result } from '../shared/result';
import type { StreamMessage } from '../shared/stream-protocol';

export type ToCore =
  | { readonly kind: 'call'; readonly id: number; readonly name: unknown; readonly input: unknown }
  | { readonly kind: 'cancel'; readonly id: number }
  | { readonly kind: 'subscribe'; readonly id: number; readonly name: unknown; readonly input: unknown }
  | { readonly kind: 'resume'; readonly id: number; readonly subscription: string; readonly afterSeq: number }
  | { readonly kind: 'detach'; readonly subscription: string }
  | { readonly kind: 'unsubscribe'; readonly subscription: string }
  | { readonly kind: 'close'; readonly id: number };

export type FromCore =
  /** The core opened its store and is ready, or could not start (the error says why and what to do). */
  | { readonly kind: 'ready' }
  | { readonly kind: 'failed'; readonly error: AppErrorData }
  | { readonly kind: 'reply'; readonly id: number; readonly result: Result<unknown> }
  | { readonly kind: 'stream'; readonly message: StreamMessage };

/** A message channel to the other process, whatever carries it. */
export interface Channel<Out, In> {
  send(message: Out): void;
  onMessage(listener: (message: In) => void): void;
}
