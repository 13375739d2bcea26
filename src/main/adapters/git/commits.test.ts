import { existsSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CommitQuery } from '../../../shared/domain/history';
import type { AppError } from '../../../shared/result';
import type { GitRepository } from '../../ports/git';
import { createGitPort } from './simple-git-adapter';
import { makeTempDir, removeDir, TempRepository, type Identity } from './testing/temp-repository';

const ZOE: Identity = { name: 'Zoë Müller', email: 'zoe.mueller@shop.example' };
const JOSE: Identity = { name: 'José Núñez', email: 'jose@shop.example' };
const errorOf = (promise: Promise<unknown>): Promise<AppError> => promise.then(() => expect.fail('expected an error'), (error: AppError) => error);

describe('GitRepository.commits', () => {
  let root: string;
  let repo: TempRepository;
  let repository: GitRepository;
  const shas: string[] = []; // oldest first
  const page = (query: Partial<CommitQuery>) => repository.commits({ offset: 0, limit: 50, ...query });
  const subjects = async (query: Partial<CommitQuery>) => (await page(query)).commits.map((commit) => commit.subject);

  beforeAll(() => {
    root = makeTempDir();
    repo = TempRepository.init(path.join(root, 'repo'));
    shas.push(repo.commitFile('README.md', 'hello\n', 'chore: initial commit'));
    shas.push(repo.commitFile('src/cart.ts', '1\n', 'feat(cart): add discount codes\n\nMarketing asked for percentage codes.', ZOE));
    shas.push(repo.commitFile('src/cart.ts', '2\n', 'fix(cart): round totals (a+b) [bot]', JOSE));
    shas.push(repo.commitFile('src/pay.ts', '1\n', 'feat(payments): refunds', ZOE));
    shas.push(repo.commitFile('src/pay.ts', '2\n', 'fix(payments): retry captures', JOSE));
    shas.push(repo.commitFile('src/pay.ts', '3\n', 'docs: mention DISCOUNT codes in the readme'));
    shas.push(repo.commitFile('src/pay.ts', '4\n', 'chore: release 1.0.0'));
    repo.git(['checkout', '--quiet', '-b', 'topic', shas[2] ?? '']);
    repo.commitFile('topic.txt', 'x\n', 'feat: only on topic');
    repo.git(['checkout', '--quiet', 'main']);
    repository = createGitPort().open(repo.dir);
  });
  afterAll(() => removeDir(root));

  it('pages newest first with offset, limit and hasMore', async () => {
    const first = await page({ limit: 3 });
    expect(first.commits.map((c) => c.sha)).toEqual([shas[6], shas[5], shas[4]]);
    expect(first).toMatchObject({ offset: 0, hasMore: true });
    const second = await page({ offset: 3, limit: 3 });
    expect(second.commits.map((c) => c.sha)).toEqual([shas[3], shas[2], shas[1]]);
    expect(second.hasMore).toBe(true);
    const last = await page({ offset: 6, limit: 3 });
    expect(last.commits.map((c) => c.sha)).toEqual([shas[0]]);
    expect(last.hasMore).toBe(false);
    expect(await page({ offset: 7, limit: 3 })).toEqual({ commits: [], offset: 7, hasMore: false });
    expect((await page({ limit: 7 })).hasMore).toBe(false);
  });

  it('returns every field of a commit, non-ASCII names included', async () => {
    const [commit] = (await page({ offset: 5, limit: 1 })).commits;
    expect(commit).toEqual({
      sha: shas[1],
      parents: [shas[0]],
      authorName: 'Zoë Müller',
      authorEmail: 'zoe.mueller@shop.example',
      authoredAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+01:00$/),
      subject: 'feat(cart): add discount codes'
    });
    expect((await page({ offset: 6 })).commits[0]?.parents).toEqual([]);
  });

  it('starts from the given ref, and names an unknown ref in BAD_REF', async () => {
    expect((await subjects({ ref: 'topic', limit: 2 }))).toEqual(['feat: only on topic', 'fix(cart): round totals (a+b) [bot]']);
    const error = await errorOf(page({ ref: 'no-such-branch' }));
    expect(error.code).toBe('BAD_REF');
    expect(error.message).toContain('"no-such-branch"');
  });

  it('treats the ref as a revision even when a file has that name', async () => {
    expect((await errorOf(page({ ref: 'README.md' }))).code).toBe('BAD_REF');
  });

  it('refuses refs that git could read as options, before running git', async () => {
    const output = path.join(root, 'pwned.txt');
    const error = await errorOf(page({ ref: `--output=${output}` }));
    expect(error.code).toBe('BAD_REF');
    expect(existsSync(output)).toBe(false);
  });

  it('finds text in subjects and bodies, ignoring case, as a fixed string', async () => {
    expect(await subjects({ text: 'DISCOUNT' })).toEqual(['docs: mention DISCOUNT codes in the readme', 'feat(cart): add discount codes']);
    expect(await subjects({ text: 'percentage codes' })).toEqual(['feat(cart): add discount codes']);
    expect(await subjects({ text: '(a+b) [bot]' })).toEqual(['fix(cart): round totals (a+b) [bot]']);
    expect(await subjects({ text: 'a.b' })).toEqual([]);
  });

  it('filters by author name or email, ignoring case (non-ASCII letters too)', async () => {
    expect(await subjects({ author: 'ZOË' })).toEqual(['feat(payments): refunds', 'feat(cart): add discount codes']);
    expect(await subjects({ author: 'jose@shop' })).toEqual(['fix(payments): retry captures', 'fix(cart): round totals (a+b) [bot]']);
  });

  it('combines text and author with AND, and pages the result', async () => {
    expect(await subjects({ author: 'müller', text: 'cart' })).toEqual(['feat(cart): add discount codes']);
    const filtered = await page({ text: 'fix', limit: 1 });
    expect(filtered.commits.map((c) => c.subject)).toEqual(['fix(payments): retry captures']);
    expect(filtered.hasMore).toBe(true);
  });

  it('finds a commit by SHA prefix', async () => {
    const target = shas[3] ?? '';
    expect((await page({ shaPrefix: target.slice(0, 7) })).commits.map((c) => c.sha)).toEqual([target]);
    expect((await page({ shaPrefix: target.slice(0, 7).toUpperCase() })).commits.map((c) => c.sha)).toEqual([target]);
  });

  it('only finds SHA prefixes of commits reachable from the ref', async () => {
    const onTopic = repo.head('topic');
    expect((await page({ shaPrefix: onTopic.slice(0, 8) })).commits).toEqual([]);
    expect((await page({ shaPrefix: onTopic.slice(0, 8), ref: 'topic' })).commits.map((c) => c.sha)).toEqual([onTopic]);
  });

  it('does not return trees or blobs whose SHA has the prefix', async () => {
    const blob = repo.git(['rev-parse', 'HEAD:README.md']).trim();
    expect((await page({ shaPrefix: blob.slice(0, 10) })).commits).toEqual([]);
  });

  it('applies text and author filters to SHA matches too', async () => {
    const target = shas[3] ?? '';
    expect((await page({ shaPrefix: target.slice(0, 7), author: 'josé' })).commits).toEqual([]);
    expect((await page({ shaPrefix: target.slice(0, 7), author: 'zoë' })).commits).toHaveLength(1);
  });

  it('refuses a SHA prefix that is too short or not hexadecimal', async () => {
    expect((await errorOf(page({ shaPrefix: 'abc' }))).code).toBe('INVALID_INPUT');
    expect((await errorOf(page({ shaPrefix: 'xyz123' }))).code).toBe('INVALID_INPUT');
  });
});
