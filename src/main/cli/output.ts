/**
 * Where commands write. A closed pipe (`shipdeck history … | head -1`) is not an error: once stdout or
 * stderr says EPIPE, nothing more is written and `onClosed` runs (the CLI stops its work and exits 0).
 */
export class Output {
  private closed = false;

  constructor(private readonly onClosed: () => void) {
    for (const stream of [process.stdout, process.stderr]) {
      stream.on('error', (error: NodeJS.ErrnoException) => {
        if (error.code !== 'EPIPE') throw error;
        if (this.closed) return;
        this.closed = true;
        this.onClosed();
      });
    }
  }

  /** Writes to stdout as is (callers add the newlines). */
  write(text: string): void {
    if (!this.closed && text !== '') process.stdout.write(text);
  }

  /** Writes text and a final newline to stdout; returns exit code 0 for convenience. */
  line(text: string): number {
    this.write(text.endsWith('\n') ? text : `${text}\n`);
    return 0;
  }

  /** A note for the person (truncated output, a shallow clone): stderr, so scripts reading stdout see only data. */
  note(text: string): void {
    if (!this.closed) process.stderr.write(`shipdeck: ${text}\n`);
  }
}
