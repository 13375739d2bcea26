import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createGitPort } from './simple-git-adapter';
import { makeTempDir, removeDir, TempRepository } from './testing/temp-repository';

describe('GitRepository.readFile and listFiles', () => {
  let root: string;
  let repo: TempRepository;
  let first: string;
  let second: string;

  beforeAll(() => {
    root = makeTempDir();
    repo = TempRepository.init(path.join(root, 'repo'));
    repo.write('migrations/001_a.sql', 'CREATE TABLE a (id int);\n');
    repo.write('services/api/migrations/001_x.sql', 'CREATE TABLE x (id int);\n');
    first = repo.commitAll('first');
    repo.write('migrations/002_b.sql', 'DROP TABLE a;\n');
    repo.write('migrations/nested/readme.txt', 'notes\n');
    second = repo.commitAll('second');
  });
  afterAll(() => removeDir(root));

  it('lists the files of a folder as they were at each commit', async () => {
    const repository = createGitPort().open(repo.dir);
    expect(await repository.listFiles(first, 'migrations')).toEqual(['migrations/001_a.sql']);
    expect(await repository.listFiles(second, 'migrations/')).toEqual(['migrations/001_a.sql', 'migrations/002_b.sql', 'migrations/nested/readme.txt']);
    expect(await repository.listFiles(second, 'no-such-folder')).toEqual([]);
  });

  it("reads a file's text at a commit, and null where the file is not there", async () => {
    const repository = createGitPort().open(repo.dir);
    expect(await repository.readFile(second, 'migrations/002_b.sql')).toBe('DROP TABLE a;\n');
    expect(await repository.readFile(first, 'migrations/002_b.sql')).toBeNull();
    expect(await repository.readFile(second, 'migrations')).toBeNull();
  });

  it('takes paths relative to a service folder inside a larger repository', async () => {
    const repository = createGitPort().open(path.join(repo.dir, 'services/api'));
    expect(await repository.listFiles(second, 'migrations')).toEqual(['migrations/001_x.sql']);
    expect(await repository.readFile(second, 'migrations/001_x.sql')).toBe('CREATE TABLE x (id int);\n');
  });

  it('refuses paths that leave the repository folder, and names a ref that is not there', async () => {
    const repository = createGitPort().open(repo.dir);
    await expect(repository.readFile(second, '../etc/passwd')).rejects.toMatchObject({ code: 'INVALID_INPUT' });
    await expect(repository.listFiles('no-such-branch', 'migrations')).rejects.toMatchObject({ code: 'BAD_REF' });
  });
});
