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

/** The full SHA of the commit a ref names (annotated tags peeled); BAD_REF naming the ref otherwise. */
export async function resolveCommit(run: GitRun, ref: string): Promise<string> {
  assertUsableRef(ref);
  try {
    const { stdout } = await run(['rev-parse', '--verify', '--end-of-options', `${ref}^{commit}`]);
    return stdout.trim();
  } catch (error) {
    if (error instanceof AppError && error.code === 'BAD_REF' && !error.message.includes('ambiguous')) {
      throw new AppError(
        'BAD_REF',
        `"${ref}" is not a branch, tag or commit in this repository.`,
        'Check the spelling; a branch or tag that exists only on a remote must be fetched first.'
      );
    }
    throw error;
  }
}
