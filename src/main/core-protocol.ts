/**
 * Messages between the window's process (or a test) and the core host process. Plain data only: they
 * cross a process boundary (utilityProcess in Electron, child_process.fork in tests).
 */
import type { AppErrorData, Result } from '../shared/result';
import type { StreamMessage } from '../shared/stream-protocol';
import type { CoreOptions } from './core';

export type ToCore =
  | { readonly kind: 'call'; readonly id: number; readonly name: unknown; readonly input: unknown }
  | { readonly kind: 'cancel'; readonly id: number }
  | { readonly kind: 'subscribe'; readonly id: number; readonly name: unknown; readonly input: unknown }
  | { readonly kind: 'resume'; readonly id: number; readonly subscription: string; readonly afterSeq: number }
  | { readonly kind: 'detach'; readonly subscription: string }
  | { readonly kind: 'unsubscribe'; readonly subscription: string }
  | { readonly kind: 'close'; readonly id: number }
  /** The parent's answer to a `cipher` request: the encrypted or decrypted text, or why it failed. */
  | { readonly kind: 'cipher-reply'; readonly id: number; readonly result: Result<string> };

export type FromCore =
  /** The core opened its store and is ready, or could not start (the error says why and what to do). */
  | { readonly kind: 'ready' }
  | { readonly kind: 'failed'; readonly error: AppErrorData }
  | { readonly kind: 'reply'; readonly id: number; readonly result: Result<unknown> }
  | { readonly kind: 'stream'; readonly message: StreamMessage }
  /**
   * The core asks its parent to encrypt or decrypt a registry secret: Electron's safeStorage exists only
   * in the main process, not in the utilityProcess the core runs in. `data` is the secret (encrypt) or
   * the base64 the parent gave back earlier (decrypt). Only sent when the parent offered a keychain.
   */
  | { readonly kind: 'cipher'; readonly id: number; readonly op: CipherOp; readonly data: string };

export type CipherOp = 'encrypt' | 'decrypt';

/**
 * What the parent says about its keychain when it starts the core (in the host options): available
 * (the core then relays secrets to it), or not, with why (the core then falls back to the 0600 file
 * and its warning says why). Absent in browser mode, the CLI and plain forks: no parent keychain.
 */
export type KeychainOffer =
  | { readonly available: true; readonly cipher: string }
  | { readonly available: false; readonly reason: string };

/** The core's options plus what only the core host needs (they travel as JSON on the command line). */
export type CoreHostOptions = CoreOptions & { readonly keychain?: KeychainOffer | undefined };

/** A message channel to the other process, whatever carries it. */
export interface Channel<Out, In> {
  send(message: Out): void;
  onMessage(listener: (message: In) => void): void;
}
