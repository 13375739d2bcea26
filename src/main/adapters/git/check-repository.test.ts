import { chmodSync, chownSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppError } from '../../../shared/result';
import { createGitPort } from './simple-git-adapter';
import { git, makeTempDir, removeDir, TempRepository } from './testing/temp-repository';

const port = createGitPort();
const errorOf = (promise: Promise<unknown>): Promise<AppError> => promise.then(() => expect.fail('expected an error'), (error: AppError) => error);

describe('GitRepository.check', () => {
  let root: string;
  let repo: TempRepository;

  beforeAll(() => {
    root = makeTempDir();
    repo = TempRepository.init(path.join(root, 'service'));
    repo.commitFile('src/index.ts', 'export {};\n', 'feat: first');
    repo.commitFile('README.md', '# service\n', 'docs: readme');
  });
  afterAll(() => removeDir(root));

  it('returns the absolute path, bare flag and HEAD of a repository', async () => {
    const relative = path.relative(process.cwd(), repo.dir);
    await expect(port.open(relative).check()).resolves.toEqual({ path: repo.dir, bare: false, headSha: repo.head() });
  });

  it('says PATH_NOT_FOUND for a path that does not exist', async () => {
    const error = await errorOf(port.open(path.join(root, 'missing', 'repo')).check());
    expect(error.code).toBe('PATH_NOT_FOUND');
    expect(error.message).toContain(path.join(root, 'missing', 'repo'));
  });

  it('says NOT_A_REPOSITORY for a plain folder and for a file', async () => {
    const plain = path.join(root, 'plain');
    mkdirSync(plain);
    expect((await errorOf(port.open(plain).check())).code).toBe('NOT_A_REPOSITORY');
    const file = path.join(root, 'notes.txt');
    writeFileSync(file, 'hello');
    expect((await errorOf(port.open(file).check())).code).toBe('NOT_A_REPOSITORY');
  });

  it('does not walk up into an enclosing repository from an untracked folder, and names that repository', async () => {
    const stray = path.join(repo.dir, 'tmp', 'scratch');
    mkdirSync(stray, { recursive: true });
    const error = await errorOf(port.open(stray).check());
    expect(error.code).toBe('NOT_A_REPOSITORY');
    expect(error.hint).toContain(repo.dir);
    // Every other call says the same, not the enclosing repository's history.
    expect((await errorOf(port.open(stray).commits({ offset: 0, limit: 5 }))).code).toBe('NOT_A_REPOSITORY');
  });

  it('accepts a folder that is part of an enclosing repository, as git does (a service in a monorepo)', async () => {
    const sub = port.open(path.join(repo.dir, 'src'));
    await expect(sub.check()).resolves.toEqual({ path: path.join(repo.dir, 'src'), bare: false, headSha: repo.head() });
    expect((await sub.commits({ offset: 0, limit: 5 })).commits.map((c) => c.subject)).toEqual(['docs: readme', 'feat: first']);
  });

  it('says EMPTY_REPOSITORY for a repository without commits, for check and for history calls', async () => {
    const empty = TempRepository.init(path.join(root, 'empty'));
    expect((await errorOf(port.open(empty.dir).check())).code).toBe('EMPTY_REPOSITORY');
    expect((await errorOf(port.open(empty.dir).commits({ offset: 0, limit: 5 }))).code).toBe('EMPTY_REPOSITORY');
  });

  it('reads a bare clone: bare flag, HEAD, history and tags', async () => {
    repo.tag('v1.0.0', { annotated: true });
    const bareDir = path.join(root, 'service.git');
    git(root, ['clone', '--quiet', '--bare', repo.dir, bareDir]);
    const bare = port.open(bareDir);
    await expect(bare.check()).resolves.toEqual({ path: bareDir, bare: true, headSha: repo.head() });
    expect((await bare.commits({ offset: 0, limit: 10 })).commits).toHaveLength(2);
    expect((await bare.tags()).map((tag) => [tag.name, tag.sha])).toEqual([['v1.0.0', repo.head()]]);
  });

  it('works in a path with spaces and non-ASCII characters', async () => {
    const odd = TempRepository.init(path.join(root, 'my repos', 'dépôt ünï'));
    odd.commitFile('dossier é/fichier à.txt', 'contenu\n', 'feat: ajouté un fichier ✓');
    const repository = port.open(odd.dir);
    await expect(repository.check()).resolves.toMatchObject({ path: odd.dir, headSha: odd.head() });
    const detail = await repository.commit('HEAD');
    expect(detail.subject).toBe('feat: ajouté un fichier ✓');
    expect(detail.files.map((file) => file.path)).toEqual(['dossier é/fichier à.txt']);
  });

  it('ignores GIT_DIR and friends inherited from the environment (e.g. when launched from a git hook)', async () => {
    const other = TempRepository.init(path.join(root, 'other'));
    other.commitFile('x', 'x', 'other: commit');
    const saved = process.env.GIT_DIR;
    process.env.GIT_DIR = path.join(other.dir, '.git');
    try {
      await expect(port.open(repo.dir).check()).resolves.toMatchObject({ headSha: repo.head() });
    } finally {
      if (saved === undefined) delete process.env.GIT_DIR;
      else process.env.GIT_DIR = saved;
    }
  });

  // Ownership can only be given away by root; elsewhere the classifier's unit test covers the message.
  it.runIf(process.getuid?.() === 0)('says UNSAFE_REPOSITORY when git refuses a repository owned by someone else', async () => {
    const foreign = TempRepository.init(path.join(root, 'foreign'));
    foreign.commitFile('x', 'x', 'first');
    chmodSync(foreign.dir, 0o755);
    chownSync(foreign.dir, 65534, 65534);
    const error = await errorOf(port.open(foreign.dir).check());
    expect(error.code).toBe('UNSAFE_REPOSITORY');
    expect(error.hint).toContain(`safe.directory "${foreign.dir}"`);
  });
});
