import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppError } from '../../../shared/result';
import type { GitRepository } from '../../ports/git';
import { createGitPort } from './simple-git-adapter';
import { makeTempDir, removeDir, TempRepository } from './testing/temp-repository';

const errorOf = (promise: Promise<unknown>): Promise<AppError> => promise.then(() => expect.fail('expected an error'), (error: AppError) => error);

describe('GitRepository.compare', () => {
  let root: string;
  let repo: TempRepository;
  let repository: GitRepository;
  let base: string;
  let sideA: string;
  let sideB: string;
  let mainWork: string;
  let merge: string;
  let after: string;

  beforeAll(() => {
    root = makeTempDir();
    repo = TempRepository.init(path.join(root, 'repo'));
    repo.commitFile('a.txt', '0\n', 'chore: initial commit');
    base = repo.commitFile('a.txt', '1\n', 'chore(release): 1.0.0');
    repo.tag('v1.0.0', { annotated: true });
    repo.git(['checkout', '--quiet', '-b', 'feature/cart']);
    sideA = repo.commitFile('cart.txt', '1\n', 'feat(cart): first');
    sideB = repo.commitFile('cart.txt', '2\n', 'feat(cart): second');
    repo.git(['checkout', '--quiet', 'main']);
    mainWork = repo.commitFile('a.txt', '2\n', 'fix: on main meanwhile');
    merge = repo.merge('feature/cart', 'Merge pull request #7 from acme/feature/cart');
    after = repo.commitFile('a.txt', '3\n', 'chore(release): 1.1.0');
    repo.tag('v1.1.0', { annotated: true });
    repository = createGitPort().open(repo.dir);
  });
  afterAll(() => removeDir(root));

  it('lists what `to` has that `from` has not, merges included, newest commit date first', async () => {
    const comparison = await repository.compare('v1.0.0', 'v1.1.0', 100);
    expect(comparison).toMatchObject({ from: 'v1.0.0', to: 'v1.1.0', fromSha: base, toSha: after, truncated: false, behind: 0 });
    expect(comparison.commits.map((c) => c.sha)).toEqual([after, merge, mainWork, sideB, sideA]);
    const mergeCommit = comparison.commits.find((c) => c.sha === merge);
    expect(mergeCommit?.parents).toEqual([mainWork, sideB]);
    expect(mergeCommit?.subject).toBe('Merge pull request #7 from acme/feature/cart');
  });

  it('truncates at the limit and says so', async () => {
    const comparison = await repository.compare('v1.0.0', 'v1.1.0', 2);
    expect(comparison.commits.map((c) => c.sha)).toEqual([after, merge]);
    expect(comparison.truncated).toBe(true);
    expect((await repository.compare('v1.0.0', 'v1.1.0', 5)).truncated).toBe(false);
  });

  it('counts the commits the other way in behind: reversed, or between diverged refs', async () => {
    const reversed = await repository.compare('v1.1.0', 'v1.0.0', 100);
    expect(reversed.commits).toEqual([]);
    expect(reversed.behind).toBe(5);
    const diverged = await repository.compare(mainWork, sideB, 100);
    expect(diverged.commits.map((c) => c.sha)).toEqual([sideB, sideA]);
    expect(diverged.behind).toBe(1);
  });

  it('says behind is 0 whenever `from` is an ancestor of `to`: through a merge, truncated, or the same commit', async () => {
    const viaMerge = await repository.compare(sideA, 'v1.1.0', 100);
    expect(viaMerge.commits.map((c) => c.sha)).toEqual([after, merge, mainWork, sideB]);
    expect(viaMerge.behind).toBe(0);
    expect((await repository.compare('v1.0.0', 'v1.1.0', 1)).behind).toBe(0);
    const same = await repository.compare('v1.1.0', 'main', 100);
    expect(same).toMatchObject({ fromSha: after, toSha: after, commits: [], truncated: false, behind: 0 });
  });

  it('accepts branches and SHAs as well as tags', async () => {
    const comparison = await repository.compare(base.slice(0, 9), 'main', 100);
    expect(comparison.toSha).toBe(after);
    expect(comparison.commits).toHaveLength(5);
  });

  it('names the bad ref, whichever end it is', async () => {
    const badFrom = await errorOf(repository.compare('v0.9.9', 'v1.1.0', 10));
    expect(badFrom.code).toBe('BAD_REF');
    expect(badFrom.message).toContain('"v0.9.9"');
    const badTo = await errorOf(repository.compare('v1.0.0', 'feature/nope', 10));
    expect(badTo.code).toBe('BAD_REF');
    expect(badTo.message).toContain('"feature/nope"');
  });

  it('refuses refs that start with "-" and other unusable refs', async () => {
    expect((await errorOf(repository.compare('--all', 'v1.1.0', 10))).code).toBe('BAD_REF');
    expect((await errorOf(repository.compare('v1.0.0', '-n1', 10))).code).toBe('BAD_REF');
    expect((await errorOf(repository.compare('v1.0.0..v1.1.0', 'main', 10))).code).toBe('BAD_REF');
  });
});
