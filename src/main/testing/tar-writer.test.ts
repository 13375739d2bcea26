import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { writeTar } from './tar-writer';

describe('writeTar', () => {
  it('writes an archive the tar CLI reads back: folders, files with their modes, symlinks', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'shipdeck-tar-'));
    const archive = path.join(dir, 'rootfs.tar');
    fs.writeFileSync(
      archive,
      writeTar([
        { type: 'directory', name: 'bin' },
        { type: 'file', name: 'bin/tool', content: Buffer.from('#!/bin/sh\necho hi\n'), mode: 0o755 },
        { type: 'symlink', name: 'bin/alias', target: 'tool' }
      ])
    );
    const out = path.join(dir, 'out');
    fs.mkdirSync(out);
    execFileSync('tar', ['-xf', archive, '-C', out]);
    expect(fs.readFileSync(path.join(out, 'bin', 'tool'), 'utf8')).toBe('#!/bin/sh\necho hi\n');
    expect(fs.statSync(path.join(out, 'bin', 'tool')).mode & 0o777).toBe(0o755);
    expect(fs.readlinkSync(path.join(out, 'bin', 'alias'))).toBe('tool');
    fs.rmSync(dir, { recursive: true, force: true });
  });
});
