import { refProblem } from '../../../shared/domain/ref-range';
import { AppError } from '../../../shared/result';
import type { GitRun } from './git-runner';

/**
 * Refuses a ref before any process starts when git could read it as an option (a leading "-") or it
 * cannot name a ref at all. `--end-of-options` is passed as well; this is the second lock on the door.
 */
export function assertUsableRef(ref: string): void {
  const problem = refProblem(ref);
  if (problem !== null) {
    throw new AppError('BAD_REF', `"${ref.slice(0, 80)}" cannot be used as a ref: it ${problem}.`, 'Give a branch, tag or commit SHA.');
  }
}

/**
 * The commit SHAs that one or two refs name (annotated tags peeled), in one process. `log --no-walk`
 * rather than `rev-parse --verify`, because its error names the ref git could not resolve (BAD_REF
 * "v9.9.9" rather than "Needed a single revision"). It prints a commit only once, so a single line for
 * two refs means both name the same commit.
 */
export async function resolveCommits(run: GitRun, refs: readonly [string] | readonly [string, string]): Promise<string[]> {
  refs.forEach(assertUsableRef);
  const { stdout } = await run(['log', '--no-walk=unsorted', '--format=%H', '--end-of-options', ...refs, '--']);
  const shas = stdout.split('\n').filter(Boolean);
  const first = shas[0];
  if (first === undefined) throw new AppError('BAD_REF', `"${refs[0]}" does not name a commit.`);
  return refs.map((_, index) => shas[index] ?? first);
}

/** The commit SHA a ref names; BAD_REF naming the ref otherwise. */
export async function resolveCommit(run: GitRun, ref: string): Promise<string> {
  const [sha] = await resolveCommits(run, [ref]);
  return sha ?? '';
}
