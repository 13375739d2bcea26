import { mkdir, open, stat, type FileHandle } from 'node:fs/promises';
import path from 'node:path';
import type { LogLine } from '../../../shared/domain/pipeline/run-events';
import type { LogCheckpoints, LogSearch, LogSearchResult, RunLogPort } from '../../ports/run-logs';
import { INDEX_ENTRY_BYTES, MAX_LOG_LINE_BYTES, readIndexEntry, stageLogFiles, type StageLogFiles } from './log-format';
import { openStageLogWriter } from './stage-log-writer';

const SEARCH_WINDOW_BYTES = 1024 * 1024;
const DEFAULT_SEARCH_LIMIT = 100;
const DEFAULT_SEARCH_MAX_BYTES = 64 * 1024 * 1024;

/** The folder under the data folder that holds every run's logs. */
export const runLogsFolder = (dataDir: string): string => path.join(dataDir, 'run-logs');

async function openIfExists(file: string): Promise<FileHandle | null> {
  return open(file, 'r').catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return null;
    throw error;
  });
}

async function readAt(handle: FileHandle, position: number, length: number): Promise<Buffer> {
  const buffer = Buffer.alloc(length);
  let filled = 0;
  while (filled < length) {
    const { bytesRead } = await handle.read(buffer, filled, length - filled, position + filled);
    if (bytesRead === 0) break;
    filled += bytesRead;
  }
  return buffer.subarray(0, filled);
}

/** Lines with an index entry whose data is on disk (a crash can leave data without entries, never the reverse). */
async function countLines(files: StageLogFiles): Promise<number> {
  const size = await stat(files.index).then((stats) => stats.size, () => 0);
  return Math.floor(size / INDEX_ENTRY_BYTES);
}

async function readLines(files: StageLogFiles, fromLine: number, count: number): Promise<readonly LogLine[]> {
  const total = await countLines(files);
  const first = Math.max(1, Math.floor(fromLine));
  const last = Math.min(total, first + Math.max(0, Math.floor(count)) - 1);
  if (last < first) return [];
  const [index, data] = await Promise.all([openIfExists(files.index), openIfExists(files.data)]);
  try {
    if (!index || !data) return [];
    // Entries first..last, plus the next one (if any) for where the last line ends.
    const entries = await readAt(index, (first - 1) * INDEX_ENTRY_BYTES, (last - first + 2) * INDEX_ENTRY_BYTES);
    const starts: { offset: number; stream: LogLine['stream'] }[] = [];
    for (let at = 0; at + INDEX_ENTRY_BYTES <= entries.length; at += INDEX_ENTRY_BYTES) starts.push(readIndexEntry(entries, at));
    const begin = starts[0]?.offset ?? 0;
    const end = last < total ? (starts[last - first + 1]?.offset ?? 0) : (await data.stat()).size;
    const bytes = await readAt(data, begin, end - begin);
    const lines: LogLine[] = [];
    for (let i = 0; i <= last - first; i++) {
      const entry = starts[i];
      if (!entry) break;
      // The last line read ends at its own newline: while a stage runs, the data of lines whose index
      // entries are not written yet already follows it (data is written before its index).
      const ownNewline = bytes.indexOf(0x0a, entry.offset - begin);
      const lineEnd = i < last - first ? (starts[i + 1]?.offset ?? end) : ownNewline >= 0 ? begin + ownNewline + 1 : end;
      lines.push({ number: first + i, stream: entry.stream, text: bytes.toString('utf8', entry.offset - begin, Math.max(entry.offset - begin, lineEnd - begin - 1)) });
    }
    return lines;
  } finally {
    await Promise.all([index?.close(), data?.close()]);
  }
}

/**
 * Scans forward from `fromLine` a window at a time (never the whole log in memory), lower-casing each
 * window once; stops at `limit` matches or after `maxBytes`, saying where to go on from.
 */
