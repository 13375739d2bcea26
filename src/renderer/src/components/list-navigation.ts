/** The arithmetic of a keyboard-driven list: where keys move the selection, when to fetch more. */

/** True when the last rendered row comes within `threshold` rows of the end: time to fetch the next page. */
export const isNearEnd = (lastRendered: number, itemCount: number, threshold: number): boolean =>
  itemCount === 0 || lastRendered >= itemCount - 1 - threshold;

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
