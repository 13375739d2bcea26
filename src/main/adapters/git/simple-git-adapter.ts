import type { GitPort, GitRepository } from '../../ports/git';
import { listBranches } from './branches';
import { checkRepository } from './check-repository';
import { readCommitDetail } from './commit-detail';
import { listCommits } from './commits';
import { compareRefs } from './compare';
import { createRepositoryRunner } from './repository-runner';
import { listTags } from './tags';

/** The GitPort on the git CLI (through simple-git). Opening does no I/O; each call runs git. */
export function createGitPort(): GitPort {
  return {
    open(repoPath: string): GitRepository {
      const repository = createRepositoryRunner(repoPath);
      const { run } = repository;
      return {
        check: () => checkRepository(repository),
        branches: () => listBranches(run),
        tags: () => listTags(run),
        commits: (query) => listCommits(run, query),
        commit: (ref) => readCommitDetail(run, ref),
        compare: (from, to, limit) => compareRefs(run, from, to, limit)
      };
    }
  };
}
