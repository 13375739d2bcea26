import { describe, expect, it } from 'vitest';
import { buildCommitFilter, describeFilter, isFiltering, sameFilter } from './commit-filter';

describe('buildCommitFilter', () => {
  it('is empty for empty inputs', () => {
    const result = buildCommitFilter({ text: ' ', author: '', sha: '' });
    expect(result).toEqual({ ok: true, filter: {} });
    expect(result.ok && isFiltering(result.filter)).toBe(false);
  });

  it('trims and keeps only what was typed', () => {
    expect(buildCommitFilter({ text: ' fix login ', author: 'alice ', sha: '' })).toEqual({
      ok: true,
      filter: { text: 'fix login', author: 'alice' }
    });
  });

  it('lowercases a SHA prefix', () => {
    expect(buildCommitFilter({ text: '', author: '', sha: 'ABCD12' })).toEqual({
      ok: true,
      filter: { shaPrefix: 'abcd12' }
    });
  });

  it('explains a SHA prefix that is too short or not hex', () => {
    const short = buildCommitFilter({ text: '', author: '', sha: 'abc' });
    expect(short).toMatchObject({ ok: false, field: 'sha', message: expect.stringContaining('at least 4') });
    const notHex = buildCommitFilter({ text: '', author: '', sha: 'xyz123' });
    expect(notHex).toMatchObject({ ok: false, field: 'sha', message: expect.stringContaining('0–9') });
  });

  it('caps text at the contract limit', () => {
    const result = buildCommitFilter({ text: 'a'.repeat(500), author: '', sha: '' });
    expect(result.ok && result.filter.text?.length).toBe(200);
  });
});

describe('filter helpers', () => {
  it('compares filters', () => {
    expect(sameFilter({ text: 'a' }, { text: 'a' })).toBe(true);
    expect(sameFilter({ text: 'a' }, { text: 'a', author: 'b' })).toBe(false);
  });
  it('describes a filter', () => {
    expect(describeFilter({ text: 'fix', author: 'bob', shaPrefix: 'abcd' })).toBe(
      'matching “fix” by “bob” with SHA abcd…'
    );
  });
});
