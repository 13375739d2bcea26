import { describe, expect, it } from 'vitest';
import { FILE_CHANGE_KINDS, type ChangedFile } from '../../../../shared/domain/history';
import { changeCode, changeTotals, describeTotals, diffBlocks } from './file-change';

const file = (additions: number | null, deletions: number | null): ChangedFile => ({
  path: 'a',
  previousPath: null,
  change: 'modified',
  additions,
  deletions
});

describe('changeCode', () => {
  it('has a distinct letter for every kind', () => {
    const letters = FILE_CHANGE_KINDS.map((k) => changeCode(k).letter);
    expect(new Set(letters).size).toBe(FILE_CHANGE_KINDS.length);
    expect(changeCode('renamed')).toEqual({ letter: 'R', word: 'Renamed' });
  });
});

describe('changeTotals', () => {
  it('sums lines and counts binary files', () => {
    const totals = changeTotals([file(10, 2), file(null, null), file(0, 3)]);
    expect(totals).toEqual({ files: 3, additions: 10, deletions: 5, binary: 1 });
    expect(describeTotals(totals)).toBe('3 files changed, +10 −5, 1 binary');
  });
  it('says "1 file"', () => {
    expect(describeTotals(changeTotals([file(1200, 0)]))).toBe('1 file changed, +1,200 −0');
  });
});

describe('diffBlocks', () => {
  it('splits in proportion', () => {
    expect(diffBlocks(10, 10)).toEqual({ added: 3, deleted: 2 });
    expect(diffBlocks(100, 0)).toEqual({ added: 5, deleted: 0 });
    expect(diffBlocks(0, 4)).toEqual({ added: 0, deleted: 5 });
  });
  it('shows at least one block for a small side', () => {
    expect(diffBlocks(1, 1000)).toEqual({ added: 1, deleted: 4 });
    expect(diffBlocks(1000, 1)).toEqual({ added: 4, deleted: 1 });
  });
  it('is empty without changes', () => {
    expect(diffBlocks(0, 0)).toEqual({ added: 0, deleted: 0 });
  });
});
