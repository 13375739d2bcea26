/** The semantic version a commit carries through its tags (the newest release tag on it), or null. */
import { parseSemVer } from '../../../shared/domain/semver';
import type { GitPort } from '../../ports/git';

export async function versionOfCommit(git: GitPort, repoPath: string, commit: string, signal?: AbortSignal): Promise<string | null> {
  const tags = await git.open(repoPath).tags(signal).catch(() => []);
  for (const tag of tags) {
    if (tag.sha !== commit) continue;
    const version = parseSemVer(tag.name);
    if (version === null) continue;
    const prerelease = version.prerelease.length > 0 ? `-${version.prerelease.join('.')}` : '';
    return `${version.major}.${version.minor}.${version.patch}${prerelease}`;
  }
  return null;
}
