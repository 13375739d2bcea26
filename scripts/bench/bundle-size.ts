import fs from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';

/** Raw and gzip bytes of the built renderer's scripts and styles. */
export function rendererBundleSize(rendererDir: string): { files: number; rawBytes: number; gzipBytes: number } {
  const assets = path.join(rendererDir, 'assets');
  let rawBytes = 0;
  let gzipBytes = 0;
  let files = 0;
  for (const name of fs.readdirSync(assets)) {
    if (!/\.(js|css)$/.test(name)) continue;
    const content = fs.readFileSync(path.join(assets, name));
    rawBytes += content.length;
    gzipBytes += gzipSync(content, { level: 9 }).length;
    files++;
  }
  return { files, rawBytes, gzipBytes };
}
