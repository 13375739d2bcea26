import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach } from 'vitest';
import { AppError } from '../../../../shared/result';
import type { GitPort, GitRepository } from '../../../ports/git';

/** A git port whose check() answers from a table: the use case must believe it and nothing else. */
export function fakeGit(answers: Record<string, AppError | string> = {}): GitPort {
  return {
    open: (repoPath) =>
      ({
        check: async () => {
          const answer = answers[repoPath];
          if (answer instanceof AppError) throw answer;
          return { path: answer ?? repoPath, bare: false, headSha: 'a'.repeat(40) };
        }
      }) as GitRepository
  };
}

/** Temporary folders, removed after each test of the file that calls this. */
export function useTempDirs(prefix: string): () => string {
  const dirs: string[] = [];
  afterEach(() => dirs.splice(0).forEach((dir) => fs.rmSync(dir, { recursive: true, force: true })));
  return () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
    dirs.push(dir);
    return dir;
  };
}
