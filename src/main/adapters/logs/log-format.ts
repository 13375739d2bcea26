/**
 * The on-disk format of one stage's log: `<stage>.log` holds the lines as UTF-8, each ended by "\n";
 * `<stage>.idx` holds one 8-byte entry per line — the line's byte offset in the .log (6 bytes, little
 * endian: logs up to 256 TiB) and its stream (1 byte) — so line n is found by reading entry n−1, without
 * scanning. The data is written before its index entries, so an index never points past the data.
 */
import path from 'node:path';
import { AppError } from '../../../shared/result';
import type { LogStream } from '../../../shared/domain/pipeline/run-events';

export const INDEX_ENTRY_BYTES = 8;
/** Longer lines are cut with a marker (the process adapter already cuts there; this guards other writers). */
export const MAX_LOG_LINE_BYTES = 64 * 1024;

const STREAM_CODES: Readonly<Record<LogStream, number>> = { stdout: 0, stderr: 1, system: 2 };
const STREAMS: readonly LogStream[] = ['stdout', 'stderr', 'system'];

export const streamCode = (stream: LogStream): number => STREAM_CODES[stream];
export const streamOf = (code: number): LogStream => STREAMS[code] ?? 'stdout';

export function writeIndexEntry(target: Buffer, at: number, offset: number, stream: LogStream): void {
  target.writeUInt32LE(offset % 0x1_0000_0000, at);
  target.writeUInt16LE(Math.floor(offset / 0x1_0000_0000), at + 4);
  target[at + 6] = streamCode(stream);
  target[at + 7] = 0;
}

export function readIndexEntry(source: Buffer, at: number): { readonly offset: number; readonly stream: LogStream } {
  return { offset: source.readUInt32LE(at) + source.readUInt16LE(at + 4) * 0x1_0000_0000, stream: streamOf(source[at + 6] ?? 0) };
}

const SAFE_NAME = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,127}$/;

export interface StageLogFiles {
  readonly data: string;
  readonly index: string;
}

/** `<root>/<runId>/<stage>.log|.idx`; refuses names that could reach outside the folder. */
export function stageLogFiles(root: string, runId: string, stage: string): StageLogFiles {
  for (const name of [runId, stage]) {
    if (!SAFE_NAME.test(name) || name.includes('..')) throw new AppError('INVALID_INPUT', `"${name}" cannot name a log: use letters, digits, ".", "_" and "-".`);
  }
  const folder = path.join(root, runId);
  return { data: path.join(folder, `${stage}.log`), index: path.join(folder, `${stage}.idx`) };
}
