// Against real git in a temporary repository.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { useTempDirs } from '../../adapters/store/testing/temp-store';
import { ensureLiveCommit, LIVE_DEMO_REF } from './live-demo-commit';

const tempDir = useTempDirs('shipdeck-live-commit-');

const git = (cwd: string, args: readonly string[]): string =>
  execFileSync('git', args, {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, GIT_AUTHOR_NAME: 'T', GIT_AUTHOR_EMAIL: 't@example.com', GIT_COMMITTER_NAME: 'T', GIT_COMMITTER_EMAIL: 't@example.com' }
  }).trim();

function repository(): { repoPath: string; tip: string } {
  const repoPath = tempDir();
  git(repoPath, ['init', '-q', '-b', 'main']);
  fs.mkdirSync(path.join(repoPath, 'www', 'v1'), { recursive: true });
  fs.writeFileSync(path.join(repoPath, 'www', 'index.html'), '<h1>shop-api 1.8.0</h1>\n');
  fs.writeFileSync(path.join(repoPath, 'www', 'v1', 'version.json'), '{"version":"1.8.0"}\n');
  fs.writeFileSync(path.join(repoPath, 'Dockerfile'), 'FROM busybox:1.36\n');
  git(repoPath, ['add', '-A']);
  git(repoPath, ['commit', '-q', '-m', 'ci: portable build']);
  git(repoPath, ['tag', 'v1.8.0']);
  return { repoPath, tip: git(repoPath, ['rev-parse', 'HEAD']) };
}

const files = new Map([
  ['www/index.html', '<h1>shop-api 1.9.0-live</h1>\n'],
  ['www/v1/version.json', '{"version":"1.9.0-live"}\n']
]);

describe('ensureLiveCommit', () => {
  it('writes the changed files on top of the tip on its own ref, moving no branch, tag or file', async () => {
    const { repoPath, tip } = repository();
    const commit = await ensureLiveCommit({ repoPath, base: tip, files, message: 'demo: a newer version\n' });

    expect(git(repoPath, ['rev-parse', LIVE_DEMO_REF])).toBe(commit);
    expect(git(repoPath, ['rev-parse', `${commit}^`])).toBe(tip);
    expect(git(repoPath, ['show', `${commit}:www/v1/version.json`])).toBe('{"version":"1.9.0-live"}');
    expect(git(repoPath, ['show', `${commit}:Dockerfile`])).toBe('FROM busybox:1.36');
    expect(git(repoPath, ['diff', '--name-only', tip, commit]).split('\n')).toEqual(['www/index.html', 'www/v1/version.json']);
    // The demo's own refs and working tree are as they were.
    expect(git(repoPath, ['rev-parse', 'main'])).toBe(tip);
    expect(git(repoPath, ['for-each-ref', '--format=%(refname)'])).toBe(['refs/heads/main', LIVE_DEMO_REF, 'refs/tags/v1.8.0'].sort().join('\n'));
    expect(git(repoPath, ['status', '--porcelain'])).toBe('');
    expect(fs.readFileSync(path.join(repoPath, 'www', 'v1', 'version.json'), 'utf8')).toBe('{"version":"1.8.0"}\n');
  });

  it('finds the commit again (the same SHA) on a second open, and makes the same one after the ref was lost', async () => {
    const { repoPath, tip } = repository();
    const first = await ensureLiveCommit({ repoPath, base: tip, files, message: 'demo: a newer version\n' });
    const objects = git(repoPath, ['rev-list', '--all', '--count']);
    expect(await ensureLiveCommit({ repoPath, base: tip, files, message: 'demo: a newer version\n' })).toBe(first);
    expect(git(repoPath, ['rev-list', '--all', '--count'])).toBe(objects);

    git(repoPath, ['update-ref', '-d', LIVE_DEMO_REF]);
    expect(await ensureLiveCommit({ repoPath, base: tip, files, message: 'demo: a newer version\n' })).toBe(first);
  });

  it('moves to the new tip when main moved on', async () => {
    const { repoPath, tip } = repository();
    const first = await ensureLiveCommit({ repoPath, base: tip, files, message: 'demo: a newer version\n' });
    fs.writeFileSync(path.join(repoPath, 'README.md'), 'more\n');
    git(repoPath, ['add', '-A']);
    git(repoPath, ['commit', '-q', '-m', 'docs: more']);
    const newTip = git(repoPath, ['rev-parse', 'HEAD']);

    const second = await ensureLiveCommit({ repoPath, base: newTip, files, message: 'demo: a newer version\n' });
    expect(second).not.toBe(first);
    expect(git(repoPath, ['rev-parse', `${second}^`])).toBe(newTip);
    expect(git(repoPath, ['rev-parse', LIVE_DEMO_REF])).toBe(second);
  });
});
