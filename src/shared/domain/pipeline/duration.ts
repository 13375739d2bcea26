/** Durations as a pipeline file writes them: `90s`, `10m`, `1h`, `1h30m`. */

const DURATION = /^(?:(\d+)h)?(?:(\d+)m)?(?:(\d+)s)?$/;

/** The longest timeout a stage may ask for; a longer one is almost always a typo (`600h` for `600s`). */
export const MAX_STAGE_TIMEOUT_MS = 24 * 60 * 60 * 1000;

/** Milliseconds, or null when the text is not a duration such as `90s`, `10m`, `1h` or `1h30m`. */
export function parseDuration(text: string): number | null {
  const match = DURATION.exec(text.trim());
  if (match === null || text.trim() === '') return null;
  const [, hours = '0', minutes = '0', seconds = '0'] = match;
  return ((Number(hours) * 60 + Number(minutes)) * 60 + Number(seconds)) * 1000;
}

/** `1h30m`, `10m`, `90s` → the shortest text that parseDuration reads back to the same value. */
export function formatDuration(ms: number): string {
  const total = Math.round(ms / 1000);
  const hours = Math.floor(total / 3600);
  const minutes = Math.floor((total % 3600) / 60);
  const seconds = total % 60;
  const text = `${hours ? `${hours}h` : ''}${minutes ? `${minutes}m` : ''}${seconds ? `${seconds}s` : ''}`;
  return text === '' ? '0s' : text;
}
