import { describe, expect, it } from 'vitest';
import type { Branch, Tag } from '../../../../shared/domain/history';
import { parseSemVer } from '../../../../shared/domain/semver';
import { branchRef, defaultComparePair, kindOfRef, refGroups } from './ref-options';

const tag = (name: string, date = '2025-01-01T00:00:00Z'): Tag => ({
  name,
  ref: name.startsWith('-') ? `refs/tags/${name}` : name,
  sha: name.padEnd(40, '0'),
  annotated: true,
  date,
  semver: parseSemVer(name)
});
const branch = (name: string, current = false): Branch => ({
  name,
  ref: name.startsWith('-') ? `refs/heads/${name}` : name,
  sha: 'f'.repeat(40),
  current,
  committedAt: '2025-01-01T00:00:00Z',
  subject: 's'
});

describe('defaultComparePair', () => {
  it('takes the two newest final releases, older to newer', () => {
    const tags = [tag('v1.2.0'), tag('v1.10.0'), tag('v1.11.0-rc.1'), tag('v1.9.3'), tag('nightly')];
    expect(defaultComparePair([branch('main', true)], tags)).toEqual({ from: 'v1.9.3', to: 'v1.10.0' });
  });

  it('falls back to prereleases when there are not two finals', () => {
    const tags = [tag('v2.0.0-rc.1'), tag('v2.0.0-rc.2'), tag('v1.0.0')];
    expect(defaultComparePair([], tags)).toEqual({ from: 'v2.0.0-rc.1', to: 'v2.0.0-rc.2' });
  });

  it('compares a lone tag with the current branch', () => {
    expect(defaultComparePair([branch('dev'), branch('main', true)], [tag('v0.1.0')])).toEqual({
      from: 'v0.1.0',
      to: 'main'
    });
  });

  it('has nothing to offer without tags', () => {
    expect(defaultComparePair([branch('main', true)], [])).toBeNull();
  });
});

describe('refGroups', () => {
  it('puts the current branch first and marks prereleases', () => {
    const groups = refGroups([branch('zeta'), branch('main', true)], [tag('v1.0.0'), tag('v1.1.0-beta.1'), tag('legacy')]);
    expect(groups.branches.map((b) => b.label)).toEqual(['main (current)', 'zeta']);
    expect(groups.releases).toEqual([
      { ref: 'v1.1.0-beta.1', label: 'v1.1.0-beta.1 — prerelease', kind: 'prerelease' },
      { ref: 'v1.0.0', label: 'v1.0.0', kind: 'release' }
    ]);
    expect(groups.otherTags.map((t) => t.ref)).toEqual(['legacy']);
    expect(kindOfRef('v1.0.0', groups)).toBe('release');
    expect(kindOfRef('main', groups)).toBe('branch');
    expect(kindOfRef('HEAD~2', groups)).toBeNull();
  });

  it('spells out a branch that shares a tag name', () => {
    expect(branchRef('v1.0.0', new Set(['v1.0.0']))).toBe('refs/heads/v1.0.0');
    expect(branchRef('main', new Set(['v1.0.0']))).toBe('main');
  });
});

describe('refs whose names start with "-"', () => {
  it('are offered by their full name, never as an option', () => {
    const groups = refGroups([branch('main', true), branch('-wip')], [tag('v1.0.0'), tag('-x')]);
    expect(groups.branches.map((b) => b.ref)).toEqual(['main', 'refs/heads/-wip']);
    expect(groups.otherTags).toEqual([{ ref: 'refs/tags/-x', label: '-x', kind: 'tag' }]);
  });
});
