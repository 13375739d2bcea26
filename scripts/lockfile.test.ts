// package-lock.json must be installable on every platform we ship to, not only on the one that wrote it.
// npm records a package's optional (per-platform) dependencies only when the registry served them while
// locking; a lock made without one breaks `npm ci` elsewhere (npm/cli#4828: rollup then fails with
// "Cannot find module @rollup/rollup-<platform>"). Rollup is pinned through `overrides` in package.json to
// the newest version whose every platform build the registry serves.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

interface LockedPackage {
  readonly version?: string;
  readonly optionalDependencies?: Readonly<Record<string, string>>;
}

const lock = JSON.parse(fs.readFileSync(path.join(__dirname, '..', 'package-lock.json'), 'utf8')) as {
  readonly packages: Readonly<Record<string, LockedPackage>>;
};
const packages = lock.packages;

/** The lock entry Node would load for `dependency` required from the package at `from` (walks up node_modules). */
function resolveFrom(from: string, dependency: string): string | undefined {
  let base = from;
  for (;;) {
    const candidate = base === '' ? `node_modules/${dependency}` : `${base}/node_modules/${dependency}`;
    if (packages[candidate]) return candidate;
    if (base === '') return undefined;
    const parent = base.lastIndexOf('/node_modules/');
    base = parent === -1 ? '' : base.slice(0, parent);
  }
}

/** Every lock entry of the package `name`, nested ones included. */
const entriesOf = (name: string): string[] =>
  Object.keys(packages).filter((key) => key === `node_modules/${name}` || key.endsWith(`/node_modules/${name}`));

describe('package-lock.json', () => {
  it('has an entry for every optional dependency of every package, at the version asked for', () => {
    const missing: string[] = [];
    for (const [key, entry] of Object.entries(packages)) {
      for (const [dependency, range] of Object.entries(entry.optionalDependencies ?? {})) {
        const resolved = resolveFrom(key, dependency);
        const version = resolved === undefined ? undefined : packages[resolved]?.version;
        const exact = /^\d+\.\d+\.\d+(?:-[\w.]+)?$/.test(range);
        if (resolved === undefined) missing.push(`${key || '(root)'} → ${dependency}@${range}: no entry`);
        else if (exact && version !== range) missing.push(`${key || '(root)'} → ${dependency}@${range}: ${resolved} is ${version}`);
      }
    }
    expect(missing).toEqual([]);
  });

  it.each([
    ['rollup', ['@rollup/rollup-darwin-arm64', '@rollup/rollup-win32-x64-msvc', '@rollup/rollup-linux-x64-gnu']],
    ['esbuild', ['@esbuild/darwin-arm64', '@esbuild/win32-x64', '@esbuild/linux-x64']]
  ])('has the macOS (arm64), Windows (x64) and Linux (x64) builds of every %s it installs', (name, builds) => {
    const installed = entriesOf(name);
    expect(installed.length, `${name} is not in the lock`).toBeGreaterThan(0);
    for (const key of installed) {
      for (const build of builds) expect(resolveFrom(key, build), `${key} has no ${build}`).toBeDefined();
    }
  });
});
