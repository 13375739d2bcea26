import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppError } from '../../../shared/result';
import type { GitRepository } from '../../ports/git';
import { createGitPort } from './simple-git-adapter';
import { makeTempDir, removeDir, TempRepository } from './testing/temp-repository';

const errorOf = (promise: Promise<unknown>): Promise<AppError> => promise.then(() => expect.fail('expected an error'), (error: AppError) => error);

// A tag "-x" and a branch "-wip" are legal in git; handed over bare they would be options.
describe('refs whose names start with "-"', () => {
  let root: string;
  let repo: TempRepository;
  let repository: GitRepository;
  const shas: string[] = [];

  beforeAll(() => {
    root = makeTempDir();
    repo = TempRepository.init(path.join(root, 'repo'));
    shas.push(repo.commitFile('a.txt', '1\n', 'first'));
    repo.git(['update-ref', 'refs/tags/-x', 'HEAD']); // `git tag -x` would be an option, too
    shas.push(repo.commitFile('a.txt', '2\n', 'second'));
    repo.git(['update-ref', 'refs/heads/-wip', 'HEAD']);
    shas.push(repo.commitFile('a.txt', '3\n', 'third'));
    repository = createGitPort().open(repo.dir);
  });
  afterAll(() => removeDir(root));

  it('lists them with the full name to use', async () => {
    expect((await repository.tags()).map((tag) => [tag.name, tag.ref])).toEqual([['-x', 'refs/tags/-x']]);
    const branches = await repository.branches();
    expect(branches.map((branch) => [branch.name, branch.ref])).toEqual([
      ['main', 'main'],
      ['-wip', 'refs/heads/-wip']
    ]);
  });

  it('reads the commits of one, and compares two, by their full names', async () => {
    const page = await repository.commits({ ref: 'refs/heads/-wip', offset: 0, limit: 10 });
    expect(page.commits.map((commit) => commit.subject)).toEqual(['second', 'first']);
    const comparison = await repository.compare('refs/tags/-x', 'refs/heads/-wip', 10);
    expect(comparison).toMatchObject({ fromSha: shas[0], toSha: shas[1], behind: 0 });
    expect(comparison.commits.map((commit) => commit.subject)).toEqual(['second']);
    expect((await repository.commit('refs/tags/-x')).sha).toBe(shas[0]);
  });

  it('still refuses them bare, before git runs', async () => {
    expect((await errorOf(repository.commits({ ref: '-wip', offset: 0, limit: 10 }))).code).toBe('BAD_REF');
    expect((await errorOf(repository.compare('-x', 'main', 10))).code).toBe('BAD_REF');
  });
});
