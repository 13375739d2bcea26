import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createGitPort } from './simple-git-adapter';
import { git, makeTempDir, removeDir, TempRepository } from './testing/temp-repository';

describe('a shallow clone', () => {
  let root: string;
  let cloneDir: string;
  const shas: string[] = []; // oldest first

  beforeAll(() => {
    root = makeTempDir();
    const origin = TempRepository.init(path.join(root, 'origin'));
    for (let i = 0; i < 10; i++) shas.push(origin.commitFile(`f${i % 3}.txt`, `${i}\n`, `commit ${i}`));
    cloneDir = path.join(root, 'clone');
    git(root, ['clone', '--quiet', '--depth', '5', `file://${origin.dir}`, cloneDir]);
  });
  afterAll(() => removeDir(root));

  it('says its history is truncated, and at which commit', async () => {
    const page = await createGitPort().open(cloneDir).commits({ offset: 0, limit: 50 });
    expect(page.commits.map((commit) => commit.sha)).toEqual(shas.slice(5).reverse());
    expect(page.shallow).toEqual({ boundary: [shas[5]] });
    expect(page.hasMore).toBe(false);
  });

  it('shows the boundary commit with its real parent, flagged as missing, and no "added" files', async () => {
    const detail = await createGitPort().open(cloneDir).commit(shas[5] ?? '');
    expect(detail.parentsMissing).toBe(true);
    expect(detail.parents).toEqual([shas[4]]);
    expect(detail.files).toEqual([]);
    const inside = await createGitPort().open(cloneDir).commit(shas[6] ?? '');
    expect(inside.parentsMissing).toBe(false);
    expect(inside.files.map((file) => file.change)).toEqual(['modified']);
  });

  it('leaves a complete repository unflagged', async () => {
    const repository = createGitPort().open(path.join(root, 'origin'));
    expect(await repository.commits({ offset: 0, limit: 5 })).not.toHaveProperty('shallow');
    expect((await repository.commit(shas[0] ?? '')).parentsMissing).toBe(false);
  });
});
