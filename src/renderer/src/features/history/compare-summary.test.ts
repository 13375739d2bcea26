import { describe, expect, it } from 'vitest';
import type { Commit, RefComparison } from '../../../../shared/domain/history';
import { summarizeComparison } from './compare-summary';

const commit = (parents: number): Commit => ({
  sha: 'a'.repeat(40),
  parents: Array.from({ length: parents }, () => 'b'.repeat(40)),
  authorName: 'a',
  authorEmail: 'a@x',
  authoredAt: '2025-01-01T00:00:00Z',
  subject: 's'
});

const comparison = (commits: Commit[], extra: Partial<RefComparison> = {}): RefComparison => ({
  from: 'v1.2.0',
  to: 'v1.3.0',
  fromSha: '1'.repeat(40),
  toSha: '2'.repeat(40),
  commits,
  truncated: false,
  behind: 0,
  ...extra
});

describe('summarizeComparison', () => {
  it('counts commits and merges', () => {
    const s = summarizeComparison(comparison([commit(1), commit(2), commit(1)]), 'v1.2.0', 'v1.3.0');
    expect(s.headline).toBe('3 commits between v1.2.0 and v1.3.0');
    expect(s.merges).toBe('1 merge');
    expect(s.behindNote).toBeNull();
    expect(s.truncatedNote).toBeNull();
  });

  it('says one commit and no commits', () => {
    expect(summarizeComparison(comparison([commit(1)]), 'a', 'b').headline).toBe('1 commit between a and b');
    expect(summarizeComparison(comparison([]), 'a', 'b').headline).toBe('No commits between a and b');
  });

  it('suggests swapping when `to` lacks commits of `from`', () => {
    const s = summarizeComparison(comparison([], { behind: 4 }), 'v1.3.0', 'v1.2.0');
    expect(s.behindNote).toBe('v1.2.0 does not contain 4 commits of v1.3.0 — did you mean to swap?');
  });

  it('notes truncation', () => {
    const s = summarizeComparison(comparison([commit(1), commit(1)], { truncated: true }), 'a', 'b');
    expect(s.headline).toBe('More than 2 commits between a and b');
    expect(s.truncatedNote).toBe('Showing the first 2 commits; the range has more.');
  });
});
