import { describe, expect, it } from 'vitest';
import { parseAnsi } from './ansi';

describe('parseAnsi', () => {
  it('keeps plain text as one default segment', () => {
    expect(parseAnsi('hello')).toEqual([{ text: 'hello', colour: null, bold: false }]);
  });

  it('turns SGR colours, bright colours, bold and resets into segments', () => {
    expect(parseAnsi('a\u001b[31mred\u001b[0m b\u001b[1;92mbright\u001b[22m thin\u001b[39m plain')).toEqual([
      { text: 'a', colour: null, bold: false },
      { text: 'red', colour: 1, bold: false },
      { text: ' b', colour: null, bold: false },
      { text: 'bright', colour: 10, bold: true },
      { text: ' thin', colour: 10, bold: false },
      { text: ' plain', colour: null, bold: false }
    ]);
  });

  it('drops other escape sequences instead of showing them', () => {
    expect(parseAnsi('\u001b[2K\u001b[1Gprogress \u001b[?25lx\u001b[m')).toEqual([{ text: 'progress x', colour: null, bold: false }]);
    expect(parseAnsi('\u001b[38;5;208morange')).toEqual([{ text: 'orange', colour: null, bold: false }]);
  });
});
