import { describe, expect, it } from 'vitest';
import { isNearEnd, nextIndexForKey, rowsPerPage, scrollTopToReveal, visibleRange } from './virtual-range';

describe('visibleRange', () => {
  const base = { rowHeight: 30, viewportHeight: 300, itemCount: 50_000, overscan: 5 };

  it('renders the viewport plus overscan at the top', () => {
    expect(visibleRange({ ...base, scrollTop: 0 })).toEqual({ start: 0, end: 15 });
  });

  it('renders a window in the middle of a long list', () => {
    // rows 1000..1009 visible
    expect(visibleRange({ ...base, scrollTop: 30_000 })).toEqual({ start: 995, end: 1015 });
  });

  it('counts a partly visible row', () => {
    // scrollTop 15: rows 0 (half) .. 10 (half)
    expect(visibleRange({ ...base, overscan: 0, scrollTop: 15 })).toEqual({ start: 0, end: 11 });
  });

  it('clamps at the end and past it (overscroll)', () => {
    const atEnd = visibleRange({ ...base, scrollTop: 50_000 * 30 - 300 });
    expect(atEnd).toEqual({ start: 49_985, end: 50_000 });
    const past = visibleRange({ ...base, scrollTop: 10_000_000 });
    expect(past.end).toBe(50_000);
    expect(past.start).toBeLessThan(past.end);
  });

  it('handles fewer rows than fit, negative scroll and no rows', () => {
    expect(visibleRange({ ...base, itemCount: 3, scrollTop: 0 })).toEqual({ start: 0, end: 3 });
    expect(visibleRange({ ...base, scrollTop: -40 })).toEqual({ start: 0, end: 15 });
    expect(visibleRange({ ...base, itemCount: 0, scrollTop: 0 })).toEqual({ start: 0, end: 0 });
  });

  it('renders at least one row before the viewport is measured', () => {
    expect(visibleRange({ ...base, viewportHeight: 0, overscan: 0, scrollTop: 0 })).toEqual({ start: 0, end: 1 });
  });

  it('stays small however long the list is', () => {
    const range = visibleRange({ ...base, itemCount: 10_000_000, scrollTop: 123_456_789 });
    expect(range.end - range.start).toBeLessThanOrEqual(21);
  });
});

describe('scrollTopToReveal', () => {
  it('does nothing for a fully visible row', () => {
    expect(scrollTopToReveal(5, 30, 0, 300)).toBeNull();
  });
  it('scrolls up to a row above', () => {
    expect(scrollTopToReveal(2, 30, 300, 300)).toBe(60);
  });
  it('scrolls down just enough for a row below', () => {
    expect(scrollTopToReveal(10, 30, 0, 300)).toBe(30);
  });
  it('reveals a half-hidden row', () => {
    expect(scrollTopToReveal(0, 30, 15, 300)).toBe(0);
  });
});

describe('isNearEnd', () => {
  it('is true within the threshold', () => {
    expect(isNearEnd({ start: 150, end: 180 }, 200, 30)).toBe(true);
    expect(isNearEnd({ start: 100, end: 160 }, 200, 30)).toBe(false);
  });
  it('is true for an empty list', () => {
    expect(isNearEnd({ start: 0, end: 0 }, 0, 30)).toBe(true);
  });
});

describe('keyboard movement', () => {
  it('moves and clamps', () => {
    expect(nextIndexForKey('ArrowDown', 3, 10, 5)).toBe(4);
    expect(nextIndexForKey('ArrowDown', 9, 10, 5)).toBe(9);
    expect(nextIndexForKey('ArrowUp', 0, 10, 5)).toBe(0);
    expect(nextIndexForKey('PageDown', 7, 10, 5)).toBe(9);
    expect(nextIndexForKey('PageUp', 3, 10, 5)).toBe(0);
    expect(nextIndexForKey('Home', 7, 10, 5)).toBe(0);
    expect(nextIndexForKey('End', 0, 10, 5)).toBe(9);
  });
  it('starts from no selection', () => {
    expect(nextIndexForKey('ArrowDown', -1, 10, 5)).toBe(0);
    expect(nextIndexForKey('ArrowUp', -1, 10, 5)).toBe(9);
  });
  it('ignores other keys and empty lists', () => {
    expect(nextIndexForKey('a', 1, 10, 5)).toBeNull();
    expect(nextIndexForKey('ArrowDown', -1, 0, 5)).toBeNull();
  });
  it('pages by what fits', () => {
    expect(rowsPerPage(300, 30)).toBe(10);
    expect(rowsPerPage(0, 30)).toBe(1);
  });
});
