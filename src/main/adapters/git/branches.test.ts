import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { GitRepository } from '../../ports/git';
import { createGitPort } from './simple-git-adapter';
import { makeTempDir, removeDir, TempRepository } from './testing/temp-repository';

describe('GitRepository.branches', () => {
  let root: string;
  let repo: TempRepository;
  let repository: GitRepository;
  const commits: string[] = [];

  beforeAll(() => {
    root = makeTempDir();
    repo = TempRepository.init(path.join(root, 'repo'));
    for (let i = 0; i < 6; i++) commits.push(repo.commitFile('f.txt', `${i}\n`, `commit ${i}`));
    repo.git(['branch', 'release/2.0', commits[3] ?? '']);
    repo.git(['checkout', '--quiet', '-b', 'feature/ünïcode', commits[4] ?? '']);
    repo.commitFile('g.txt', 'x\n', 'feat: work in progress\n\nwith a body');
    repository = createGitPort().open(repo.dir);
  });
  afterAll(() => removeDir(root));

  it('lists local branches with the current one first', async () => {
    const branches = await repository.branches();
    expect(branches.map((branch) => [branch.name, branch.current])).toEqual([
      ['feature/ünïcode', true],
      ['main', false],
      ['release/2.0', false]
    ]);
    expect(branches[0]).toMatchObject({ sha: repo.head(), subject: 'feat: work in progress' });
    expect(branches[2]).toMatchObject({ sha: commits[3], subject: 'commit 3' });
    expect(branches[0]?.committedAt).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+01:00$/);
  });
});