async function searchLines(files: StageLogFiles, search: LogSearch): Promise<LogSearchResult> {
  const needle = search.text.toLowerCase();
  const limit = search.limit ?? DEFAULT_SEARCH_LIMIT;
  const maxBytes = search.maxBytes ?? DEFAULT_SEARCH_MAX_BYTES;
  const total = await countLines(files);
  let line = Math.max(1, Math.floor(search.fromLine ?? 1));
  if (needle === '' || line > total) return { matches: [], continueFrom: null };
  const [index, data] = await Promise.all([openIfExists(files.index), openIfExists(files.data)]);
  const found: number[] = [];
  try {
    if (!index || !data) return { matches: [], continueFrom: null };
    const endOfData = (await data.stat()).size;
    let position = readIndexEntry(await readAt(index, (line - 1) * INDEX_ENTRY_BYTES, INDEX_ENTRY_BYTES), 0).offset;
    let scanned = 0;
    while (line <= total && found.length < limit && scanned < maxBytes) {
      const room = Math.max(Math.min(SEARCH_WINDOW_BYTES, maxBytes - scanned), MAX_LOG_LINE_BYTES * 2); // whole lines
      const window = await readAt(data, position, Math.min(room, endOfData - position));
      if (window.length === 0) break;
      const lastNewline = window.lastIndexOf(0x0a);
      // Lines are cut at 64 KiB (+ marker) and a window is larger, so a window ends on a whole line.
      const usable = lastNewline === -1 ? window.length : lastNewline + 1;
      const text = window.toString('utf8', 0, usable).toLowerCase();
      if (!text.includes(needle)) {
        for (let at = text.indexOf('\n'); at !== -1; at = text.indexOf('\n', at + 1)) line += 1;
      } else {
        for (const candidate of text.split('\n').slice(0, -1)) {
          if (line > total || found.length >= limit) break;
          if (candidate.includes(needle)) found.push(line);
          line += 1;
        }
      }
      position += usable;
      scanned += usable;
    }
  } finally {
    await Promise.all([index?.close(), data?.close()]);
  }
  const matches = (await Promise.all(found.map((number) => readLines(files, number, 1)))).flat();
  return { matches, continueFrom: line <= total ? line : null };
}

/** Reads the index a megabyte at a time and keeps the offset of every `every`th line. */
async function checkpointsOf(files: StageLogFiles, every: number): Promise<LogCheckpoints> {
  const lineCount = await countLines(files);
  const byteCount = await stat(files.data).then((stats) => stats.size, () => 0);
  const offsets: number[] = [];
  const index = await openIfExists(files.index);
  try {
    const chunkEntries = Math.max(every, Math.floor((1024 * 1024) / INDEX_ENTRY_BYTES / every) * every);
    for (let first = 0; index && first < lineCount; first += chunkEntries) {
      const entries = Math.min(chunkEntries, lineCount - first);
      const chunk = await readAt(index, first * INDEX_ENTRY_BYTES, entries * INDEX_ENTRY_BYTES);
      for (let at = 0; at < entries; at += every) offsets.push(readIndexEntry(chunk, at * INDEX_ENTRY_BYTES).offset);
    }
  } finally {
    await index?.close();
  }
  return { file: files.data, lineCount, byteCount, offsets };
}

/** Run logs in `<dataDir>/run-logs/<runId>/<stage>.log` with their `.idx` line index (see log-format.ts). */
export function createRunLogAdapter(dataDir: string): RunLogPort {
  const root = runLogsFolder(dataDir);
  return {
    async open(runId, stage) {
      const files = stageLogFiles(root, runId, stage);
      await mkdir(path.dirname(files.data), { recursive: true });
      return openStageLogWriter(files, stage);
    },
    lineCount: (runId, stage) => countLines(stageLogFiles(root, runId, stage)),
    checkpoints: (runId, stage, every) => checkpointsOf(stageLogFiles(root, runId, stage), Math.max(1, Math.floor(every))),
    read: (runId, stage, fromLine, count) => readLines(stageLogFiles(root, runId, stage), fromLine, count),
    search: (runId, stage, search) => searchLines(stageLogFiles(root, runId, stage), search)
  };
}
