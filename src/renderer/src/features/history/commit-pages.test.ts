import { describe, expect, it } from 'vitest';
import type { Commit } from '../../../../shared/domain/history';
import { flattenPages, indexOfSha, nextPageOffset, tagsBySha } from './commit-pages';

const commit = (n: number): Commit => ({
  sha: n.toString(16).padStart(40, '0'),
  parents: [],
  authorName: 'a',
  authorEmail: 'a@example.com',
  authoredAt: '2025-01-01T00:00:00Z',
  subject: `commit ${n}`
});
const range = (from: number, to: number) => Array.from({ length: to - from }, (_, i) => commit(from + i));

describe('flattenPages', () => {
  it('joins pages that follow each other', () => {
    const all = flattenPages([
      { commits: range(0, 200), offset: 0, hasMore: true },
      { commits: range(200, 400), offset: 200, hasMore: true }
    ]);
    expect(all.length).toBe(400);
    expect(all[200]?.subject).toBe('commit 200');
  });
  it('stops at a duplicate or out-of-order page', () => {
    expect(
      flattenPages([
        { commits: range(0, 400), offset: 0, hasMore: true },
        { commits: range(200, 400), offset: 200, hasMore: true }
      ]).length
    ).toBe(400);
    expect(
      flattenPages([
        { commits: range(0, 200), offset: 0, hasMore: true },
        { commits: range(400, 600), offset: 400, hasMore: true }
      ]).length
    ).toBe(200);
  });
  it('keeps an empty last page harmless', () => {
    expect(flattenPages([{ commits: range(0, 10), offset: 0, hasMore: true }, { commits: [], offset: 10, hasMore: false }])).toHaveLength(10);
  });
});

describe('nextPageOffset', () => {
  it('continues after the page, or ends', () => {
    expect(nextPageOffset({ commits: range(200, 400), offset: 200, hasMore: true })).toBe(400);
    expect(nextPageOffset({ commits: range(0, 10), offset: 0, hasMore: false })).toBeUndefined();
  });
});

describe('lookups', () => {
  it('finds a commit by SHA', () => {
    const list = range(0, 5);
    expect(indexOfSha(list, commit(3).sha)).toBe(3);
    expect(indexOfSha(list, 'nope')).toBe(-1);
  });
  it('groups tags by commit', () => {
    const map = tagsBySha([
      { sha: 'a', name: 'v1' },
      { sha: 'a', name: 'v1-final' },
      { sha: 'b', name: 'v2' }
    ]);
    expect(map.get('a')?.map((t) => t.name)).toEqual(['v1', 'v1-final']);
    expect(map.get('c')).toBeUndefined();
  });
});
