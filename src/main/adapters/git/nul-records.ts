import { AppError } from '../../../shared/result';

/**
 * Splits git output made of records of `fieldCount` NUL-terminated fields, in one pass. NUL is the only
 * byte that cannot occur inside a commit message, name or path, so framing by field count is exact even
 * for subjects that contain newlines, tabs or record separators. A newline between records (for-each-ref
 * adds one; log adds one before a diff) is skipped: the first field of a record never starts with one.
 */
export function readNulRecords(output: string, fieldCount: number, limit = Number.POSITIVE_INFINITY): string[][] {
  const records: string[][] = [];
  let position = 0;
  while (records.length < limit) {
    if (output.charCodeAt(position) === 10) position++;
    if (position >= output.length) break;
    const fields: string[] = new Array<string>(fieldCount);
    for (let i = 0; i < fieldCount; i++) {
      const end = output.indexOf('\0', position);
      if (end < 0) throw new AppError('GIT_FAILED', 'Git printed output Shipdeck could not read (a record was cut short).');
      fields[i] = output.slice(position, end);
      position = end + 1;
    }
    records.push(fields);
  }
  return records;
}

/** Reads one field of a record produced by readNulRecords (which always fills every field). */
export const field = (record: readonly string[], index: number): string => record[index] ?? '';
