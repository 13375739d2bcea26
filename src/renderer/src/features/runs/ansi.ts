/**
 * ANSI colour codes in log lines as styled segments: SGR 30–37 / 90–97 (foreground), 1 (bold), 0, 22
 * and 39 (resets). Every other escape sequence is dropped, never shown as raw bytes. Rendered as spans
 * with classes, so no log text is ever parsed as HTML.
 */
export interface AnsiSegment {
  readonly text: string;
  /** 0–7 normal, 8–15 bright; null for the default colour. */
  readonly colour: number | null;
  readonly bold: boolean;
}

// CSI sequences (ESC [ params final) and lone ESC + one character; matching ESC is the point here.
// eslint-disable-next-line no-control-regex
const ESCAPE = /\u001b\[([0-9;?]*)([@-~])|\u001b[@-Z\\-_]?/g;

export function parseAnsi(line: string): readonly AnsiSegment[] {
  if (!line.includes('\u001b')) return [{ text: line, colour: null, bold: false }];
  const segments: AnsiSegment[] = [];
  let colour: number | null = null;
  let bold = false;
  let at = 0;
  const pushText = (text: string) => {
    if (text === '') return;
    const last = segments.at(-1);
    if (last && last.colour === colour && last.bold === bold) segments[segments.length - 1] = { ...last, text: last.text + text };
    else segments.push({ text, colour, bold });
  };
  for (const match of line.matchAll(ESCAPE)) {
    pushText(line.slice(at, match.index));
    at = match.index + match[0].length;
    if (match[2] !== 'm') continue;
    const codes = (match[1] ?? '').split(';').map((code) => (code === '' ? 0 : Number(code)));
    for (const code of codes) {
      if (code === 0) {
        colour = null;
        bold = false;
      } else if (code === 1) bold = true;
      else if (code === 22) bold = false;
      else if (code === 39) colour = null;
      else if (code >= 30 && code <= 37) colour = code - 30;
      else if (code >= 90 && code <= 97) colour = code - 90 + 8;
    }
  }
  pushText(line.slice(at));
  return segments;
}
