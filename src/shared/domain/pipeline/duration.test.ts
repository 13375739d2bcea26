import { describe, expect, it } from 'vitest';
import { formatDuration, parseDuration } from './duration';

describe('durations', () => {
  it('reads seconds, minutes, hours and their combinations', () => {
    expect(parseDuration('90s')).toBe(90_000);
    expect(parseDuration('10m')).toBe(600_000);
    expect(parseDuration('1h')).toBe(3_600_000);
    expect(parseDuration('1h30m')).toBe(5_400_000);
    expect(parseDuration('2m5s')).toBe(125_000);
  });

  it('refuses anything else', () => {
    for (const text of ['', '10', '10 m', '1d', 'm', '1s1h', '-5s', '1.5h']) expect(parseDuration(text)).toBeNull();
  });

  it('formats back to the same text', () => {
    for (const text of ['90s', '10m', '1h', '1h30m', '2m5s']) expect(formatDuration(parseDuration(text) ?? 0)).toBe(text === '90s' ? '1m30s' : text);
  });
});
