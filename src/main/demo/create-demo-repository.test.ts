import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseSemVer } from '../../shared/domain/semver';
import type { AppError } from '../../shared/result';
import { createGitPort } from '../adapters/git/simple-git-adapter';
import { git, makeTempDir, removeDir } from '../adapters/git/testing/temp-repository';
import { createDemoRepository } from './create-demo-repository';

const NOW = new Date('2025-06-02T09:30:00Z');

describe('createDemoRepository', () => {
  let root: string;
  let target: string;
  const progress: [string, number, number][] = [];

  beforeAll(async () => {
    root = makeTempDir('shipdeck-demo-');
    target = path.join(root, 'data', 'demo', 'shop-api');
    await createDemoRepository(target, { now: NOW, onProgress: (step, completed, total) => progress.push([step, completed, total]) });
  });
  afterAll(() => removeDir(root));

  it('creates a repository with the promised history', async () => {
    const repository = createGitPort().open(target);
    const check = await repository.check();
    expect(check.bare).toBe(false);
    expect(Number(git(target, ['rev-list', '--count', '--all']).trim())).toBeGreaterThanOrEqual(300);
    expect(Number(git(target, ['rev-list', '--count', '--merges', 'main']).trim())).toBeGreaterThanOrEqual(20);
    const authors = new Set(git(target, ['log', '--all', '--format=%an']).trim().split('\n'));
    expect(authors.size).toBeGreaterThanOrEqual(6);
    expect(authors).toContain('Zoë Müller');

    const tags = await repository.tags();
    expect(tags.filter((tag) => tag.semver !== null).length).toBeGreaterThanOrEqual(10);
    expect(tags[0]?.name).toMatch(/^v1\.8\.\d+$/);
    expect(tags.some((tag) => tag.semver?.prerelease.length)).toBe(true);
    expect(tags.some((tag) => tag.annotated) && tags.some((tag) => !tag.annotated)).toBe(true);

    const branches = (await repository.branches()).map((branch) => branch.name);
    expect(branches[0]).toBe('main');
    expect(branches).toEqual(expect.arrayContaining(['main', 'release/1.8', 'feature/gift-cards']));

    const newest = (await repository.commits({ offset: 0, limit: 1 })).commits[0];
    expect(Date.parse(newest?.authoredAt ?? '')).toBeLessThan(NOW.getTime());
    expect(Date.parse(newest?.authoredAt ?? '')).toBeGreaterThan(NOW.getTime() - 14 * 86_400_000);
  });

  it('checks main out into a clean work tree with the service files', () => {
    for (const file of ['README.md', 'CHANGELOG.md', 'Dockerfile', '.shipdeck/pipeline.yml', 'package.json', 'src/server.ts', 'migrations/001_create_products.sql']) {
      expect(existsSync(path.join(target, file)), file).toBe(true);
    }
    expect(readdirSync(path.join(target, 'migrations')).length).toBeGreaterThan(10);
    expect(readFileSync(path.join(target, 'package.json'), 'utf8')).toMatch(/"version": "1\.8\.0"/);
    expect(git(target, ['status', '--porcelain'])).toBe('');
    expect(git(target, ['symbolic-ref', 'HEAD']).trim()).toBe('refs/heads/main');
  });

  it('compares two releases through the git port, merges included', async () => {
    const comparison = await createGitPort().open(target).compare('v1.7.0', 'v1.8.0', 1000);
    expect(comparison.commits.length).toBeGreaterThan(5);
    expect(comparison.commits.some((commit) => commit.parents.length === 2)).toBe(true);
    expect(comparison.behind).toBe(0);
  });

  it('reports progress from 0 up to the total', () => {
    const [first] = progress;
    const last = progress.at(-1);
    expect(first?.[1]).toBe(0);
    expect(last?.[1]).toBe(last?.[2]);
    const completed = progress.map(([, done]) => done);
    expect(completed).toEqual([...completed].sort((a, b) => a - b));
  });

  it('leaves no build folder behind', () => {
    expect(readdirSync(path.dirname(target))).toEqual(['shop-api']);
  });

  it('does nothing when the repository is already there', async () => {
    const head = git(target, ['rev-parse', 'HEAD']);
    const before = statSync(path.join(target, '.git', 'HEAD')).mtimeMs;
    let called = false;
    await createDemoRepository(target, { now: new Date(NOW.getTime() + 86_400_000), onProgress: () => (called = true) });
    expect(git(target, ['rev-parse', 'HEAD'])).toBe(head);
    expect(statSync(path.join(target, '.git', 'HEAD')).mtimeMs).toBe(before);
    expect(called).toBe(false);
  });

  it('removes a killed build\'s folder on open, and keeps one a live build is using', async () => {
    const gone = spawnSync(process.execPath, ['-e', '']).pid;
    const live = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 60_000)'], { stdio: 'ignore' });
    try {
      const parent = path.dirname(target);
      const stale = `.shop-api.building-p${gone}-t${Date.now() - 5_000}-0badc0de`;
      const fresh = `.shop-api.building-p${live.pid}-t${Date.now()}-0c0ffee0`;
      mkdirSync(path.join(parent, stale, '.git'), { recursive: true });
      mkdirSync(path.join(parent, fresh, '.git'), { recursive: true });

      await createDemoRepository(target, { now: NOW });

      expect(readdirSync(parent).sort()).toEqual([fresh, 'shop-api']);
      rmSync(path.join(parent, fresh), { recursive: true });
    } finally {
      live.kill();
    }
  });

  it('refuses to replace a folder that holds something else, and leaves it as it was', async () => {
    const occupied = path.join(root, 'occupied');
    mkdirSync(occupied);
    writeFileSync(path.join(occupied, 'notes.txt'), 'mine');
    const error = await createDemoRepository(occupied, { now: NOW }).then(
      () => expect.fail('expected an error'),
      (e: AppError) => e
    );
    expect(error.code).toBe('ALREADY_EXISTS');
    expect(readdirSync(occupied)).toEqual(['notes.txt']);
    expect(readdirSync(root).filter((name) => name.includes('building'))).toEqual([]);
  });

  it('fills an empty folder, and two concurrent calls end with one good repository', async () => {
    const empty = path.join(root, 'empty');
    mkdirSync(empty);
    await Promise.all([createDemoRepository(empty, { now: NOW }), createDemoRepository(empty, { now: NOW })]);
    await expect(createGitPort().open(empty).check()).resolves.toMatchObject({ bare: false });
    expect(readdirSync(root).filter((name) => name.includes('building'))).toEqual([]);
    expect(parseSemVer((await createGitPort().open(empty).tags())[0]?.name ?? '')).not.toBeNull();
  });
});
