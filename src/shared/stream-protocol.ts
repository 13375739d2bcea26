/**
 * What a stream subscription delivers, on every transport. Items are numbered from 1 in the order the
 * core produced them; a batch carries the number of its first item, so a client that saw up to N can
 * resume from N + 1 without losing or repeating one.
 */
import type { AppErrorData } from './result';

export type StreamMessage =
  | { readonly type: 'batch'; readonly subscription: string; readonly seq: number; readonly items: readonly unknown[] }
  /** The stream is over: it ran out of items, failed (error), or was closed by the core. */
  | { readonly type: 'end'; readonly subscription: string; readonly error?: AppErrorData };

/** The last item number a batch carries. */
export const lastSeq = (message: { readonly seq: number; readonly items: readonly unknown[] }): number =>
  message.seq + message.items.length - 1;
