/**
 * Semantic versions as release tags carry them: `v1.2.3`, `1.2.3-rc.1+build.5`, and monorepo forms such
 * as `api/v1.2.3` or `shop-api@1.2.3`. Precedence follows semver.org §11.
 */

export interface SemVer {
  readonly major: number;
  readonly minor: number;
  readonly patch: number;
  readonly prerelease: readonly (string | number)[];
  readonly build: readonly string[];
}

const NUMERIC = /^(0|[1-9]\d*)$/;
const SEMVER_TAG =
  /^(?:.*[/@])?v?(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(?:-((?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*)(?:\.(?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*))*))?(?:\+([0-9a-zA-Z-]+(?:\.[0-9a-zA-Z-]+)*))?$/;

/** The version a tag name carries, or null when it is not a semantic version. */
export function parseSemVer(tagName: string): SemVer | null {
  const match = SEMVER_TAG.exec(tagName);
  if (!match) return null;
  const [, major, minor, patch, prerelease, build] = match;
  const numbers = [major, minor, patch].map(Number);
  if (numbers.some((n) => !Number.isSafeInteger(n))) return null;
  return {
    major: numbers[0] as number,
    minor: numbers[1] as number,
    patch: numbers[2] as number,
    prerelease: prerelease ? prerelease.split('.').map((part) => (NUMERIC.test(part) ? Number(part) : part)) : [],
    build: build ? build.split('.') : []
  };
}

function compareIdentifiers(a: string | number, b: string | number): number {
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  if (typeof a === 'number') return -1; // numeric identifiers rank below alphanumeric ones
  if (typeof b === 'number') return 1;
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Negative when a < b, positive when a > b, 0 when they have equal precedence (build metadata ignored). */
export function compareSemVer(a: SemVer, b: SemVer): number {
  const core = a.major - b.major || a.minor - b.minor || a.patch - b.patch;
  if (core !== 0) return core;
  // A version without a prerelease ranks above the same version with one.
  if (a.prerelease.length === 0 || b.prerelease.length === 0) return b.prerelease.length - a.prerelease.length;
  const shared = Math.min(a.prerelease.length, b.prerelease.length);
  for (let i = 0; i < shared; i++) {
    const order = compareIdentifiers(a.prerelease[i] as string | number, b.prerelease[i] as string | number);
    if (order !== 0) return order;
  }
  return a.prerelease.length - b.prerelease.length;
}

export const isPrerelease = (version: SemVer): boolean => version.prerelease.length > 0;

interface Versioned {
  readonly name: string;
  readonly semver: SemVer | null;
  readonly date: string;
}

/**
 * Newest release first: semantic versions by precedence (ties broken by name so the order is stable),
 * then every other tag, newest date first.
 */
export function sortTagsNewestFirst<T extends Versioned>(tags: readonly T[]): T[] {
  return [...tags].sort((a, b) => {
    if (a.semver && b.semver) return compareSemVer(b.semver, a.semver) || a.name.localeCompare(b.name);
    if (a.semver) return -1;
    if (b.semver) return 1;
    return b.date.localeCompare(a.date) || a.name.localeCompare(b.name);
  });
}
