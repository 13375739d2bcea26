// Runs a short command (nginx -t, ps, docker …) to its end and hands back its exit code and output.
import { execFile } from 'node:child_process';
import { AppError } from '../../../shared/result';

export interface CommandResult {
  /** Exit code; null when it was ended by a signal or the timeout. */
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

export interface CommandOptions {
  readonly timeoutMs?: number;
  readonly signal?: AbortSignal | undefined;
}

const DEFAULT_TIMEOUT_MS = 30_000;

/** Resolves with the outcome whatever the exit code; rejects when the program cannot be started (ENOENT …) or on cancel. */
export function runCommand(file: string, args: readonly string[], options: CommandOptions = {}): Promise<CommandResult> {
  return new Promise((resolve, reject) => {
    execFile(
      file,
      [...args],
      { timeout: options.timeoutMs ?? DEFAULT_TIMEOUT_MS, signal: options.signal, maxBuffer: 4 * 1024 * 1024, encoding: 'utf8' },
      (error, stdout, stderr) => {
        if (options.signal?.aborted === true) {
          reject(new AppError('CANCELLED', `Cancelled while running ${file}.`));
          return;
        }
        if (error === null) {
          resolve({ code: 0, stdout, stderr });
          return;
        }
        const code = (error as { code?: unknown }).code;
        if (typeof code === 'number') {
          resolve({ code, stdout, stderr });
          return;
        }
        if (typeof code === 'string') {
          reject(error); // ENOENT, EACCES: the program is not there or not runnable
          return;
        }
        resolve({ code: null, stdout, stderr: stderr || error.message });
      }
    );
  });
}

export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
