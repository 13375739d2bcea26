// A minimal ustar writer for the few entries a test root filesystem needs (folders, files, symlinks).
// Written here rather than pulled in: tar-stream is only a transitive dependency, and this is ~50 lines.

export type TarEntry =
  | { readonly type: 'directory'; readonly name: string; readonly mode?: number }
  | { readonly type: 'file'; readonly name: string; readonly content: Buffer; readonly mode?: number }
  | { readonly type: 'symlink'; readonly name: string; readonly target: string };

const BLOCK = 512;

function octal(value: number, width: number): string {
  return value.toString(8).padStart(width - 1, '0') + '\0';
}

function header(name: string, size: number, mode: number, typeflag: string, linkname = ''): Buffer {
  if (Buffer.byteLength(name) > 100 || Buffer.byteLength(linkname) > 100) throw new Error(`tar name too long: ${name}`);
  const block = Buffer.alloc(BLOCK, 0);
  block.write(name, 0, 100, 'utf8');
  block.write(octal(mode, 8), 100, 8, 'ascii');
  block.write(octal(0, 8), 108, 8, 'ascii');
  block.write(octal(0, 8), 116, 8, 'ascii');
  block.write(octal(size, 12), 124, 12, 'ascii');
  block.write(octal(Math.floor(Date.UTC(2024, 0, 1) / 1000), 12), 136, 12, 'ascii');
  block.write('        ', 148, 8, 'ascii');
  block.write(typeflag, 156, 1, 'ascii');
  block.write(linkname, 157, 100, 'utf8');
  block.write('ustar\0', 257, 6, 'ascii');
  block.write('00', 263, 2, 'ascii');
  block.write('root', 265, 32, 'ascii');
  block.write('root', 297, 32, 'ascii');
  let sum = 0;
  for (const byte of block) sum += byte;
  block.write(octal(sum, 7) + ' ', 148, 8, 'ascii');
  return block;
}

/** The bytes of an uncompressed tar archive holding `entries`, in order. */
export function writeTar(entries: readonly TarEntry[]): Buffer {
  const parts: Buffer[] = [];
  for (const entry of entries) {
    if (entry.type === 'directory') parts.push(header(entry.name.replace(/\/?$/, '/'), 0, entry.mode ?? 0o755, '5'));
    else if (entry.type === 'symlink') parts.push(header(entry.name, 0, 0o777, '2', entry.target));
    else {
      parts.push(header(entry.name, entry.content.length, entry.mode ?? 0o644, '0'), entry.content);
      const padding = (BLOCK - (entry.content.length % BLOCK)) % BLOCK;
      if (padding > 0) parts.push(Buffer.alloc(padding, 0));
    }
  }
  parts.push(Buffer.alloc(BLOCK * 2, 0));
  return Buffer.concat(parts);
}
