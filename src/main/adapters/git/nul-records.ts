import { AppError } from '../../../shared/result';

/**
 * Reads git output made of NUL-terminated fields, in one pass. NUL is the only byte that cannot occur
 * inside a commit message, a name or a path, so framing by field count is exact even for subjects that
 * contain newlines, tabs or record separators. A newline before a record (for-each-ref ends each record
 * with one; log puts one before a diff) is skipped: the first field of a record never starts with one.
 */
export class NulFieldReader {
  private position = 0;

  constructor(private readonly output: string) {}

  /** Skips the newline between records; false at the end of the output. */
  nextRecord(): boolean {
    if (this.output.charCodeAt(this.position) === 10) this.position++;
    return this.position < this.output.length;
  }

  field(): string {
    const end = this.output.indexOf('\0', this.position);
    if (end < 0) throw new AppError('GIT_FAILED', 'Git printed output Shipdeck could not read (a record was cut short).');
    const value = this.output.slice(this.position, end);
    this.position = end + 1;
    return value;
  }

  /** What follows the fields read so far (e.g. the diff after a commit's header). */
  rest(): string {
    return this.output.slice(this.position);
  }
}

/** Splits output into records of `fieldCount` fields (at most `limit` records). */
export function readNulRecords(output: string, fieldCount: number, limit = Number.POSITIVE_INFINITY): string[][] {
  const reader = new NulFieldReader(output);
  const records: string[][] = [];
  while (records.length < limit && reader.nextRecord()) {
    const fields: string[] = [];
    for (let i = 0; i < fieldCount; i++) fields.push(reader.field());
    records.push(fields);
  }
  return records;
}

/** Reads one field of a record produced by readNulRecords (which always fills every field). */
export const field = (record: readonly string[], index: number): string => record[index] ?? '';
