import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { GitRepository } from '../../ports/git';
import { createGitPort } from './simple-git-adapter';
import { makeTempDir, removeDir, TempRepository } from './testing/temp-repository';

describe('GitRepository.tags', () => {
  let root: string;
  let repo: TempRepository;
  let repository: GitRepository;
  const commits: string[] = [];

  beforeAll(() => {
    root = makeTempDir();
    repo = TempRepository.init(path.join(root, 'repo'));
    for (let i = 0; i < 6; i++) commits.push(repo.commitFile('f.txt', `${i}\n`, `commit ${i}`));
    const at = (i: number) => commits[i] ?? '';
    repo.tag('v1.9.0', { annotated: true, target: at(0) });
    repo.tag('v1.10.0', { target: at(1) });
    repo.tag('v2.0.0-rc.1', { annotated: true, target: at(2) });
    repo.tag('v2.0.0', { annotated: true, target: at(3) });
    repo.tag('api/v3.0.0', { target: at(4) });
    repo.tag('nightly', { target: at(5) });
    repo.tag('v0.1.0-alpha', { target: at(0) });
    const blob = repo.git(['rev-parse', 'HEAD:f.txt']).trim();
    repo.git(['tag', 'v9.9.9', blob]); // a tag of a blob leads to no commit
    repository = createGitPort().open(repo.dir);
  });
  afterAll(() => removeDir(root));

  it('sorts semantic versions by precedence, then other tags, skipping tags that lead to no commit', async () => {
    const names = (await repository.tags()).map((tag) => tag.name);
    expect(names).toEqual(['api/v3.0.0', 'v2.0.0', 'v2.0.0-rc.1', 'v1.10.0', 'v1.9.0', 'v0.1.0-alpha', 'nightly']);
  });

  it('peels annotated tags to their commit and dates them by the tagger', async () => {
    const tags = await repository.tags();
    const v2 = tags.find((tag) => tag.name === 'v2.0.0');
    const tagObject = repo.git(['rev-parse', 'v2.0.0']).trim();
    expect(v2).toMatchObject({ sha: commits[3], annotated: true, semver: { major: 2, minor: 0, patch: 0, prerelease: [] } });
    expect(tagObject).not.toBe(commits[3]);
    expect(v2?.date).toBe(repo.git(['for-each-ref', '--format=%(taggerdate:iso-strict)', 'refs/tags/v2.0.0']).trim());
    expect(v2?.date).not.toBe(repo.git(['log', '-1', '--format=%cI', commits[3] ?? '']).trim());
  });

  it('dates lightweight tags by their commit and parses prefixed versions', async () => {
    const tags = await repository.tags();
    expect(tags.find((tag) => tag.name === 'v1.10.0')).toMatchObject({
      sha: commits[1],
      annotated: false,
      date: repo.git(['log', '-1', '--format=%cI', commits[1] ?? '']).trim()
    });
    expect(tags.find((tag) => tag.name === 'api/v3.0.0')?.semver).toMatchObject({ major: 3 });
    expect(tags.find((tag) => tag.name === 'nightly')?.semver).toBeNull();
  });
});
