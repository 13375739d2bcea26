import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { AppError } from '../../../shared/result';
import { gitEnvironment } from './git-environment';

type Commands = AsyncIterable<string | Buffer> | Iterable<string | Buffer>;

const STDERR_LIMIT = 16 * 1024;

/**
 * Streams fast-import commands into `git fast-import` in an existing repository and resolves once git has
 * written them. This function ends the stream with `done` itself: if the commands end early (the
 * iterable throws), git sees no `done` and refuses the partial stream. Writes wait for the pipe to drain,
 * so a generator of any size uses little memory. Uses child_process because simple-git cannot write to
 * a process's stdin.
 */
export async function fastImport(repoPath: string, commands: Commands): Promise<void> {
  const child = spawn('git', ['fast-import', '--quiet', '--done'], {
    cwd: repoPath,
    env: gitEnvironment(),
    stdio: ['pipe', 'ignore', 'pipe'],
    windowsHide: true
  });
  let stderr = '';
  child.stderr.setEncoding('utf8');
  child.stderr.on('data', (text: string) => {
    stderr = (stderr + text).slice(-STDERR_LIMIT);
  });
  child.stdin.on('error', () => {
    // EPIPE when git exits early; the exit code and stderr below say why.
  });
  // Never rejects, so that a failed spawn is reported below as an AppError, not as a stray rejection.
  const exited = new Promise<{ code: number | null; spawnError?: Error }>((resolve) => {
    child.once('error', (spawnError) => resolve({ code: null, spawnError }));
    child.once('close', (code) => resolve({ code }));
  });

  try {
    for await (const chunk of commands) {
      if (child.exitCode !== null || child.stdin.destroyed) break;
      if (!child.stdin.write(chunk)) await Promise.race([once(child.stdin, 'drain'), exited]);
    }
    child.stdin.end('done\n');
  } catch (error) {
    child.kill();
    await exited;
    throw error;
  }

  const { code, spawnError } = await exited;
  if (spawnError !== undefined) {
    throw new AppError(
      'GIT_FAILED',
      `git fast-import could not be started in "${repoPath}": ${spawnError.message}`,
      'Make sure git is installed and on the PATH, and that the folder exists.'
    );
  }
  if (code !== 0) {
    const reason = stderr.split('\n').find((line) => line.startsWith('fatal:')) ?? stderr.trim().split('\n')[0] ?? '';
    throw new AppError('GIT_FAILED', `git fast-import failed in "${repoPath}" (exit ${code}): ${reason.replace(/^fatal: /, '')}`);
  }
}
