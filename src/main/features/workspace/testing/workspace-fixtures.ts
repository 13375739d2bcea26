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
