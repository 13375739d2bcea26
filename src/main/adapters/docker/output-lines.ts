// A container's stdout and stderr come multiplexed in one stream (no TTY): frames of an 8-byte header —
// stream type, three zero bytes, a big-endian length — then the payload. This splits them back into
// lines per stream. Lines are cut into pieces at MAX_LINE_BYTES so a 10 MB line cannot eat memory.
import type { OutputLine, OutputStream } from '../../ports/containers';

export const MAX_LINE_BYTES = 1024 * 1024;
const HEADER_BYTES = 8;
const NEWLINE = 0x0a;

class LineSplitter {
  private parts: Buffer[] = [];
  private size = 0;

  constructor(
    private readonly stream: OutputStream,
    private readonly onLine: (line: OutputLine) => void
  ) {}

  push(chunk: Buffer): void {
    let start = 0;
    let newline = chunk.indexOf(NEWLINE, start);
    while (newline !== -1) {
      this.append(chunk.subarray(start, newline));
      this.emit();
      start = newline + 1;
      newline = chunk.indexOf(NEWLINE, start);
    }
    if (start < chunk.length) this.append(chunk.subarray(start));
  }

  end(): void {
    if (this.size > 0) this.emit();
  }

  private append(piece: Buffer): void {
    let rest = piece;
    while (this.size + rest.length > MAX_LINE_BYTES) {
      const room = MAX_LINE_BYTES - this.size;
      this.parts.push(rest.subarray(0, room));
      this.size += room;
      this.emit();
      rest = rest.subarray(room);
    }
    if (rest.length > 0) {
      // Copy: the frame buffer is reused by the socket.
      this.parts.push(Buffer.from(rest));
      this.size += rest.length;
    }
  }

  private emit(): void {
    const bytes = this.parts.length === 1 ? (this.parts[0] as Buffer) : Buffer.concat(this.parts, this.size);
    this.parts = [];
    this.size = 0;
    let text = bytes.toString('utf8');
    if (text.endsWith('\r')) text = text.slice(0, -1);
    this.onLine({ stream: this.stream, text });
  }
}

/** Feed it the attach stream's chunks; it calls `onLine` for each complete line of stdout or stderr. */
export class MultiplexedLines {
  private pending: Buffer = Buffer.alloc(0);
  private readonly stdout: LineSplitter;
  private readonly stderr: LineSplitter;

  constructor(onLine: (line: OutputLine) => void) {
    this.stdout = new LineSplitter('stdout', onLine);
    this.stderr = new LineSplitter('stderr', onLine);
  }

  push(chunk: Buffer): void {
    let buffer = this.pending.length === 0 ? chunk : Buffer.concat([this.pending, chunk]);
    while (buffer.length >= HEADER_BYTES) {
      const type = buffer[0];
      const length = buffer.readUInt32BE(4);
      if (buffer.length < HEADER_BYTES + length) break;
      const payload = buffer.subarray(HEADER_BYTES, HEADER_BYTES + length);
      (type === 2 ? this.stderr : this.stdout).push(payload);
      buffer = buffer.subarray(HEADER_BYTES + length);
    }
    this.pending = Buffer.from(buffer);
  }

  end(): void {
    this.stdout.end();
    this.stderr.end();
  }
}
