/**
 * Bytes of a process's output → text lines. Invalid UTF-8 becomes U+FFFD (the bytes are not
 * recoverable from a log line anyway), a trailing CR is dropped (CRLF output), and a line longer than
 * MAX_LINE_BYTES is cut there with a marker saying how many bytes were dropped: a 10 MB line would make
 * every later reader (index, stream, viewer) pay for one line nobody reads whole, and its bytes are never
 * held in memory here beyond the kept part.
 */

export const MAX_LINE_BYTES = 64 * 1024;

export const cutMarker = (droppedBytes: number): string =>
  ` … [line cut at ${MAX_LINE_BYTES / 1024} KiB: ${droppedBytes.toLocaleString('en')} more bytes not kept]`;

const NEWLINE = 0x0a;

/** Backs off from `end` to the start of a UTF-8 character, so a cut never splits one. */
function characterBoundary(buffer: Buffer, end: number, start: number): number {
  let at = end;
  while (at > start && at < buffer.length && ((buffer[at] as number) & 0xc0) === 0x80) at -= 1;
  return at;
}

export class LineSplitter {
  private parts: Buffer[] = [];
  private keptBytes = 0;
  private droppedBytes = 0;

  /** The lines completed by `chunk`. */
  push(chunk: Buffer): string[] {
    const lines: string[] = [];
    let start = 0;
    for (let newline = chunk.indexOf(NEWLINE, start); newline !== -1; newline = chunk.indexOf(NEWLINE, start)) {
      if (this.parts.length === 0 && this.droppedBytes === 0 && newline - start <= MAX_LINE_BYTES) {
        lines.push(finish(chunk.toString('utf8', start, newline), 0)); // fast path: the line sits in one chunk
      } else {
        this.keep(chunk, start, newline);
        lines.push(this.takeLine());
      }
      start = newline + 1;
    }
    if (start < chunk.length) this.keep(chunk, start, chunk.length);
    return lines;
  }

  /** The last line, when the output did not end with a newline. */
  end(): string[] {
    return this.parts.length > 0 || this.droppedBytes > 0 ? [this.takeLine()] : [];
  }

  private keep(chunk: Buffer, start: number, end: number): void {
    const room = MAX_LINE_BYTES - this.keptBytes;
    const keepEnd = end - start <= room ? end : characterBoundary(chunk, start + room, start);
    if (keepEnd > start) {
      this.parts.push(Buffer.from(chunk.subarray(start, keepEnd))); // a copy: the chunk's memory is reused
      this.keptBytes += keepEnd - start;
    }
    this.droppedBytes += end - keepEnd;
    if (keepEnd < end) this.keptBytes = MAX_LINE_BYTES; // nothing more fits once a cut happened
  }

  private takeLine(): string {
    const text = Buffer.concat(this.parts).toString('utf8');
    const line = finish(text, this.droppedBytes);
    this.parts = [];
    this.keptBytes = 0;
    this.droppedBytes = 0;
    return line;
  }
}

function finish(text: string, droppedBytes: number): string {
  const line = droppedBytes === 0 && text.endsWith('\r') ? text.slice(0, -1) : text;
  return droppedBytes > 0 ? line + cutMarker(droppedBytes) : line;
}
