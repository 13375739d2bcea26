// The engine reports builds, pushes and pulls as a stream of JSON objects, one per line. This reads them
// one by one, and stops (destroying the HTTP response) when the signal aborts.
import { Readable } from 'node:stream';

/** The fields of the engine's progress messages that Shipdeck reads. */
export interface EngineMessage {
  readonly stream?: string;
  readonly status?: string;
  readonly id?: string;
  readonly progressDetail?: { readonly current?: number; readonly total?: number };
  readonly error?: string;
  readonly errorDetail?: { readonly message?: string };
  readonly aux?: { readonly ID?: string; readonly Digest?: string; readonly Tag?: string };
}

export class StreamCutOff extends Error {}

/** dockerode types its streams loosely (NodeJS.ReadableStream); they are HTTP responses, i.e. Readables. */
export function asReadable(stream: NodeJS.ReadableStream): Readable {
  if (stream instanceof Readable) return stream;
  throw new TypeError('The Docker engine answered with something that is not a stream.');
}

/**
 * Calls `onMessage` for each JSON object of `stream`; resolves at its end. Rejects with the signal's
 * abort, or with StreamCutOff when the connection broke before the engine ended the response.
 */
export function readEngineMessages(stream: Readable, onMessage: (message: EngineMessage) => void, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    let pending = '';
    let settled = false;
    const finish = (error?: Error): void => {
      if (settled) return;
      settled = true;
      signal?.removeEventListener('abort', onAbort);
      if (error === undefined) resolve();
      else reject(error);
    };
    const onAbort = (): void => {
      stream.destroy();
      finish(signal?.reason instanceof Error ? signal.reason : new DOMException('Aborted', 'AbortError'));
    };
    const deliver = (line: string): void => {
      const trimmed = line.trim();
      if (trimmed === '') return;
      let message: EngineMessage;
      try {
        message = JSON.parse(trimmed) as EngineMessage;
      } catch {
        // Not JSON (an old engine's plain text): keep it as output rather than dropping it.
        message = { stream: `${trimmed}\n` };
      }
      try {
        onMessage(message);
      } catch (error) {
        stream.destroy();
        finish(error instanceof Error ? error : new Error(String(error)));
      }
    };
    if (signal?.aborted === true) {
      onAbort();
      return;
    }
    signal?.addEventListener('abort', onAbort, { once: true });
    stream.setEncoding('utf8');
    stream.on('data', (chunk: string) => {
      pending += chunk;
      let newline = pending.indexOf('\n');
      while (newline !== -1 && !settled) {
        deliver(pending.slice(0, newline));
        pending = pending.slice(newline + 1);
        newline = pending.indexOf('\n');
      }
    });
    stream.on('end', () => {
      deliver(pending);
      finish();
    });
    stream.on('error', (error) => finish(new StreamCutOff(error.message)));
    stream.on('close', () => {
      if (!stream.readableEnded) finish(new StreamCutOff('the connection to the Docker engine closed early'));
    });
  });
}
