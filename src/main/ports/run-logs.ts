/**
 * The logs of pipeline runs: one file per stage on disk, every line kept, any line readable by its
 * number without reading the ones before it, and searchable.
 */
import type { LogLine, LogStream } from '../../shared/domain/pipeline/run-events';

export interface NewLogLine {
  readonly stream: LogStream;
  readonly text: string;
}

export interface StageLogWriter {
  /**
   * Appends lines (a line longer than 64 KiB is cut, with a marker saying how much was cut; a text
   * holding newlines becomes several lines). Resolves with the lines as numbered on disk once written.
   * Rejects with an AppError when the disk refuses them (full, read-only); what was appended before stays
   * readable and nothing of the refused batch is indexed.
   */
  append(lines: readonly NewLogLine[]): Promise<readonly LogLine[]>;
  /** Lines written so far. */
  readonly lineCount: number;
  close(): Promise<void>;
}

export interface LogSearch {
  /** Plain text, matched without regard to case. */
  readonly text: string;
  /** 1-based; default 1. */
  readonly fromLine?: number;
  /** Most matches returned; default 100. */
  readonly limit?: number;
  /** Most bytes read by one search, so a search of a huge log answers quickly; default 64 MiB. */
  readonly maxBytes?: number;
}

export interface LogSearchResult {
  readonly matches: readonly LogLine[];
  /** The next line to search from, or null when the search reached the end of the log. */
  readonly continueFrom: number | null;
}

/** What the SQLite line index keeps of a finished stage's log. */
export interface LogCheckpoints {
  /** Absolute path of the log file. */
  readonly file: string;
  readonly lineCount: number;
  readonly byteCount: number;
  /** The byte offset of lines 1, every+1, 2·every+1, … */
  readonly offsets: readonly number[];
}

export interface RunLogPort {
  /** The log's size and the byte offset of every `every`th line, for the SQLite line index. */
  checkpoints(runId: string, stage: string, every: number): Promise<LogCheckpoints>;
  /** Opens a stage's log for appending (created when new). */
  open(runId: string, stage: string): Promise<StageLogWriter>;
  lineCount(runId: string, stage: string): Promise<number>;
  /** Up to `count` lines from line `fromLine` (1-based); fewer at the end of the log. */
  read(runId: string, stage: string, fromLine: number, count: number): Promise<readonly LogLine[]>;
  search(runId: string, stage: string, search: LogSearch): Promise<LogSearchResult>;
}
