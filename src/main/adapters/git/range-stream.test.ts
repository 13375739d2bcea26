import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RangeItem } from '../../../shared/domain/history';
import { NulRecordStream } from './nul-record-stream';
import { createGitPort } from './simple-git-adapter';
import { makeTempDir, removeDir, TempRepository } from './testing/temp-repository';

describe('NulRecordStream', () => {
  it('hands over whole records across any chunk boundary, multi-byte characters included', () => {
    const output = Buffer.from('a\0Zoë\0\nb\0ü✓\0');
    for (let size = 1; size <= output.length; size++) {
      const records: string[][] = [];
      const stream = new NulRecordStream(2, (fields) => records.push(fields));
      for (let at = 0; at < output.length; at += size) stream.write(output.subarray(at, at + size));
      expect(stream.end(), `chunks of ${size}`).toBe(true);
      expect(records, `chunks of ${size}`).toEqual([['a', 'Zoë'], ['b', 'ü✓']]);
    }
  });

  it('says when the output ended inside a record', () => {
    const stream = new NulRecordStream(2, () => undefined);
    stream.write(Buffer.from('a\0b'));
    expect(stream.end()).toBe(false);
  });
});

describe('GitRepository.streamRange', () => {
  let root: string;
  let repo: TempRepository;
  const shas: string[] = [];

  beforeAll(() => {
    root = makeTempDir();
    repo = TempRepository.init(path.join(root, 'repo'));
    for (let i = 0; i < 30; i++) shas.push(repo.commitFile('a.txt', `${i}\n`, `commit ${i} ✓`));
    repo.tag('v1.0.0', { target: shas[4] ?? '' });
    repo.tag('v2.0.0', { annotated: true });
  });
  afterAll(() => removeDir(root));

  const itemsOf = async (limit: number | null): Promise<RangeItem[]> => {
    const items: RangeItem[] = [];
    await createGitPort().open(repo.dir).streamRange('v1.0.0', 'v2.0.0', limit, (item) => items.push(item));
    return items;
  };

  it('delivers the ends, every commit newest first, then the summary — what compare answers', async () => {
    const items = await itemsOf(null);
    expect(items[0]).toEqual({ kind: 'ends', from: 'v1.0.0', to: 'v2.0.0', fromSha: shas[4], toSha: shas[29] });
    expect(items.slice(1, -1).map((item) => (item.kind === 'commit' ? item.commit.sha : item.kind))).toEqual(shas.slice(5).reverse());
    expect(items.at(-1)).toEqual({ kind: 'summary', truncated: false, behind: 0 });
    const comparison = await createGitPort().open(repo.dir).compare('v1.0.0', 'v2.0.0', 1000);
    expect(items.flatMap((item) => (item.kind === 'commit' ? [item.commit] : []))).toEqual(comparison.commits);
  });

  it('stops at the limit and says it truncated', async () => {
    const items = await itemsOf(3);
    expect(items.filter((item) => item.kind === 'commit')).toHaveLength(3);
    expect(items.at(-1)).toEqual({ kind: 'summary', truncated: true, behind: 0 });
  });
});
