import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { ShallowHistory } from '../../../shared/domain/history';
import type { GitRun } from './git-runner';

/**
 * Whether the repository is a shallow clone, and its boundary commits (the commits listed in the
 * `shallow` file, whose parents were not fetched): one `rev-parse`, then a small file read when shallow.
 * null for a complete repository.
 */
export async function readShallow(run: GitRun, cwd: string): Promise<ShallowHistory | null> {
  const { stdout } = await run(['rev-parse', '--is-shallow-repository', '--git-path', 'shallow']);
  const [isShallow, shallowPath = ''] = stdout.split('\n');
  if (isShallow !== 'true') return null;
  // --git-path answers relative to the folder git ran in.
  const text = await readFile(path.resolve(cwd, shallowPath), 'utf8').catch(() => '');
  return { boundary: text.split('\n').filter((line) => /^[0-9a-f]{40,64}$/.test(line)) };
}

/** The parents a commit object names, whether or not they are in the repository (`cat-file`, no walk). */
export async function recordedParents(run: GitRun, sha: string): Promise<string[]> {
  const { stdout } = await run(['cat-file', 'commit', sha]);
  const header = stdout.slice(0, Math.max(0, stdout.indexOf('\n\n')));
  return header
    .split('\n')
    .filter((line) => line.startsWith('parent '))
    .map((line) => line.slice('parent '.length));
}
