import { describe, expect, it } from 'vitest';
import { cutMarker, LineSplitter, MAX_LINE_BYTES } from './line-splitter';

const split = (...chunks: (string | Buffer)[]) => {
  const splitter = new LineSplitter();
  const lines = chunks.flatMap((chunk) => splitter.push(typeof chunk === 'string' ? Buffer.from(chunk) : chunk));
  return [...lines, ...splitter.end()];
};

describe('LineSplitter', () => {
  it('splits on newlines across chunks and keeps an unterminated last line', () => {
    expect(split('one\ntw', 'o\nthr', 'ee')).toEqual(['one', 'two', 'three']);
    expect(split('a\r\nb\n\n')).toEqual(['a', 'b', '']);
  });

  it('keeps a multi-byte character split across chunks whole', () => {
    const bytes = Buffer.from('zoë 🚀\n');
    expect(split(bytes.subarray(0, 3), bytes.subarray(3, 6), bytes.subarray(6))).toEqual(['zoë 🚀']);
  });

  it('shows binary garbage as replacement characters', () => {
    expect(split(Buffer.from([0x61, 0xff, 0xfe, 0x62, 0x0a, 0xc3]))).toEqual(['a\uFFFD\uFFFDb', '\uFFFD']);
  });

  it('cuts a 10 MB line at 64 KiB with a marker, and goes on with the next line', () => {
    const huge = Buffer.alloc(10 * 1024 * 1024, 'x');
    const chunks = [];
    for (let at = 0; at < huge.length; at += 65_536) chunks.push(huge.subarray(at, at + 65_536));
    const lines = split(...chunks, '\nnext\n');
    expect(lines).toHaveLength(2);
    expect(lines[0]).toBe('x'.repeat(MAX_LINE_BYTES) + cutMarker(huge.length - MAX_LINE_BYTES));
    expect(lines[1]).toBe('next');
  });

  it('never cuts a character in two', () => {
    const line = Buffer.from('é'.repeat(MAX_LINE_BYTES)); // 2 bytes each
    const [first] = split(Buffer.concat([Buffer.from('a'), line, Buffer.from('\n')]));
    expect(first?.includes('\uFFFD')).toBe(false);
    expect(first?.startsWith('a' + 'é'.repeat((MAX_LINE_BYTES - 2) / 2))).toBe(true);
  });
});
