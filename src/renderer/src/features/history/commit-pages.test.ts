import { describe, expect, it } from 'vitest';
import type { Commit } from '../../../../shared/domain/history';
import { appendPage, indexOfSha, tagsBySha } from './commit-pages';

const commit = (n: number): Commit => ({
  sha: n.toString(16).padStart(40, '0'),
  parents: [],
  authorName: 'a',
  authorEmail: 'a@example.com',
  authoredAt: '2025-01-01T00:00:00Z',
  subject: `commit ${n}`
});
const range = (from: number, to: number) => Array.from({ length: to - from }, (_, i) => commit(from + i));

describe('appendPage', () => {
  it('appends a page that starts where the list ends', () => {
    const next = appendPage(range(0, 200), { commits: range(200, 400), offset: 200, hasMore: true });
    expect(next?.length).toBe(400);
    expect(next?.[200]?.subject).toBe('commit 200');
  });
  it('refuses a duplicate or out-of-order page', () => {
    expect(appendPage(range(0, 400), { commits: range(200, 400), offset: 200, hasMore: true })).toBeNull();
    expect(appendPage(range(0, 200), { commits: range(400, 600), offset: 400, hasMore: true })).toBeNull();
  });
  it('keeps the same list for an empty last page', () => {
    const loaded = range(0, 10);
    expect(appendPage(loaded, { commits: [], offset: 10, hasMore: false })).toBe(loaded);
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
