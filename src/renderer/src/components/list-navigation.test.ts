import { describe, expect, it } from 'vitest';
import { isNearEnd, nextIndexForKey, rowsPerPage } from './list-navigation';

describe('isNearEnd', () => {
  it('is true within the threshold', () => {
    expect(isNearEnd(179, 200, 30)).toBe(true);
    expect(isNearEnd(169, 200, 30)).toBe(true);
    expect(isNearEnd(159, 200, 30)).toBe(false);
  });
  it('is true for an empty list', () => {
    expect(isNearEnd(-1, 0, 30)).toBe(true);
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
