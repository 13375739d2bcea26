import { useVirtualizer } from '@tanstack/react-virtual';
import { Fragment, useEffect, useLayoutEffect, useRef, type KeyboardEvent, type ReactNode } from 'react';
import { cx } from './cx';
import { nextIndexForKey, rowsPerPage } from './list-navigation';
import styles from './virtual-list.module.css';

export interface VirtualListProps {
  readonly itemCount: number;
  /** Every row is exactly this tall (the row's CSS must agree). */
  readonly rowHeight: number;
  /** Renders row `index`; the element should carry role="option" and aria-selected. */
  readonly renderRow: (index: number) => ReactNode;
  readonly rowKey: (index: number) => string | number;
  /** Accessible name of the listbox. */
  readonly label: string;
  readonly selectedIndex: number;
  readonly onSelect: (index: number) => void;
  /** Enter on the selected row. */
  readonly onActivate?: (index: number) => void;
  /** Called with the index of the last rendered row when it changes, e.g. to fetch the next page. */
  readonly onLastRenderedChange?: ((index: number) => void) | undefined;
  /** The id of the selected row's element, for aria-activedescendant. */
  readonly activeDescendant?: string | undefined;
  /** When this changes the list scrolls back to the top (a new query, not more of the same). */
  readonly resetKey?: string;
  /** The rows are the previous answer while a new one loads: dimmed. */
  readonly stale?: boolean;
  readonly overscan?: number;
  readonly className?: string | undefined;
  readonly testId?: string;
}

/**
 * A list that renders only the rows in view (TanStack Virtual), so tens of thousands of rows scroll as
 * smoothly as ten. It is one focusable listbox: ↑/↓, Page Up/Down, Home/End move the selection, Enter
 * activates it.
 */
export function VirtualList({
  itemCount,
  rowHeight,
  renderRow,
  rowKey,
  label,
  selectedIndex,
  onSelect,
  onActivate,
  onLastRenderedChange,
  activeDescendant,
  resetKey,
  stale = false,
  overscan = 8,
  className,
  testId
}: VirtualListProps) {
  const viewport = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({
    count: itemCount,
    getScrollElement: () => viewport.current,
    estimateSize: () => rowHeight,
    getItemKey: rowKey,
    overscan,
    // Rows have one fixed height, so nothing needs a synchronous re-render while scrolling.
    useFlushSync: false
  });
  const items = virtualizer.getVirtualItems();
  const lastRendered = items[items.length - 1]?.index ?? -1;

  useEffect(() => {
    onLastRenderedChange?.(lastRendered);
  }, [lastRendered, itemCount, onLastRenderedChange]);

  useLayoutEffect(() => {
    virtualizer.scrollToOffset(0);
    // Only a new query scrolls back up.
  }, [resetKey]);

  useLayoutEffect(() => {
    if (selectedIndex >= 0 && selectedIndex < itemCount) virtualizer.scrollToIndex(selectedIndex, { align: 'auto' });
  }, [selectedIndex, itemCount, virtualizer]);

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    if (event.altKey || event.ctrlKey || event.metaKey) return;
    if (event.key === 'Enter') {
      if (selectedIndex >= 0 && selectedIndex < itemCount) {
        event.preventDefault();
        onActivate?.(selectedIndex);
      }
      return;
    }
    const pageSize = rowsPerPage(viewport.current?.clientHeight ?? 0, rowHeight);
    const next = nextIndexForKey(event.key, selectedIndex, itemCount, pageSize);
    if (next === null) return;
    event.preventDefault();
    onSelect(next);
  };

  return (
    <div
      ref={viewport}
      className={cx(styles.viewport, stale && styles.stale, className)}
      role="listbox"
      aria-label={label}
      aria-activedescendant={activeDescendant}
      tabIndex={0}
      onKeyDown={onKeyDown}
      data-testid={testId}
    >
      {/* Sizes and offsets go through React's style prop (the CSSOM), which the CSP's style-src 'self' allows. */}
      <div className={styles.spacer} role="presentation" style={{ height: virtualizer.getTotalSize() }}>
        <div className={styles.window} role="presentation" style={{ transform: `translateY(${items[0]?.start ?? 0}px)` }}>
          {items.map((item) => (
            <Fragment key={item.key}>{renderRow(item.index)}</Fragment>
          ))}
        </div>
      </div>
    </div>
  );
}
