/** Line and column of a place in a parsed YAML document, for error messages that point at the text. */
import { isMap, isScalar, isSeq, type Document, type LineCounter, type Node } from 'yaml';

export interface SourcePosition {
  /** 1-based. */
  readonly line: number;
  /** 1-based. */
  readonly column: number;
}

const rangeStart = (node: unknown): number | null => {
  const range = (node as Node | null)?.range;
  return range ? range[0] : null;
};

/**
 * The start of the node at `path` (map keys and sequence indexes). Where the path ends at a key whose
 * value is missing, the key; where `key` is given, the key of that entry in the map at `path` (for an
 * unknown key). Where the path leaves the document, the deepest node it reached.
 */
export function positionOf(doc: Document, lines: LineCounter, path: readonly PropertyKey[], key?: string): SourcePosition {
  let node: unknown = doc.contents;
  let offset = rangeStart(node) ?? 0;
  const segments: PropertyKey[] = key === undefined ? [...path] : [...path, key];
  for (const [index, segment] of segments.entries()) {
    if (isMap(node)) {
      const pair = node.items.find((item) => isScalar(item.key) && String(item.key.value) === String(segment));
      if (!pair) break;
      const lastIsKey = key !== undefined && index === segments.length - 1;
      const valueStart = rangeStart(pair.value);
      if (lastIsKey || valueStart === null) {
        offset = rangeStart(pair.key) ?? offset;
        break;
      }
      offset = valueStart;
      node = pair.value;
    } else if (isSeq(node) && typeof segment === 'number') {
      const item: unknown = node.items[segment];
      const start = rangeStart(item);
      if (start === null) break;
      offset = start;
      node = item;
    } else {
      break;
    }
  }
  const { line, col } = lines.linePos(offset);
  return { line, column: col };
}
