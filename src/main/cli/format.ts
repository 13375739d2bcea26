import type { Commit } from '../../shared/domain/history';
import { isMergeCommit, shortSha } from '../../shared/domain/history';
import type { Service } from '../../shared/domain/workspace';

/** One commit per line: short SHA, date, author, subject; merges marked. */
export function formatCommitLine(commit: Commit): string {
  const merge = isMergeCommit(commit) ? ' [merge]' : '';
  return `${shortSha(commit.sha)}  ${commit.authoredAt.slice(0, 10)}  ${commit.authorName.padEnd(20)}  ${commit.subject}${merge}`;
}

export function formatServiceLine(service: Service): string {
  const environments = service.environments
    .map((env) => `${env.name}(${env.targetKind}${env.requiresApproval ? ', approval' : ''})`)
    .join(' → ');
  return `${service.name.padEnd(20)}  ${service.repoPath}\n${' '.repeat(22)}${environments}`;
}
