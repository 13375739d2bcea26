import { mkdir } from 'node:fs/promises';
import { fastImport } from '../../src/main/adapters/git/fast-import';
import { runGit } from '../../src/main/adapters/git/git-runner';

export interface SyntheticHistoryOptions {
  /** Commits in main's history, side-branch commits included. */
  readonly commits: number;
  /** A lightweight tag every this many commits: v0.0.0, v0.1.0, … */
  readonly tagEvery: number;
}

const AUTHORS = ['Zoë Müller <zoe@bench.example>', 'José Núñez <jose@bench.example>', 'Priya Raman <priya@bench.example>'];
const START = 1_600_000_000;
const MERGE_EVERY = 50;
const COMMITS_PER_CHUNK = 1_000;

const data = (text: string): string => `data ${Buffer.byteLength(text)}\n${text}\n`;

function commitBlock(ref: string, mark: number, index: number, parents: readonly number[]): string {
  const [from, merge] = parents;
  const who = `${AUTHORS[index % AUTHORS.length] ?? AUTHORS[0]} ${START + index * 60} +0000`;
  return (
    `commit ${ref}\nmark :${mark}\nauthor ${who}\ncommitter ${who}\n` +
    data(`chore(bench): change ${index}\n\nSynthetic commit ${index} for benchmarks.\n`) +
    (from === undefined ? '' : `from :${from}\n`) +
    (merge === undefined ? '' : `merge :${merge}\n`) +
    `M 100644 inline src/part-${index % 10}.txt\n` +
    data(`value ${index}\n`) +
    '\n'
  );
}

/**
 * Fast-import commands for a linear-ish history: one commit after another on main, and every
 * MERGE_EVERY commits a side commit (forked three commits back) merged in. Pure; pushes tag names into
 * `tags` as it goes. Yields about a thousand commits per chunk so the pipe sees few, large writes.
 */
export function* syntheticCommands(options: SyntheticHistoryOptions, tags: string[]): Generator<string> {
  const mainline: number[] = []; // marks of main's commits, to fork side commits from
  let chunk = '';
  let mark = 0;
  let nextTag = 0;
  for (let index = 0; index < options.commits; index++) {
    const previous = mainline.at(-1);
    const forkPoint = mainline.at(-3);
    const mergeDue = index % MERGE_EVERY === MERGE_EVERY - 1 && index + 1 < options.commits;
    if (mergeDue && previous !== undefined && forkPoint !== undefined) {
      chunk += commitBlock('refs/heads/side', ++mark, index++, [forkPoint]);
      chunk += commitBlock('refs/heads/main', ++mark, index, [previous, mark - 1]);
    } else {
      chunk += commitBlock('refs/heads/main', ++mark, index, previous === undefined ? [] : [previous]);
    }
    mainline.push(mark);
    if (index >= nextTag) {
      const name = `v0.${tags.length}.0`;
      tags.push(name);
      chunk += `reset refs/tags/${name}\nfrom :${mark}\n\n`;
      nextTag += options.tagEvery;
    }
    if (mainline.length % COMMITS_PER_CHUNK === 0) {
      yield chunk;
      chunk = '';
    }
  }
  yield `${chunk}reset refs/heads/side\nfrom ${'0'.repeat(40)}\n\n`;
}

/**
 * Creates a benchmark repository in `dir` (made if missing): `commits` commits on main with a merge every
 * MERGE_EVERY and a lightweight tag every `tagEvery`. Returns the tag names, oldest first. 100,000 commits
 * take a few seconds, since fast-import writes one pack directly.
 */
export async function createSyntheticRepository(dir: string, options: SyntheticHistoryOptions): Promise<string[]> {
  if (!Number.isSafeInteger(options.commits) || options.commits < 1) throw new RangeError('commits must be ≥ 1');
  if (!Number.isSafeInteger(options.tagEvery) || options.tagEvery < 1) throw new RangeError('tagEvery must be ≥ 1');
  await mkdir(dir, { recursive: true });
  await runGit(dir, ['init', '--quiet', '--initial-branch=main']);
  const tags: string[] = [];
  await fastImport(dir, syntheticCommands(options, tags));
  return tags;
}
