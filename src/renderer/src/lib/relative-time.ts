/** Dates as people read them in a commit list: "3 days ago", with the exact time one hover away. */

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const WEEK = 7 * DAY;
const MONTH = 30.44 * DAY;
const YEAR = 365.25 * DAY;

function toMillis(value: string | number | Date): number {
  if (typeof value === 'number') return value;
  if (value instanceof Date) return value.getTime();
  return Date.parse(value);
}

/**
 * "just now", "5 minutes ago", "yesterday", "3 weeks ago", "2 years ago"; "in 5 minutes" for dates
 * slightly in the future (clock skew between machines is common in git history).
 */
export function formatRelativeTime(date: string | number | Date, now: string | number | Date): string {
  const then = toMillis(date);
  const current = toMillis(now);
  if (!Number.isFinite(then) || !Number.isFinite(current)) return 'unknown date';
  const diff = current - then;
  const abs = Math.abs(diff);
  // A time a little ahead of this clock is the core's clock being a little ahead: still "just now".
  if (abs < 45 * SECOND || (diff < 0 && abs < 2 * MINUTE)) return 'just now';

  const phrase = (count: number, unit: string): string => {
    const n = Math.max(1, count);
    const text = `${n} ${unit}${n === 1 ? '' : 's'}`;
    return diff < 0 ? `in ${text}` : `${text} ago`;
  };

  if (abs < 45 * MINUTE) return phrase(Math.round(abs / MINUTE), 'minute');
  if (abs < 22 * HOUR) return phrase(Math.round(abs / HOUR), 'hour');
  if (abs < 36 * HOUR) return diff < 0 ? 'tomorrow' : 'yesterday';
  if (abs < WEEK) return phrase(Math.round(abs / DAY), 'day');
  if (abs < 4 * WEEK) return phrase(Math.floor(abs / WEEK), 'week');
  if (abs < YEAR) return phrase(Math.floor(abs / MONTH), 'month');
  return phrase(Math.floor(abs / YEAR), 'year');
}

const ISO = /^(\d{4}-\d{2}-\d{2})[T ](\d{2}:\d{2})(:\d{2})?(?:\.\d+)?(Z|[+-]\d{2}:?\d{2})?$/;

/**
 * The exact time in the zone it was recorded in ("2024-05-03 14:22:05 +02:00"): git keeps the author's
 * offset, and on-call engineers reason in it ("this landed at 2 a.m. their time").
 */
export function formatAbsoluteTime(iso: string): string {
  const match = ISO.exec(iso.trim());
  if (!match) return iso;
  const [, day, minutes, seconds = '', zone] = match;
  const offset =
    zone === undefined ? '' : zone === 'Z' ? ' UTC' : ` ${zone.includes(':') ? zone : `${zone.slice(0, 3)}:${zone.slice(3)}`}`;
  return `${day} ${minutes}${seconds}${offset}`;
}
