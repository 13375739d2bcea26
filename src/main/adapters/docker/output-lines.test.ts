import { describe, expect, it } from 'vitest';
import type { OutputLine } from '../../ports/containers';
import { MAX_LINE_BYTES, MultiplexedLines } from './output-lines';

function frame(type: 1 | 2, payload: Buffer | string): Buffer {
  const body = typeof payload === 'string' ? Buffer.from(payload) : payload;
  const header = Buffer.alloc(8);
  header[0] = type;
  header.writeUInt32BE(body.length, 4);
  return Buffer.concat([header, body]);
}

function collect(): { lines: OutputLine[]; splitter: MultiplexedLines } {
  const lines: OutputLine[] = [];
  return { lines, splitter: new MultiplexedLines((line) => lines.push(line)) };
}

describe('MultiplexedLines', () => {
  it('separates stdout and stderr and joins lines split across frames and chunks', () => {
    const { lines, splitter } = collect();
    const bytes = Buffer.concat([frame(1, 'hel'), frame(2, 'oops\r\n'), frame(1, 'lo\nwor'), frame(1, 'ld')]);
    // Cut the byte stream in awkward places, through headers and payloads.
    for (let at = 0; at < bytes.length; at += 5) splitter.push(bytes.subarray(at, at + 5));
    splitter.end();
    expect(lines).toEqual([
      { stream: 'stderr', text: 'oops' },
      { stream: 'stdout', text: 'hello' },
      { stream: 'stdout', text: 'world' }
    ]);
  });

  it('keeps a UTF-8 character split between frames whole, and marks invalid bytes', () => {
    const { lines, splitter } = collect();
    const euro = Buffer.from('€\n');
    splitter.push(Buffer.concat([frame(1, euro.subarray(0, 1)), frame(1, euro.subarray(1)), frame(1, Buffer.from([0xff, 0x0a]))]));
    expect(lines.map((line) => line.text)).toEqual(['€', '\uFFFD']);
  });

  it('cuts a huge line into bounded pieces', () => {
    const { lines, splitter } = collect();
    const huge = Buffer.alloc(MAX_LINE_BYTES * 2 + 10, 'x');
    for (let at = 0; at < huge.length; at += 65536) splitter.push(frame(1, huge.subarray(at, at + 65536)));
    splitter.end();
    expect(lines.map((line) => line.text.length)).toEqual([MAX_LINE_BYTES, MAX_LINE_BYTES, 10]);
  });
});
