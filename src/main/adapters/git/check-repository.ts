import { AppError } from '../../../shared/result';
import type { RepositoryCheck } from '../../ports/git';
import type { RepositoryRunner } from './repository-runner';

/** Confirms the folder is a git repository (bare or not) whose HEAD has a commit. */
export async function checkRepository({ path, run }: RepositoryRunner): Promise<RepositoryCheck> {
  // One process: "true|false" then the SHA. In an empty repository HEAD^{commit} is unknown, which
  // classifyGitFailure reports as EMPTY_REPOSITORY.
  const { stdout } = await run(['rev-parse', '--is-bare-repository', 'HEAD^{commit}']);
  const [bare, headSha] = stdout.split('\n');
  if ((bare !== 'true' && bare !== 'false') || headSha === undefined || !/^[0-9a-f]{40,64}$/.test(headSha)) {
    throw new AppError('GIT_FAILED', `Git gave an unexpected answer about "${path}".`);
  }
  return { path, bare: bare === 'true', headSha };
}
