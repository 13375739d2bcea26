import { GitConstructError, GitError, simpleGit, type SimpleGit, type SimpleGitOptions } from 'simple-git';
import { AppError } from '../../../shared/result';
import { gitEnvironment } from './git-environment';
import { classifyGitFailure } from './git-failure';
import { cancelled, ProcessSlots } from './process-slots';

export interface GitOutput {
  readonly stdout: string;
  readonly exitCode: number;
}

export interface RunOptions {
  /** Non-zero exit codes that are answers, not failures (e.g. 1 for `rev-parse --verify --quiet`). */
  readonly okExitCodes?: readonly number[];
  /** Aborting kills the git process; the call then rejects with CANCELLED. */
  readonly signal?: AbortSignal | undefined;
  /**
   * Receives stdout as git writes it, for output read incrementally. The call still resolves when git
   * exits, with an empty `stdout`: the output is not also gathered in memory.
   */
  readonly onStdout?: ((chunk: Buffer) => void) | undefined;
}

/** Runs one git command in a fixed folder; throws AppError when git fails. */
export type GitRun = (args: readonly string[], options?: RunOptions) => Promise<GitOutput>;

/** A GitRun whose every call carries `signal` (so the functions built on it need not pass it along). */
export function withSignal(run: GitRun, signal: AbortSignal | undefined): GitRun {
  if (signal === undefined) return run;
  return (args, options) => run(args, { ...options, signal });
}

// Paths come out as UTF-8 bytes rather than quoted octal, output has no colour codes, and a user's
// log.showSignature does not mix gpg output into the formats we parse.
const CONFIG = ['core.quotePath=false', 'color.ui=false', 'log.showSignature=false'];
const MAX_PROCESSES = 6;

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
 *
 * simple-git takes an abort signal and an output handler per instance, not per call. The options and the
 * environment are computed once, a call without either uses one cached instance, and a call with a
 * signal or an output handler gets its own instance built from the cached options (about 50 µs, next to
 * a few ms for the process). All of them share one limit on concurrent processes (ProcessSlots).
 */
export function createGitRunner(cwd: string, options: { readonly ceiling?: string } = {}): GitRun {
  let settings: { readonly options: Partial<SimpleGitOptions>; readonly env: Record<string, string> } | undefined;
  let shared: SimpleGit | undefined;
  const slots = new ProcessSlots(MAX_PROCESSES);

  const instance = (runOptions: RunOptions): SimpleGit => {
    settings ??= {
      // The shared limit is ProcessSlots; simple-git's own scheduler never has to queue.
      options: { baseDir: cwd, maxConcurrentProcesses: MAX_PROCESSES, trimmed: false, config: CONFIG, errors: keepExit },
      env: gitEnvironment(options.ceiling)
    };
    const { signal, onStdout } = runOptions;
    if (signal === undefined && onStdout === undefined) {
      shared ??= simpleGit(settings.options).env(settings.env);
      return shared;
    }
    const git = simpleGit(signal === undefined ? settings.options : { ...settings.options, abort: signal }).env(settings.env);
    if (onStdout !== undefined) {
      git.outputHandler((_command, stdout) => {
        // simple-git has just attached the listener that gathers the whole output (its completion
        // detection listens later, in spawn.after); a streamed call reads the chunks here instead.
        stdout.removeAllListeners('data');
        stdout.on('data', onStdout);
      });
    }
    return git;
  };

  return async (args, runOptions = {}) => {
    const { signal } = runOptions;
    let release: (() => void) | undefined;
    try {
      release = await slots.acquire(signal);
      return { stdout: await instance(runOptions).raw([...args]), exitCode: 0 };
    } catch (error) {
      // Whatever simple-git reports for a killed process (an abort error, an exit code), it was us.
      if (signal?.aborted) throw cancelled();
      if (error instanceof GitExit && runOptions.okExitCodes?.includes(error.exitCode)) {
        return { stdout: error.stdout, exitCode: error.exitCode };
      }
      if (error instanceof GitConstructError) {
        // simple-git refuses to start in a folder that does not exist.
        throw new AppError('PATH_NOT_FOUND', `The folder "${cwd}" does not exist.`, 'Check the path.');
      }
      throw toAppError(error, cwd, args);
    } finally {
      release?.();
    }
  };
}

/** Runs one git command in `cwd` (no repository discovery limits); for setup tasks such as `git init`. */
export function runGit(cwd: string, args: readonly string[], options?: RunOptions): Promise<GitOutput> {
  return createGitRunner(cwd)(args, options);
}
