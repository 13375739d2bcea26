import { describe, expect, it } from 'vitest';
import { looksLikeShaPrefix, parseRefRange, refProblem, refToUse } from './ref-range';

describe('refProblem', () => {
  it('accepts branches, tags, SHAs and ancestry expressions', () => {
    for (const ref of ['main', 'release/1.8', 'v1.2.3', 'api/v1.2.3', 'shop@1.2.3', 'HEAD', 'HEAD~3', 'v1.2^{}', 'a1b2c3d', 'feature/ünïcode']) {
      expect(refProblem(ref), ref).toBeNull();
    }
  });

  it('refuses anything git could read as an option', () => {
    expect(refProblem('--output=/tmp/x')).toMatch(/starts with "-"/);
    expect(refProblem('-n1')).toMatch(/starts with "-"/);
    expect(refProblem('-')).toMatch(/starts with "-"/);
  });

  it('accepts a branch or tag named "-x" by its full name only, and says how', () => {
    expect(refProblem('-x')).toContain('refs/tags/-x');
    for (const ref of ['refs/tags/-x', 'refs/heads/-wip', 'refs/heads/-wip~2']) expect(refProblem(ref), ref).toBeNull();
    expect(parseRefRange('refs/tags/-x..refs/heads/-wip')).toEqual({ from: 'refs/tags/-x', to: 'refs/heads/-wip' });
    expect(refToUse('refs/tags/-x', '-x')).toBe('refs/tags/-x');
    expect(refToUse('refs/tags/v1.0.0', 'v1.0.0')).toBe('v1.0.0');
  });

  it("refuses what git forbids in ref names, saying what is wrong", () => {
    expect(refProblem('')).toBe('is empty');
    expect(refProblem('x'.repeat(257))).toMatch(/longer than 256/);
    expect(refProblem('~1')).toMatch(/starts with "~" or "\^"/);
    expect(refProblem('^main')).toMatch(/starts with "~" or "\^"/);
    for (const ref of ['my branch', 'a:b', 'a?', 'a*', 'a[1]', 'a\\b', 'tab\there', 'nul\0', 'del\x7f']) {
      expect(refProblem(ref), JSON.stringify(ref)).toMatch(/space, a control character/);
    }
    expect(refProblem('a..b')).toMatch(/contains "\.\."/);
    expect(refProblem('main@{1}')).toMatch(/reflog/);
    for (const ref of ['v1.', 'release/', 'main.lock']) expect(refProblem(ref), ref).toMatch(/ends with/);
  });
});

describe('parseRefRange', () => {
  it('splits FROM..TO, trimming the whole text', () => {
    expect(parseRefRange('v1.2.0..v1.3.0')).toEqual({ from: 'v1.2.0', to: 'v1.3.0' });
    expect(parseRefRange('  release/1.8..main \n')).toEqual({ from: 'release/1.8', to: 'main' });
  });

  it('refuses the three-dot form with a reason', () => {
    expect(parseRefRange('v1...v2')).toEqual({ error: '"v1...v2" uses "..."; write the range as FROM..TO' });
  });

  it('refuses text that is not one range', () => {
    expect(parseRefRange('v1.2.0')).toEqual({ error: '"v1.2.0" is not a range; write it as FROM..TO, e.g. v1.2.0..v1.3.0' });
    expect(parseRefRange('a..b..c')).toHaveProperty('error');
  });

  it('names the end that is not a usable ref', () => {
    expect(parseRefRange('..main')).toEqual({ error: 'FROM ref "" is empty' });
    expect(parseRefRange('main..')).toEqual({ error: 'TO ref "" is empty' });
    expect(parseRefRange('-p..main')).toHaveProperty('error', expect.stringMatching(/^FROM ref "-p" starts with "-" \(git would read it as an option/));
    expect(parseRefRange('main..--all')).toHaveProperty('error', expect.stringMatching(/^TO ref "--all" starts with "-"/));
    expect(parseRefRange('my branch..main')).toHaveProperty('error', expect.stringContaining('FROM ref "my branch"'));
  });
});

describe('looksLikeShaPrefix', () => {
  it('accepts 4 to 64 hexadecimal characters, either case', () => {
    expect(looksLikeShaPrefix('abcd')).toBe(true);
    expect(looksLikeShaPrefix('ABCDEF0123')).toBe(true);
    expect(looksLikeShaPrefix('a'.repeat(64))).toBe(true);
  });

  it('refuses short, long or non-hex text', () => {
    expect(looksLikeShaPrefix('abc')).toBe(false);
    expect(looksLikeShaPrefix('a'.repeat(65))).toBe(false);
    expect(looksLikeShaPrefix('main')).toBe(false);
    expect(looksLikeShaPrefix('abcd ')).toBe(false);
  });
});
