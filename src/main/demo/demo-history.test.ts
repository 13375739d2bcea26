import { describe, expect, it } from 'vitest';
import { parseSemVer } from '../../shared/domain/semver';
import type { DemoCommit, DemoTag } from './demo-history-writer';
import { generateDemoHistory } from './demo-history';

const NOW = new Date('2025-06-02T09:30:00Z');
const history = generateDemoHistory({ now: NOW });
const commits = history.events.flatMap((event) => (event.kind === 'commit' ? [event.commit] : []));
const tags = history.events.flatMap((event) => (event.kind === 'tag' ? [event.tag] : []));
const nowSeconds = NOW.getTime() / 1000;

describe('generateDemoHistory', () => {
  it('is deterministic for the same clock reading', () => {
    expect(generateDemoHistory({ now: NOW })).toEqual(history);
  });

  it('moves with the clock but keeps the same shape', () => {
    const later = generateDemoHistory({ now: new Date(NOW.getTime() + 40 * 86_400_000) });
    const shape = (commit: DemoCommit) => [commit.ref, commit.parents, commit.message, commit.author.name];
    const laterCommits = later.events.flatMap((event) => (event.kind === 'commit' ? [event.commit] : []));
    expect(laterCommits.map(shape)).toEqual(commits.map(shape));
    expect(laterCommits[0]?.time).toBeGreaterThan(commits[0]?.time ?? Infinity);
  });

  it('has about 320 commits over the last ten months, ending shortly before now', () => {
    expect(history.commitCount).toBe(commits.length);
    expect(commits.length).toBeGreaterThanOrEqual(300);
    expect(commits.length).toBeLessThanOrEqual(360);
    const times = commits.map((commit) => commit.time);
    expect(Math.max(...times)).toBeLessThan(nowSeconds);
    expect(Math.max(...times)).toBeGreaterThan(nowSeconds - 7 * 86_400);
    expect(Math.min(...times)).toBeGreaterThan(nowSeconds - 320 * 86_400);
    expect(Math.min(...times)).toBeLessThan(nowSeconds - 270 * 86_400);
    expect(times).toEqual([...times].sort((a, b) => a - b));
  });

  it('has at least 20 pull-request merges into main', () => {
    const merges = commits.filter((commit) => commit.parents.length === 2);
    expect(merges.length).toBeGreaterThanOrEqual(20);
    for (const merge of merges) {
      expect(merge.ref).toBe('refs/heads/main');
      expect(merge.message).toMatch(/^Merge pull request #\d+ from acme-shop\/(feature|fix)\/[a-z0-9-]+\n/);
    }
  });

  it('only refers to commits that come earlier', () => {
    const seen = new Set<number>();
    for (const commit of commits) {
      for (const parent of commit.parents) expect(seen.has(parent)).toBe(true);
      seen.add(commit.mark);
    }
    for (const tag of tags) expect(seen.has(tag.target)).toBe(true);
  });

  it('is written by six or more people, some with non-ASCII names', () => {
    const authors = new Set(commits.map((commit) => commit.author.name));
    expect(authors.size).toBeGreaterThanOrEqual(6);
    expect([...authors].filter((name) => /[^ -~]/.test(name)).length).toBeGreaterThanOrEqual(2);
  });

  it('uses conventional-commit subjects', () => {
    const conventional = /^(feat|fix|perf|refactor|test|docs|chore|ci)(\([a-z0-9-]+\))?: \S/;
    for (const commit of commits.filter((c) => c.parents.length < 2)) expect(commit.message).toMatch(conventional);
  });

  it('tags releases v0.1.0 … v1.8.x with semver tags, prereleases, annotated and lightweight tags', () => {
    const names = tags.map((tag: DemoTag) => tag.name);
    expect(names.every((name) => parseSemVer(name) !== null)).toBe(true);
    expect(names[0]).toBe('v0.1.0');
    expect(names).toContain('v1.5.0-rc.1');
    expect(names.at(-1)).toMatch(/^v1\.8\.\d+$/);
    expect(tags.filter((tag) => tag.tagger === null).length).toBeGreaterThanOrEqual(2);
    expect(tags.filter((tag) => tag.tagger !== null).length).toBeGreaterThan(tags.length / 2);
  });

  it('leaves main, release/1.8 and one unmerged feature branch', () => {
    const refs = new Set(commits.map((commit) => commit.ref));
    const deleted = new Set(history.events.flatMap((event) => (event.kind === 'delete-branch' ? [event.ref] : [])));
    const remaining = [...refs].filter((ref) => !deleted.has(ref));
    expect(remaining.sort()).toEqual(['refs/heads/feature/gift-cards', 'refs/heads/main', 'refs/heads/release/1.8']);
  });
});
