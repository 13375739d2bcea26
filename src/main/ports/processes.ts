/**
 * Host processes for pipeline stages. A command runs with `sh -c` in its own process group, so a
 * cancel or a timeout stops it and everything it started (grandchildren included).
 */

export interface ProcessSpec {
  /** Shell text, run as `sh -c <command>`. */
  readonly command: string;
  /** Absolute folder; must exist. */
  readonly cwd: string;
  /** The whole environment of the process (nothing is inherited beyond it). */
  readonly env: Readonly<Record<string, string>>;
  /** Stop the process tree after this long and report `timed-out`. */
  readonly timeoutMs?: number;
  /** Between SIGTERM and SIGKILL of the process group; default 5 s. */
  readonly killGraceMs?: number;
}

export interface OutputLine {
  readonly stream: 'stdout' | 'stderr';
  /** Decoded as UTF-8, invalid bytes as U+FFFD; no line terminator; cut with a marker past 64 KiB. */
  readonly text: string;
}

/**
 * Receives output in batches, in order. When it returns a promise, reading pauses until it settles
 * (backpressure); when it rejects (a log that cannot be written), the process tree is stopped and
 * `run` rejects with that error.
 */
export type LineSink = (lines: readonly OutputLine[]) => void | Promise<void>;

export type ProcessOutcome =
  | { readonly kind: 'exited'; readonly exitCode: number }
  /** Ended by a signal it did not get from us. */
  | { readonly kind: 'signalled'; readonly signal: string }
  | { readonly kind: 'timed-out' }
  | { readonly kind: 'cancelled' };

export interface ProcessPort {
  /**
   * Runs the command to its end, streaming its lines. When the command's own process exits, whatever it
   * left running in its group is stopped too, so a stage never leaves processes behind. Rejects with an
   * AppError when the command cannot start, or when `onLines` rejects.
   */
  run(spec: ProcessSpec, onLines: LineSink, signal?: AbortSignal): Promise<ProcessOutcome>;
}
