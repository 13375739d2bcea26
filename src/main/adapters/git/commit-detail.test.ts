import { rmSync, symlinkSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppError } from '../../../shared/result';
import type { GitRepository } from '../../ports/git';
import { createGitPort } from './simple-git-adapter';
import { makeTempDir, removeDir, TempRepository } from './testing/temp-repository';

const errorOf = (promise: Promise<unknown>): Promise<AppError> => promise.then(() => expect.fail('expected an error'), (error: AppError) => error);
const lines = (count: number, label: string): string => Array.from({ length: count }, (_, i) => `${label} line ${i}\n`).join('');

describe('GitRepository.commit', () => {
  let root: string;
  let repo: TempRepository;
  let repository: GitRepository;
  let rootSha: string;
  let changeSha: string;

  beforeAll(() => {
    root = makeTempDir();
    repo = TempRepository.init(path.join(root, 'repo'));
    repo.write('keep.txt', lines(10, 'keep'));
    repo.write('remove.txt', lines(3, 'remove'));
    repo.write('old name.ts', lines(20, 'moved'));
    repo.write('link-target.txt', 'target\n');
    rootSha = repo.commitAll('chore: initial commit');

    repo.write('keep.txt', lines(10, 'keep').replace('keep line 3\n', 'changed line 3\nadded line\n'));
    rmSync(path.join(repo.dir, 'remove.txt'));
    rmSync(path.join(repo.dir, 'old name.ts'));
    repo.write('src/nouveau nom é.ts', lines(20, 'moved') + 'one more\n');
    repo.write('logo.png', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x00, 0x01, 0x02, 0x00]));
    rmSync(path.join(repo.dir, 'link-target.txt'));
    symlinkSync('keep.txt', path.join(repo.dir, 'link-target.txt'));
    repo.git(['add', '--all']);
    repo.git(['commit', '--quiet', '-m', 'refactor: move things around\n\nWhy: tidy up.\nSecond line of the body.'], {
      ...repo.nextEnv({ name: 'Zoë Müller', email: 'zoe@example.com' }, { name: 'José Núñez', email: 'jose@example.com' })
    });
    changeSha = repo.head();
    repository = createGitPort().open(repo.dir);
  });
  afterAll(() => removeDir(root));

  it('lists every kind of change against the first parent, with line counts', async () => {
    const detail = await repository.commit(changeSha);
    const byPath = Object.fromEntries(detail.files.map((file) => [file.path, file]));
    expect(byPath['keep.txt']).toEqual({ path: 'keep.txt', previousPath: null, change: 'modified', additions: 2, deletions: 1 });
    expect(byPath['remove.txt']).toEqual({ path: 'remove.txt', previousPath: null, change: 'deleted', additions: 0, deletions: 3 });
    expect(byPath['src/nouveau nom é.ts']).toEqual({
      path: 'src/nouveau nom é.ts',
      previousPath: 'old name.ts',
      change: 'renamed',
      additions: 1,
      deletions: 0
    });
    expect(byPath['logo.png']).toEqual({ path: 'logo.png', previousPath: null, change: 'added', additions: null, deletions: null });
    expect(byPath['link-target.txt']).toMatchObject({ change: 'type-changed' });
    expect(detail.files).toHaveLength(5);
  });

  it('returns the message, author and committer', async () => {
    const detail = await repository.commit(changeSha.slice(0, 10));
    expect(detail).toMatchObject({
      sha: changeSha,
      parents: [rootSha],
      subject: 'refactor: move things around',
      body: 'Why: tidy up.\nSecond line of the body.',
      authorName: 'Zoë Müller',
      authorEmail: 'zoe@example.com',
      committerName: 'José Núñez'
    });
    expect(detail.committedAt).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+01:00$/);
  });

  it('diffs a root commit against the empty tree', async () => {
    const detail = await repository.commit(rootSha);
    expect(detail.parents).toEqual([]);
    expect(detail.files.map((file) => [file.path, file.change, file.additions])).toEqual([
      ['keep.txt', 'added', 10],
      ['link-target.txt', 'added', 1],
      ['old name.ts', 'added', 20],
      ['remove.txt', 'added', 3]
    ]);
  });

  it('diffs a merge commit against its first parent: the files the merged branch brought', async () => {
    repo.git(['checkout', '--quiet', '-b', 'side']);
    repo.commitFile('side.txt', 'from side\n', 'feat: side work');
    repo.git(['checkout', '--quiet', 'main']);
    repo.commitFile('main.txt', 'on main\n', 'feat: main work');
    const merge = repo.merge('side', 'Merge branch side');
    const detail = await repository.commit(merge);
    expect(detail.parents).toHaveLength(2);
    expect(detail.files).toEqual([{ path: 'side.txt', previousPath: null, change: 'added', additions: 1, deletions: 0 }]);
  });

  it('resolves annotated tags to their commit', async () => {
    repo.tag('v1.0.0', { annotated: true, target: rootSha });
    expect((await repository.commit('v1.0.0')).sha).toBe(rootSha);
  });

  it('names an unknown ref, and refuses option-like refs', async () => {
    const unknown = await errorOf(repository.commit('deadbeef00'));
    expect(unknown.code).toBe('BAD_REF');
    expect(unknown.message).toContain('deadbeef00');
    expect((await errorOf(repository.commit('-p'))).code).toBe('BAD_REF');
  });
});
