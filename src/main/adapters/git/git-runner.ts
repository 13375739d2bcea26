import { GitConstructError, GitError, simpleGit, type SimpleGit } from 'simple-git';
import { AppError } from '../../../shared/result';
import { gitEnvironment } from './git-environment';
import { classifyGitFailure } from './git-failure';

export interface GitOutput {
  readonly stdout: string;
  readonly exitCode: number;
}

export interface RunOptions {
  /** Non-zero exit codes that are answers, not failures (e.g. 1 for `rev-parse --verify --quiet`). */
  readonly okExitCodes?: readonly number[];
}

/** Runs one git command in a fixed folder; throws AppError when git fails. */
export type GitRun = (args: readonly string[], options?: RunOptions) => Promise<GitOutput>;

// Paths come out as UTF-8 bytes rather than quoted octal, output has no colour codes, and a user's
// log.showSignature does not mix gpg output into the formats we parse.
const CONFIG = ['core.quotePath=false', 'color.ui=false', 'log.showSignature=false'];

/**
 * simple-git's default treats a non-zero exit with an empty stderr as success, and turns any other error
 * class into a plain GitError string; this subclass survives and keeps what we need to classify.
 */
class GitExit extends GitError {
  constructor(
    readonly exitCode: number,
    readonly stdout: string,
    readonly stderr: string
  ) {
    super(undefined, stderr);
  }
}

function keepExit(error: Buffer | Error | undefined, result: { stdOut: Buffer[]; stdErr: Buffer[]; exitCode: number }) {
  if (result.exitCode === 0) return error;
  const text = (chunks: Buffer[]) => Buffer.concat(chunks).toString('utf8');
  return new GitExit(result.exitCode, text(result.stdOut), text(result.stdErr));
}

function toAppError(error: unknown, cwd: string, args: readonly string[]): AppError {
  if (error instanceof AppError) return error;
  if (error instanceof GitExit) return classifyGitFailure(error, { cwd, args });
  const message = error instanceof Error ? error.message : String(error);
  return classifyGitFailure({ exitCode: -1, stderr: message }, { cwd, args });
}

/**
 * The one place git is run. Every call goes through simple-git's `raw` with a clean environment (see
 * gitEnvironment); failures become AppErrors with stable codes (see classifyGitFailure).
 */
export function createGitRunner(cwd: string, options: { readonly ceiling?: string } = {}): GitRun {
  let git: SimpleGit | undefined;
  const instance = (): SimpleGit => {
    git ??= simpleGit({ baseDir: cwd, maxConcurrentProcesses: 6, trimmed: false, config: CONFIG, errors: keepExit }).env(
      gitEnvironment(options.ceiling)
    );
    return git;
  };
  return async (args, runOptions = {}) => {
    try {
      return { stdout: await instance().raw([...args]), exitCode: 0 };
    } catch (error) {
      if (error instanceof GitExit && runOptions.okExitCodes?.includes(error.exitCode)) {
        return { stdout: error.stdout, exitCode: error.exitCode };
      }
      if (error instanceof GitConstructError) {
        // simple-git refuses to start in a folder that does not exist.
        throw new AppError('PATH_NOT_FOUND', `The folder "${cwd}" does not exist.`, 'Check the path.');
      }
      throw toAppError(error, cwd, args);
    }
  };
}

/** Runs one git command in `cwd` (no repository discovery limits); for setup tasks such as `git init`. */
export function runGit(cwd: string, args: readonly string[], options?: RunOptions): Promise<GitOutput> {
  return createGitRunner(cwd)(args, options);
}
