import type { CommitQuery, RangeItem } from '../../../shared/domain/history';
import type { GitPort, GitRepository } from '../../ports/git';
import type { WorkspaceStore } from '../../ports/store';
import { serviceNotFound } from '../../../shared/domain/workspace-errors';

/**
 * A service's history as git tells it. Resolves the service by name, then reads its repository; the
 * repository handle is reused across calls so paging through history does not re-open it.
 */
export function createServiceHistory(deps: { readonly git: GitPort; readonly store: WorkspaceStore }) {
  const repositories = new Map<string, GitRepository>();

  const repositoryOf = (serviceName: string): GitRepository => {
    const service = deps.store.findService(serviceName);
    if (!service) {
      throw serviceNotFound(serviceName);
    }
    let repository = repositories.get(service.repoPath);
    if (!repository) {
      repository = deps.git.open(service.repoPath);
      repositories.set(service.repoPath, repository);
    }
    return repository;
  };

  return {
    branches: (service: string, signal?: AbortSignal) => repositoryOf(service).branches(signal),
    tags: (service: string, signal?: AbortSignal) => repositoryOf(service).tags(signal),
    commits: (service: string, query: CommitQuery, signal?: AbortSignal) => repositoryOf(service).commits(query, signal),
    commit: (service: string, sha: string, signal?: AbortSignal) => repositoryOf(service).commit(sha, signal),
    compare: (service: string, from: string, to: string, limit: number, signal?: AbortSignal) =>
      repositoryOf(service).compare(from, to, limit, signal),
    streamRange: (service: string, range: { from: string; to: string; limit: number | null }, push: (item: RangeItem) => void, signal?: AbortSignal) =>
      repositoryOf(service).streamRange(range.from, range.to, range.limit, push, signal)
  };
}
