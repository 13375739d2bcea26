import { describe, expect, it } from 'vitest';
import { formatAbsoluteTime, formatRelativeTime } from './relative-time';

const NOW = Date.parse('2025-06-15T12:00:00Z');
const ago = (ms: number) => new Date(NOW - ms).toISOString();
const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;

describe('formatRelativeTime', () => {
  it.each([
    [0, 'just now'],
    [30_000, 'just now'],
    [50_000, '1 minute ago'],
    [5 * MIN, '5 minutes ago'],
    [44 * MIN, '44 minutes ago'],
    [50 * MIN, '1 hour ago'],
    [3 * HOUR, '3 hours ago'],
    [23 * HOUR, 'yesterday'],
    [3 * DAY, '3 days ago'],
    [6 * DAY, '6 days ago'],
    [8 * DAY, '1 week ago'],
    [20 * DAY, '2 weeks ago'],
    [29 * DAY, '1 month ago'],
    [95 * DAY, '3 months ago'],
    [364 * DAY, '11 months ago'],
    [366 * DAY, '1 year ago'],
    [3 * 366 * DAY, '3 years ago']
  ])('%i ms before now reads "%s"', (ms, expected) => {
    expect(formatRelativeTime(ago(ms), NOW)).toBe(expected);
  });

  it('speaks of the future for clock skew', () => {
    expect(formatRelativeTime(new Date(NOW + 5 * MIN), NOW)).toBe('in 5 minutes');
    // The core's clock a little ahead of the window's: not "in 1 minute".
    expect(formatRelativeTime(new Date(NOW + 70_000), NOW)).toBe('just now');
    expect(formatRelativeTime(new Date(NOW + 2 * HOUR), NOW)).toBe('in 2 hours');
  });

  it('accepts offsets in the ISO string', () => {
    expect(formatRelativeTime('2025-06-15T11:00:00+00:00', NOW)).toBe('1 hour ago');
    expect(formatRelativeTime('2025-06-15T13:00:00+02:00', NOW)).toBe('1 hour ago');
  });

  it('does not throw on garbage', () => {
    expect(formatRelativeTime('not a date', NOW)).toBe('unknown date');
  });
});

describe('formatAbsoluteTime', () => {
  it('keeps the author offset', () => {
    expect(formatAbsoluteTime('2024-05-03T14:22:05+02:00')).toBe('2024-05-03 14:22:05 +02:00');
    expect(formatAbsoluteTime('2024-05-03T14:22:05-0700')).toBe('2024-05-03 14:22:05 -07:00');
  });
  it('names UTC', () => {
    expect(formatAbsoluteTime('2024-05-03T14:22:05.123Z')).toBe('2024-05-03 14:22:05 UTC');
  });
  it('passes through what it cannot read', () => {
    expect(formatAbsoluteTime('yesterday')).toBe('yesterday');
  });
});
