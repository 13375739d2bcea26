import type { GitPort, GitRepository } from '../../ports/git';
import { listBranches } from './branches';
import { checkRepository } from './check-repository';
import { readCommitDetail } from './commit-detail';
import { listCommits } from './commits';
import { compareRefs } from './compare';
import { listFilesAt, readFileAt } from './files-at-commit';
import { withSignal } from './git-runner';
import { streamRange } from './range-stream';
import { createRepositoryRunner } from './repository-runner';
import { listTags } from './tags';

/** The GitPort on the git CLI (through simple-git). Opening does no I/O; each call runs git. */
export function createGitPort(): GitPort {
  return {
    open(repoPath: string): GitRepository {
      const repository = createRepositoryRunner(repoPath);
      // Each call's git processes carry that call's signal: aborting it kills them (CANCELLED).
      const run = (signal: AbortSignal | undefined) => withSignal(repository.run, signal);
      return {
        check: (signal) => checkRepository({ path: repository.path, run: run(signal) }),
        branches: (signal) => listBranches(run(signal)),
        tags: (signal) => listTags(run(signal)),
        commits: (query, signal) => listCommits(run(signal), query, repository.path),
        commit: (ref, signal) => readCommitDetail(run(signal), ref, repository.path),
        compare: (from, to, limit, signal) => compareRefs(run(signal), from, to, limit),
        streamRange: (from, to, limit, push, signal) => streamRange(run(signal), from, to, limit, push),
        readFile: (ref, file, signal) => readFileAt(run(signal), ref, file),
        listFiles: (ref, folder, signal) => listFilesAt(run(signal), ref, folder)
      };
    }
  };
}
