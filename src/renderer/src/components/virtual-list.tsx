import {
  Fragment,
  useCallback,
  useEffect,
  useLayoutEffect,
  useRef,
  useState,
  type KeyboardEvent,
  type ReactNode
} from 'react';
import {
  EMPTY_RANGE,
  nextIndexForKey,
  rowsPerPage,
  sameRange,
  scrollTopToReveal,
  visibleRange,
  type Range
} from './virtual-range';

export interface VirtualListProps {
  readonly itemCount: number;
  /** Every row is exactly this tall (CSS must agree). */
  readonly rowHeight: number;
  /** Renders row `index`; the element should carry role="option" and aria-selected. */
  readonly renderRow: (index: number) => ReactNode;
  readonly rowKey?: (index: number) => string | number;
  /** Accessible name of the listbox. */
  readonly label: string;
  readonly selectedIndex: number;
  readonly onSelect: (index: number) => void;
  /** Enter on the selected row. */
  readonly onActivate?: (index: number) => void;
  /** Called when the rendered rows change, e.g. to fetch the next page near the end. */
  readonly onRangeChange?: (range: Range) => void;
  /** The id of the selected row's element, for aria-activedescendant. */
  readonly activeDescendant?: string | undefined;
  /** When this changes the list scrolls back to the top (a new query, not more of the same). */
  readonly resetKey?: string;
  readonly overscan?: number;
  readonly className?: string;
  readonly testId?: string;
}

/**
 * A list that renders only the rows in view, so tens of thousands of rows scroll as smoothly as ten.
 * It is one focusable listbox: ↑/↓, Page Up/Down, Home/End move the selection, Enter activates it.
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
  onRangeChange,
  activeDescendant,
  resetKey,
  overscan = 8,
  className,
  testId
}: VirtualListProps) {
  const viewport = useRef<HTMLDivElement>(null);
  const [viewportHeight, setViewportHeight] = useState(0);
  const [range, setRange] = useState<Range>(EMPTY_RANGE);

  const measure = useCallback(() => {
    const el = viewport.current;
    if (!el) return;
    const next = visibleRange({ scrollTop: el.scrollTop, viewportHeight: el.clientHeight, rowHeight, itemCount, overscan });
    // Only a change of rendered rows re-renders; most scroll events change nothing.
    setRange((prev) => (sameRange(prev, next) ? prev : next));
  }, [rowHeight, itemCount, overscan]);

  useLayoutEffect(() => {
    const el = viewport.current;
    if (!el) return;
    const observer = new ResizeObserver(() => {
      setViewportHeight(el.clientHeight);
      measure();
    });
    observer.observe(el);
    return () => observer.disconnect();
  }, [measure]);

  useLayoutEffect(measure, [measure]);

  useLayoutEffect(() => {
    const el = viewport.current;
    if (el && el.scrollTop !== 0) el.scrollTop = 0;
    measure();
    // Only a new query scrolls back up, so `measure` is deliberately not a dependency here.
  }, [resetKey]);

  useEffect(() => {
    onRangeChange?.(range);
  }, [range, itemCount, onRangeChange]);

  useLayoutEffect(() => {
    const el = viewport.current;
    if (!el || selectedIndex < 0 || selectedIndex >= itemCount) return;
    const target = scrollTopToReveal(selectedIndex, rowHeight, el.scrollTop, el.clientHeight);
    if (target !== null) el.scrollTop = target;
  }, [selectedIndex, rowHeight, itemCount]);

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    if (event.altKey || event.ctrlKey || event.metaKey) return;
    if (event.key === 'Enter') {
      if (selectedIndex >= 0 && selectedIndex < itemCount) {
        event.preventDefault();
        onActivate?.(selectedIndex);
      }
      return;
    }
    const next = nextIndexForKey(event.key, selectedIndex, itemCount, rowsPerPage(viewportHeight, rowHeight));
    if (next === null) return;
    event.preventDefault();
    onSelect(next);
  };

  const rows: ReactNode[] = [];
  for (let i = range.start; i < Math.min(range.end, itemCount); i++) {
    rows.push(<Fragment key={rowKey ? rowKey(i) : i}>{renderRow(i)}</Fragment>);
  }

  return (
    <div
      ref={viewport}
      className={className ? `vlist ${className}` : 'vlist'}
      role="listbox"
      aria-label={label}
      aria-activedescendant={activeDescendant}
      tabIndex={0}
      onScroll={measure}
      onKeyDown={onKeyDown}
      data-testid={testId}
    >
      <div className="vlist-spacer" role="presentation" style={{ height: itemCount * rowHeight }}>
        <div
          className="vlist-window"
          role="presentation"
          style={{ transform: `translateY(${range.start * rowHeight}px)` }}
        >
          {rows}
        </div>
      </div>
    </div>
  );
}
