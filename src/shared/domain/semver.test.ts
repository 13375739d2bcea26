import { describe, expect, it } from 'vitest';
import { compareSemVer, isPrerelease, parseSemVer, sortTagsNewestFirst, type SemVer } from './semver';

const parsed = (text: string): SemVer => {
  const version = parseSemVer(text);
  if (version === null) throw new Error(`not a version: ${text}`);
  return version;
};

describe('parseSemVer', () => {
  it('reads plain, v-prefixed and monorepo-prefixed versions', () => {
    expect(parseSemVer('1.2.3')).toEqual({ major: 1, minor: 2, patch: 3, prerelease: [], build: [] });
    expect(parseSemVer('v1.2.3')).toEqual({ major: 1, minor: 2, patch: 3, prerelease: [], build: [] });
    expect(parseSemVer('api/v1.2.3')).toMatchObject({ major: 1, minor: 2, patch: 3 });
    expect(parseSemVer('shop@1.2.3')).toMatchObject({ major: 1, minor: 2, patch: 3 });
    expect(parseSemVer('services/shop-api@v2.0.0-rc.1')).toMatchObject({ major: 2, prerelease: ['rc', 1] });
  });

  it('splits prerelease and build identifiers, numbers as numbers', () => {
    expect(parseSemVer('1.0.0-alpha.1+build.5.x-y')).toEqual({
      major: 1,
      minor: 0,
      patch: 0,
      prerelease: ['alpha', 1],
      build: ['build', '5', 'x-y']
    });
    expect(parseSemVer('1.0.0-0.3.7')?.prerelease).toEqual([0, 3, 7]);
    expect(parseSemVer('1.0.0-x-y-z.--')?.prerelease).toEqual(['x-y-z', '--']);
  });

  it('rejects what is not a semantic version', () => {
    for (const text of ['nightly', '1.2', '1.2.3.4', 'v01.2.3', '1.02.3', '1.2.3-', '1.2.3-01', '1.2.3+', '1.2.3-a..b', 'release-1.2', 'v1.2.3 ', '']) {
      expect(parseSemVer(text), text).toBeNull();
    }
    expect(parseSemVer('99999999999999999999.0.0')).toBeNull();
  });

  it('tells a prerelease from a release', () => {
    expect(isPrerelease(parsed('1.0.0-rc.1'))).toBe(true);
    expect(isPrerelease(parsed('1.0.0'))).toBe(false);
  });
});

describe('compareSemVer (semver.org §11)', () => {
  const ordered = (...texts: string[]) => {
    for (let i = 1; i < texts.length; i++) {
      const [lower, higher] = [parsed(texts[i - 1] ?? ''), parsed(texts[i] ?? '')];
      expect(compareSemVer(lower, higher), `${texts[i - 1]} < ${texts[i]}`).toBeLessThan(0);
      expect(compareSemVer(higher, lower), `${texts[i]} > ${texts[i - 1]}`).toBeGreaterThan(0);
    }
  };

  it('compares major, minor and patch numerically', () => {
    ordered('1.0.0', '2.0.0', '2.1.0', '2.1.1');
    ordered('1.9.0', '1.10.0', '1.11.0');
  });

  it('ranks a prerelease below its release', () => {
    ordered('1.0.0-rc.1', '1.0.0');
    ordered('2.0.0-rc.1', '2.0.0', '2.0.1-alpha');
  });

  it('follows the example precedence chain of semver.org', () => {
    ordered('1.0.0-alpha', '1.0.0-alpha.1', '1.0.0-alpha.beta', '1.0.0-beta', '1.0.0-beta.2', '1.0.0-beta.11', '1.0.0-rc.1', '1.0.0');
  });

  it('ignores build metadata', () => {
    expect(compareSemVer(parsed('1.0.0+a'), parsed('1.0.0+b'))).toBe(0);
    expect(compareSemVer(parsed('v1.0.0'), parsed('api/1.0.0'))).toBe(0);
  });
});

describe('sortTagsNewestFirst', () => {
  const tag = (name: string, date = '2024-01-01T00:00:00Z') => ({ name, date, semver: parseSemVer(name) });

  it('puts semantic versions first by precedence, then other tags newest first', () => {
    const tags = [tag('nightly', '2024-05-01T00:00:00Z'), tag('v1.9.0'), tag('v2.0.0-rc.1'), tag('old', '2023-01-01T00:00:00Z'), tag('v1.10.0'), tag('v2.0.0')];
    expect(sortTagsNewestFirst(tags).map((t) => t.name)).toEqual(['v2.0.0', 'v2.0.0-rc.1', 'v1.10.0', 'v1.9.0', 'nightly', 'old']);
  });

  it('breaks ties between equal versions by name, so the order is stable', () => {
    expect(sortTagsNewestFirst([tag('v1.0.0'), tag('api/v1.0.0'), tag('1.0.0+build')]).map((t) => t.name)).toEqual(['1.0.0+build', 'api/v1.0.0', 'v1.0.0']);
  });

  it('does not modify its input', () => {
    const tags = [tag('v1.0.0'), tag('v2.0.0')];
    sortTagsNewestFirst(tags);
    expect(tags.map((t) => t.name)).toEqual(['v1.0.0', 'v2.0.0']);
  });
});
