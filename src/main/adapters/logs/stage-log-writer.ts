import { open, type FileHandle } from 'node:fs/promises';
import { AppError } from '../../../shared/result';
import type { LogLine } from '../../../shared/domain/pipeline/run-events';
import type { NewLogLine, StageLogWriter } from '../../ports/run-logs';
import { INDEX_ENTRY_BYTES, MAX_LOG_LINE_BYTES, writeIndexEntry, type StageLogFiles } from './log-format';

const cutMarker = (dropped: number) => ` … [line cut at 64 KiB: ${dropped.toLocaleString('en')} more bytes not kept]`;

/** One text → one or more stored lines: split on newlines, each cut to MAX_LOG_LINE_BYTES. */
function storedLines(line: NewLogLine): NewLogLine[] {
  return line.text.split('\n').map((text) => {
    const bytes = Buffer.byteLength(text);
    if (bytes <= MAX_LOG_LINE_BYTES) return { stream: line.stream, text };
    const kept = Buffer.from(text).subarray(0, MAX_LOG_LINE_BYTES).toString('utf8').replace(/\uFFFD$/, '');
    return { stream: line.stream, text: kept + cutMarker(bytes - Buffer.byteLength(kept)) };
  });
}

/** The common case (a short line without newlines, as the process adapter gives) costs no copy. */
const needsSplitting = (line: NewLogLine): boolean => line.text.length * 3 > MAX_LOG_LINE_BYTES || line.text.includes('\n');

function diskError(stage: string, error: unknown): AppError {
  const code = (error as NodeJS.ErrnoException).code;
  const why =
    code === 'ENOSPC' ? 'the disk is full' : code === 'EDQUOT' ? 'the disk quota is used up' : code === 'EROFS' ? 'the disk is read-only' : (error as Error).message;
  return new AppError(
    'STORE_FAILED',
    `The log of stage "${stage}" could not be written: ${why}${code ? ` (${code})` : ''}. The stage was stopped; the lines before this are kept.`,
    'Free some disk space in Shipdeck\'s data folder, then run the pipeline again.'
  );
}

async function writeAll(handle: FileHandle, buffer: Buffer, position: number): Promise<void> {
  let written = 0;
  while (written < buffer.length) {
    const { bytesWritten } = await handle.write(buffer, written, buffer.length - written, position + written);
    if (bytesWritten === 0) throw Object.assign(new Error('no bytes written'), { code: 'ENOSPC' });
    written += bytesWritten;
  }
}

/**
 * Appends to one stage's log. Batches are written in order (one at a time); each writes its data, then
 * its index entries. When either write fails, both files are cut back to where the batch began, so a
 * failed batch leaves no half line and no index entry pointing at missing data.
 */
export async function openStageLogWriter(files: StageLogFiles, stage: string): Promise<StageLogWriter> {
  let data: FileHandle | undefined;
  let index: FileHandle | undefined;
  try {
    data = await open(files.data, 'a+');
    index = await open(files.index, 'a+');
  } catch (error) {
    await data?.close();
    throw diskError(stage, error);
  }
  const dataFile = data;
  const indexFile = index;
  let dataSize = (await dataFile.stat()).size;
  const indexSize = (await indexFile.stat()).size;
  let lineCount = Math.floor(indexSize / INDEX_ENTRY_BYTES);
  if (indexSize % INDEX_ENTRY_BYTES !== 0) await indexFile.truncate(lineCount * INDEX_ENTRY_BYTES); // a torn entry from a crash
  let failed: AppError | null = null;

  interface Waiting {
    readonly lines: readonly NewLogLine[];
    readonly resolve: (lines: readonly LogLine[]) => void;
    readonly reject: (error: unknown) => void;
  }
  let waiting: Waiting[] = [];
  let flushing: Promise<void> | null = null;

  // Appends that arrive while a write is under way are written together by the next one: fewer,
  // larger writes when output comes faster than the disk takes it, one at a time otherwise.
  const flush = async (batches: readonly Waiting[]): Promise<void> => {
    if (failed) {
      for (const batch of batches) batch.reject(failed);
      return;
    }
    const lines: NewLogLine[] = [];
    for (const batch of batches) {
      for (const line of batch.lines) {
        if (needsSplitting(line)) lines.push(...storedLines(line));
        else lines.push(line);
      }
    }
    const texts = new Array<string>(lines.length);
    const entries = Buffer.allocUnsafe(lines.length * INDEX_ENTRY_BYTES);
    const numbered = new Array<LogLine>(lines.length);
    let offset = dataSize;
    for (let at = 0; at < lines.length; at++) {
      const line = lines[at] as NewLogLine;
      texts[at] = line.text;
      writeIndexEntry(entries, at * INDEX_ENTRY_BYTES, offset, line.stream);
      numbered[at] = { number: lineCount + at + 1, stream: line.stream, text: line.text };
      offset += Buffer.byteLength(line.text) + 1;
    }
    const bytes = Buffer.from(lines.length === 0 ? '' : `${texts.join('\n')}\n`, 'utf8');
    try {
      await writeAll(dataFile, bytes, dataSize);
      await writeAll(indexFile, entries, lineCount * INDEX_ENTRY_BYTES);
    } catch (error) {
      await dataFile.truncate(dataSize).catch(() => undefined);
      await indexFile.truncate(lineCount * INDEX_ENTRY_BYTES).catch(() => undefined);
      failed = diskError(stage, error);
      for (const batch of batches) batch.reject(failed);
      return;
    }
    dataSize += bytes.length;
    lineCount += lines.length;
    let from = 0;
    for (const batch of batches) {
      const count = batch.lines.reduce((sum, line) => sum + (needsSplitting(line) ? storedLines(line).length : 1), 0);
      batch.resolve(numbered.slice(from, from + count));
      from += count;
    }
  };

  const flushAll = async (): Promise<void> => {
    while (waiting.length > 0) {
      const batches = waiting;
      waiting = [];
      await flush(batches);
    }
    flushing = null; // in the same turn as the emptiness check: a later append starts a new round
  };

  return {
    append(lines) {
      if (failed) return Promise.reject(failed);
      if (lines.length === 0) return Promise.resolve([]);
      return new Promise<readonly LogLine[]>((resolve, reject) => {
        waiting.push({ lines, resolve, reject });
        flushing ??= flushAll();
      });
    },
    get lineCount() {
      return lineCount;
    },
    async close() {
      await flushing;
      await Promise.all([dataFile.close(), indexFile.close()]);
    }
  };
}
