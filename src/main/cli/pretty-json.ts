/**
 * Writes a large object as `JSON.stringify(value, null, 2)` would, a piece at a time, so a range of
 * 50,000 commits is printed as it arrives instead of built whole. Only one array (`commits`) is
 * streamed; the other fields are written before and after it. The output is byte for byte what
 * JSON.stringify prints (a test holds it to that).
 */
const json = (value: unknown, indent: string): string => {
  if (typeof value === 'string') return JSON.stringify(value);
  if (Array.isArray(value) && value.every((entry) => typeof entry === 'string')) {
    if (value.length === 0) return '[]';
    const inner = `${indent}  `;
    return `[\n${inner}${value.map((entry: string) => JSON.stringify(entry)).join(`,\n${inner}`)}\n${indent}]`;
  }
  return (JSON.stringify(value, null, 2) ?? 'null').replace(/\n/g, `\n${indent}`);
};

const quotedKeys = new Map<string, string>();
const quotedKey = (key: string): string => {
  let quoted = quotedKeys.get(key);
  if (quoted === undefined) quotedKeys.set(key, (quoted = JSON.stringify(key)));
  return quoted;
};

/** `"key": value` lines of an object's fields at `indent`, as JSON.stringify lays them out. */
function fields(object: object, indent: string): string[] {
  return Object.entries(object)
    .filter(([, value]) => value !== undefined)
    .map(([key, value]) => `${indent}${JSON.stringify(key)}: ${json(value, indent)}`);
}

export class PrettyJsonArrayWriter {
  private count = 0;

  /** `head` holds the fields before the array, in order. */
  constructor(
    private readonly arrayKey: string,
    private readonly write: (text: string) => void
  ) {}

  start(head: object): void {
    const lines = fields(head, '  ');
    this.write(`{\n${lines.map((line) => `${line},\n`).join('')}  ${JSON.stringify(this.arrayKey)}: [`);
  }

  /** Appends objects to the array (one write per call; this is the hot loop of a large range). */
  items(values: readonly object[]): void {
    if (values.length === 0) return;
    let text = '';
    for (const value of values) {
      text += this.count++ === 0 ? '\n    {' : ',\n    {';
      let first = true;
      for (const key in value) {
        const field: unknown = (value as Record<string, unknown>)[key];
        if (field === undefined) continue;
        text += `${first ? '\n      ' : ',\n      '}${quotedKey(key)}: ${json(field, '      ')}`;
        first = false;
      }
      text += '\n    }';
    }
    this.write(text);
  }

  /** `tail` holds the fields after the array. */
  end(tail: object): void {
    const lines = fields(tail, '  ');
    this.write(`${this.count === 0 ? ']' : '\n  ]'}${lines.map((line) => `,\n${line}`).join('')}\n}\n`);
  }
}
