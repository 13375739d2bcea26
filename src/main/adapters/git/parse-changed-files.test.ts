import { describe, expect, it } from 'vitest';
import { parseChangedFiles } from './parse-changed-files';

describe('parseChangedFiles', () => {
  it('pairs raw entries with numstat entries by position, renames included', () => {
    const diff =
      '\n:100644 100644 aaa bbb M\0src/app.ts\0' +
      ':100644 100644 ccc ddd R087\0old name.ts\0new name.ts\0' +
      ':000000 100644 000 eee A\0logo.png\0' +
      '3\t1\tsrc/app.ts\0' +
      '2\t0\t\0old name.ts\0new name.ts\0' +
      '-\t-\tlogo.png\0';
    expect(parseChangedFiles(diff)).toEqual([
      { path: 'src/app.ts', previousPath: null, change: 'modified', additions: 3, deletions: 1 },
      { path: 'new name.ts', previousPath: 'old name.ts', change: 'renamed', additions: 2, deletions: 0 },
      { path: 'logo.png', previousPath: null, change: 'added', additions: null, deletions: null }
    ]);
  });

  it('keeps paths that look like entries (a leading colon, tabs, newlines) as paths', () => {
    const weird = ':100644 100644 a b M';
    const diff = `:000000 100644 000 aaa A\0${weird}\0:100644 000000 bbb 000 D\0tab\there\nnewline\0` + `1\t0\t${weird}\0` + `0\t4\ttab\there\nnewline\0`;
    expect(parseChangedFiles(diff)).toEqual([
      { path: weird, previousPath: null, change: 'added', additions: 1, deletions: 0 },
      { path: 'tab\there\nnewline', previousPath: null, change: 'deleted', additions: 0, deletions: 4 }
    ]);
  });

  it('returns no files for a commit without changes', () => {
    expect(parseChangedFiles('')).toEqual([]);
  });
});
