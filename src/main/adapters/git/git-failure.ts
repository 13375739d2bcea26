import { AppError } from '../../../shared/result';

export interface GitFailure {
  readonly exitCode: number;
  readonly stderr: string;
}

export interface GitCall {
  /** The folder git ran in. */
  readonly cwd: string;
  readonly args: readonly string[];
}

const DUBIOUS_OWNERSHIP = /detected dubious ownership in repository at '([^']*)'/;
const NOT_A_REPOSITORY = /not a git repository/i;
const NO_COMMITS_YET = /does not have any commits yet|bad default revision 'HEAD'/;
const UNKNOWN_REVISION = /ambiguous argument '([^']*)': unknown revision|bad revision '([^']*)'|invalid object name '([^']*)'/;
const AMBIGUOUS_SHORT_SHA = /short (?:object ID|SHA1) (\S+) is ambiguous/;
const NEEDED_SINGLE_REVISION = /Needed a single revision/;
const GIT_NOT_INSTALLED = /spawn git ENOENT/;

/** The first line that says what went wrong (git prints "fatal: …" after hints and warnings). */
function headline(stderr: string): string {
  const lines = stderr.split('\n').map((line) => line.trim()).filter(Boolean);
  const fatal = lines.find((line) => line.startsWith('fatal:') || line.startsWith('error:'));
  return (fatal ?? lines[0] ?? 'no error message').replace(/^(fatal|error): /, '');
}

/** The revision as the user typed it, when git names it; `HEAD^{commit}` becomes `HEAD`. */
function badRevision(stderr: string): string | null {
  const match = UNKNOWN_REVISION.exec(stderr);
  const name = match?.[1] ?? match?.[2] ?? match?.[3];
  return name === undefined ? null : name.replace(/\^\{commit\}$/, '');
}

/**
 * Turns a failed git run into an AppError with a stable code, a message that names what was wrong and,
 * where there is one, what to do about it. Pure: it reads git's (English, LC_ALL=C) message text.
 */
export function classifyGitFailure(failure: GitFailure, call: GitCall): AppError {
  const { stderr } = failure;
  const unsafe = DUBIOUS_OWNERSHIP.exec(stderr);
  if (unsafe) {
    const repo = unsafe[1] ?? call.cwd;
    return new AppError(
      'UNSAFE_REPOSITORY',
      `Git refuses to open "${repo}": the folder belongs to another user.`,
      `If you trust this repository, run: git config --global --add safe.directory "${repo}"`
    );
  }
  if (NOT_A_REPOSITORY.test(stderr)) {
    return new AppError(
      'NOT_A_REPOSITORY',
      `"${call.cwd}" is not a git repository.`,
      'Choose the folder that contains the .git folder, or a bare repository.'
    );
  }
  const revision = badRevision(stderr);
  if (NO_COMMITS_YET.test(stderr) || revision === 'HEAD') {
    return new AppError(
      'EMPTY_REPOSITORY',
      `The repository at "${call.cwd}" has no commits on its current branch yet.`,
      'Make a first commit (or check out a branch that has commits), then try again.'
    );
  }
  const ambiguous = AMBIGUOUS_SHORT_SHA.exec(stderr);
  if (ambiguous) {
    return new AppError(
      'BAD_REF',
      `"${ambiguous[1] ?? ''}" is ambiguous: more than one object's SHA starts with it.`,
      'Type more characters of the SHA.'
    );
  }
  if (revision !== null) {
    return new AppError(
      'BAD_REF',
      `"${revision}" is not a branch, tag or commit in this repository.`,
      'Check the spelling; a branch or tag that exists only on a remote must be fetched first.'
    );
  }
  if (NEEDED_SINGLE_REVISION.test(stderr)) {
    return new AppError('BAD_REF', 'The ref is not a branch, tag or commit in this repository.');
  }
  if (GIT_NOT_INSTALLED.test(stderr)) {
    return new AppError('GIT_FAILED', 'Git could not be started.', 'Install git and make sure it is on the PATH.');
  }
  const verb = call.args[0] ?? 'git';
  return new AppError('GIT_FAILED', `git ${verb} failed (exit ${failure.exitCode}): ${headline(stderr)}`);
}
