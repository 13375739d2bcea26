import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createGitPort } from '../../src/main/adapters/git/simple-git-adapter';
import { git, makeTempDir, removeDir } from '../../src/main/adapters/git/testing/temp-repository';
import { createSyntheticRepository } from './synthetic-history';

describe('createSyntheticRepository', () => {
  let root: string;
  let dir: string;
  let tags: string[];

  beforeAll(async () => {
    root = makeTempDir('shipdeck-bench-');
    dir = path.join(root, 'bench');
    tags = await createSyntheticRepository(dir, { commits: 2_000, tagEvery: 500 });
  });
  afterAll(() => removeDir(root));

  it('has exactly the requested number of commits, with a merge every 50', () => {
    expect(git(dir, ['rev-list', '--count', 'main']).trim()).toBe('2000');
    expect(Number(git(dir, ['rev-list', '--count', '--merges', 'main']).trim())).toBe(39);
    expect(git(dir, ['for-each-ref', '--format=%(refname)', 'refs/heads']).trim()).toBe('refs/heads/main');
  });

  it('returns the tag names it made, oldest first, each tagEvery commits apart', async () => {
    expect(tags).toEqual(['v0.0.0', 'v0.1.0', 'v0.2.0', 'v0.3.0']);
    const comparison = await createGitPort().open(dir).compare('v0.1.0', 'v0.2.0', 10_000);
    expect(comparison.commits.length).toBeGreaterThanOrEqual(499);
    expect(comparison.commits.length).toBeLessThanOrEqual(501);
    expect(comparison.commits.some((commit) => commit.parents.length === 2)).toBe(true);
  });
});
