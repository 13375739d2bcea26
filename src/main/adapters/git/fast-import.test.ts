import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppError } from '../../../shared/result';
import { fastImport } from './fast-import';
import { git, makeTempDir, removeDir, TempRepository } from './testing/temp-repository';

const commit = (ref: string, mark: number, message: string, from?: number): string =>
  `commit ${ref}\nmark :${mark}\ncommitter Zoë Müller <zoe@example.com> ${1_700_000_000 + mark} +0100\n` +
  `data ${Buffer.byteLength(message)}\n${message}\n${from === undefined ? '' : `from :${from}\n`}` +
  `M 100644 inline file.txt\ndata ${Buffer.byteLength(message)}\n${message}\n\n`;

describe('fastImport', () => {
  let root: string;
  beforeAll(() => {
    root = makeTempDir();
  });
  afterAll(() => removeDir(root));

  it('imports commits and tags from a sync iterable of strings and Buffers', async () => {
    const repo = TempRepository.init(path.join(root, 'sync'));
    await fastImport(repo.dir, [commit('refs/heads/main', 1, 'première'), Buffer.from(commit('refs/heads/main', 2, 'second', 1)), 'reset refs/tags/v1.0.0\nfrom :1\n\n']);
    expect(git(repo.dir, ['log', '--format=%an|%s', 'main'])).toBe('Zoë Müller|second\nZoë Müller|première\n');
    expect(git(repo.dir, ['rev-parse', 'v1.0.0']).trim()).toBe(git(repo.dir, ['rev-parse', 'main~1']).trim());
  });

  it('imports from an async iterable', async () => {
    const repo = TempRepository.init(path.join(root, 'async'));
    async function* commands() {
      for (let mark = 1; mark <= 50; mark++) yield commit('refs/heads/main', mark, `change ${mark}`, mark > 1 ? mark - 1 : undefined);
    }
    await fastImport(repo.dir, commands());
    expect(git(repo.dir, ['rev-list', '--count', 'main']).trim()).toBe('50');
  });

  it("fails with GIT_FAILED and git's reason for a bad stream, and writes no refs", async () => {
    const repo = TempRepository.init(path.join(root, 'bad'));
    const error = await fastImport(repo.dir, [commit('refs/heads/main', 1, 'ok'), 'commit refs/heads/main\nmark :2\nfrom :99\n\n']).then(
      () => expect.fail('expected an error'),
      (e: AppError) => e
    );
    expect(error.code).toBe('GIT_FAILED');
    expect(error.message).toMatch(/fast-import failed/);
    expect(git(repo.dir, ['for-each-ref'])).toBe('');
  });

  it('rethrows when the commands fail half-way, and git keeps nothing of the partial stream', async () => {
    const repo = TempRepository.init(path.join(root, 'partial'));
    function* commands() {
      yield commit('refs/heads/main', 1, 'first');
      throw new Error('generator broke');
    }
    await expect(fastImport(repo.dir, commands())).rejects.toThrow('generator broke');
    expect(git(repo.dir, ['for-each-ref'])).toBe('');
  });
});
