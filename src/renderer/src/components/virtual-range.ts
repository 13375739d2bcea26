/** The arithmetic behind VirtualList: which rows to render, where to scroll, where keys move. */

export interface Range {
  /** First row to render. */
  readonly start: number;
  /** One past the last row to render. */
  readonly end: number;
}

export interface RangeInput {
  readonly scrollTop: number;
  readonly viewportHeight: number;
  readonly rowHeight: number;
  readonly itemCount: number;
  /** Extra rows rendered above and below the viewport so fast scrolling shows no gaps. */
  readonly overscan: number;
}

export const EMPTY_RANGE: Range = { start: 0, end: 0 };

export function visibleRange({ scrollTop, viewportHeight, rowHeight, itemCount, overscan }: RangeInput): Range {
  if (itemCount <= 0 || rowHeight <= 0) return EMPTY_RANGE;
  const top = Math.max(0, scrollTop);
  const firstVisible = Math.min(itemCount - 1, Math.floor(top / rowHeight));
  const lastVisible = Math.min(itemCount - 1, Math.floor((top + Math.max(0, viewportHeight) - 1) / rowHeight));
  return {
    start: Math.max(0, firstVisible - overscan),
    end: Math.min(itemCount, Math.max(firstVisible, lastVisible) + 1 + overscan)
  };
}

export const sameRange = (a: Range, b: Range): boolean => a.start === b.start && a.end === b.end;

/**
 * The scrollTop that brings row `index` fully into view with the least movement, or null when it is
 * already fully visible.
 */
export function scrollTopToReveal(index: number, rowHeight: number, scrollTop: number, viewportHeight: number): number | null {
  const rowTop = index * rowHeight;
  const rowBottom = rowTop + rowHeight;
  if (rowTop < scrollTop) return rowTop;
  if (rowBottom > scrollTop + viewportHeight) return Math.max(0, rowBottom - viewportHeight);
  return null;
}

/** True when the rendered range comes within `threshold` rows of the end: time to fetch the next page. */
export const isNearEnd = (range: Range, itemCount: number, threshold: number): boolean =>
  itemCount === 0 || range.end >= itemCount - threshold;

/** Rows that fit in the viewport (at least 1): the step for Page Up / Page Down. */
export const rowsPerPage = (viewportHeight: number, rowHeight: number): number =>
  Math.max(1, Math.floor(viewportHeight / rowHeight));

/**
 * Where a navigation key moves the selection in a list of `count` rows, or null for keys that do not
 * move it. From "no selection" (-1), Down and Home go to the first row, Up and End to the last.
 */
export function nextIndexForKey(key: string, current: number, count: number, pageSize: number): number | null {
  if (count <= 0) return null;
  const last = count - 1;
  const clamp = (i: number) => Math.min(last, Math.max(0, i));
  switch (key) {
    case 'ArrowDown':
      return current < 0 ? 0 : clamp(current + 1);
    case 'ArrowUp':
      return current < 0 ? last : clamp(current - 1);
    case 'PageDown':
      return clamp((current < 0 ? 0 : current) + pageSize);
    case 'PageUp':
      return clamp((current < 0 ? 0 : current) - pageSize);
    case 'Home':
      return 0;
    case 'End':
      return last;
    default:
      return null;
  }
}
