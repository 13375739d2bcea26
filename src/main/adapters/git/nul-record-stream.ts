import { StringDecoder } from 'node:string_decoder';

/**
 * The incremental twin of readNulRecords: takes git's output in chunks as they arrive and hands over
 * each record of `fieldCount` NUL-terminated fields as soon as its last field is complete. UTF-8
 * characters split between chunks are kept whole (StringDecoder); a record cut by a chunk boundary waits
 * for the next chunk.
 */
export class NulRecordStream {
  private readonly decoder = new StringDecoder('utf8');
  private pending = '';

  constructor(
    private readonly fieldCount: number,
    private readonly onRecord: (fields: string[]) => void
  ) {}

  write(chunk: Buffer): void {
    const text = this.pending + this.decoder.write(chunk);
    let start = 0;
    for (;;) {
      // A newline before a record (log puts one between -z records) is never part of its first field.
      if (text.charCodeAt(start) === 10) start++;
      const fields: string[] = [];
      let position = start;
      while (fields.length < this.fieldCount) {
        const end = text.indexOf('\0', position);
        if (end < 0) break;
        fields.push(text.slice(position, end));
        position = end + 1;
      }
      if (fields.length < this.fieldCount) break;
      this.onRecord(fields);
      start = position;
    }
    this.pending = text.slice(start);
  }

  /** True when the output ended between records (anything else means it was cut short). */
  end(): boolean {
    const rest = this.pending + this.decoder.end();
    this.pending = '';
    return rest === '' || rest === '\n';
  }
}
