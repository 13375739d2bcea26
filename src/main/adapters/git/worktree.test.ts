import { chmodSync, existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeTempDir, removeDir, TempRepository } from './testing/temp-repository';
import { createWorktreeAdapter, worktreesFolder } from './worktree';

let dir: string;
let repo: TempRepository;
let first: string;
let second: string;

beforeEach(() => {
  dir = makeTempDir('shipdeck-worktree-');
  repo = TempRepository.init(path.join(dir, 'repo'));
  first = repo.commitFile('app.txt', 'version 1\n', 'first');
  repo.tag('v1.0.0', { annotated: true });
  second = repo.commitFile('app.txt', 'version 2\n', 'second');
});
afterEach(() => removeDir(dir));

const worktreeList = () => repo.git(['worktree', 'list', '--porcelain']).split('\n').filter((line) => line.startsWith('worktree '));

describe('worktree adapter', () => {
  it('resolves branches, annotated tags, short and full SHAs to the commit', async () => {
    const worktrees = createWorktreeAdapter(path.join(dir, 'data'));
    expect(await worktrees.resolveCommit(repo.dir, 'main')).toBe(second);
    expect(await worktrees.resolveCommit(repo.dir, 'v1.0.0')).toBe(first);
    expect(await worktrees.resolveCommit(repo.dir, first.slice(0, 8))).toBe(first);
    expect(await worktrees.resolveCommit(repo.dir, second)).toBe(second);
  });

  it('says clearly when a ref names nothing, or a commit that no longer exists', async () => {
    const worktrees = createWorktreeAdapter(path.join(dir, 'data'));
    await expect(worktrees.resolveCommit(repo.dir, 'no-such-branch')).rejects.toMatchObject({ code: 'BAD_REF', message: expect.stringContaining('"no-such-branch" is not a branch, tag or commit') });
    repo.git(['checkout', '--quiet', '-b', 'doomed']);
    const doomed = repo.commitFile('gone.txt', 'x', 'to be collected');
    repo.git(['checkout', '--quiet', 'main']);
    repo.git(['branch', '-D', 'doomed']);
    repo.git(['reflog', 'expire', '--expire=now', '--all']);
    repo.git(['gc', '--quiet', '--prune=now']);
    await expect(worktrees.resolveCommit(repo.dir, doomed)).rejects.toMatchObject({
      code: 'BAD_REF',
      message: expect.stringContaining(`The commit ${doomed} does not exist`)
    });
    await expect(worktrees.create(repo.dir, doomed, 'run-1')).rejects.toMatchObject({ code: 'BAD_REF' });
    expect(worktreeList()).toHaveLength(1);
  });

  it('checks out a clean detached worktree of the commit, leaving the user\'s working tree alone, and removes it', async () => {
    repo.write('app.txt', 'uncommitted edit\n');
    repo.write('scratch.txt', 'untracked\n');
    const statusBefore = repo.git(['status', '--porcelain']);
    const worktrees = createWorktreeAdapter(path.join(dir, 'data'));
    const checkout = await worktrees.create(repo.dir, 'v1.0.0', 'run-42');
    expect(checkout.commit).toBe(first);
    expect(path.dirname(checkout.path)).toBe(worktreesFolder(path.join(dir, 'data')));
    expect(path.basename(checkout.path)).toMatch(/^run-42-[0-9a-f]{8}$/);
    expect(readFileSync(path.join(checkout.path, 'app.txt'), 'utf8')).toBe('version 1\n');
    expect(existsSync(path.join(checkout.path, 'scratch.txt'))).toBe(false);
    expect(repo.git(['-C', checkout.path, 'rev-parse', 'HEAD']).trim()).toBe(first);
    expect(repo.git(['status', '--porcelain'])).toBe(statusBefore);
    expect(repo.git(['rev-parse', '--abbrev-ref', 'HEAD']).trim()).toBe('main');

    await worktrees.remove(checkout);
    expect(existsSync(checkout.path)).toBe(false);
    expect(worktreeList()).toHaveLength(1);
    expect(readFileSync(path.join(repo.dir, 'app.txt'), 'utf8')).toBe('uncommitted edit\n');
    await worktrees.remove(checkout); // idempotent
  });

  it('does not run the repository\'s hooks while checking out', async () => {
    repo.write('.git/hooks/post-checkout', '#!/bin/sh\necho hooked > hooked.txt\n');
    chmodSync(path.join(repo.dir, '.git/hooks/post-checkout'), 0o755);
    const worktrees = createWorktreeAdapter(path.join(dir, 'data'));
    const checkout = await worktrees.create(repo.dir, 'main', 'run');
    expect(existsSync(path.join(checkout.path, 'hooked.txt'))).toBe(false);
    await worktrees.remove(checkout);
  });

  it('reads a file at a commit, or null when the commit has none', async () => {
    const worktrees = createWorktreeAdapter(path.join(dir, 'data'));
    expect(await worktrees.readFileAt(repo.dir, first, 'app.txt')).toBe('version 1\n');
    expect(await worktrees.readFileAt(repo.dir, first, '.shipdeck/pipeline.yml')).toBeNull();
  });

  it('removes worktrees left behind by a crashed run, also when their repository is gone', async () => {
    const data = path.join(dir, 'data');
    const crashed = createWorktreeAdapter(data);
    const a = await crashed.create(repo.dir, 'main', 'run-a');
    const b = await crashed.create(repo.dir, first, 'run-b');
    const other = TempRepository.init(path.join(dir, 'other'));
    other.commitFile('x', 'x', 'x');
    const orphan = await crashed.create(other.dir, 'main', 'run-c');
    removeDir(other.dir);
    expect(worktreeList()).toHaveLength(3);

    const removed = await createWorktreeAdapter(data).removeLeftovers();
    expect([...removed].sort()).toEqual([a.path, b.path, orphan.path].sort());
    for (const folder of removed) expect(existsSync(folder)).toBe(false);
    expect(worktreeList()).toHaveLength(1);
    expect(await createWorktreeAdapter(data).removeLeftovers()).toEqual([]);
  });
});
