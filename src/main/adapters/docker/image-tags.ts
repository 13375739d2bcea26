// How an artifact is tagged: by the full commit SHA, the short SHA, and the semver version when the
// commit carries one. Tags follow Docker's grammar ([A-Za-z0-9_][A-Za-z0-9_.-]{0,127}).
import { AppError } from '../../../shared/result';

/** Git's default abbreviation: the short SHA people recognise from `git log --oneline`. */
export const SHORT_SHA_LENGTH = 7;

const FULL_SHA = /^[0-9a-f]{40}$|^[0-9a-f]{64}$/;
const TAG = /^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$/;
// name components: lower-case alphanumerics with . _ __ - separators; an optional registry host[:port] first.
const REPOSITORY = /^(?:[A-Za-z0-9.-]+(?::[0-9]+)?\/)?[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*(?:\/[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*)*$/;

/** `v1.2.3+build.5` → `1.2.3_build.5`: no leading `v`, and `+` (not allowed in tags) as `_`. */
export function versionTag(version: string): string {
  const tag = version.trim().replace(/^v(?=\d)/, '').replace(/\+/g, '_');
  if (!TAG.test(tag)) {
    throw new AppError('INVALID_INPUT', `"${version}" cannot be an image tag.`, 'A version tag uses letters, digits, ".", "_" and "-" (at most 128).');
  }
  return tag;
}

export function assertRepository(repository: string): void {
  if (!REPOSITORY.test(repository)) {
    throw new AppError(
      'INVALID_INPUT',
      `"${repository}" is not an image repository name.`,
      'Use lower-case names such as 127.0.0.1:5000/shop/api or shop/api.'
    );
  }
}

/** The references a build of `commitSha` gets in `repository`: full SHA, short SHA, version. */
export function artifactReferences(repository: string, commitSha: string, version?: string): string[] {
  assertRepository(repository);
  const sha = commitSha.trim().toLowerCase();
  if (!FULL_SHA.test(sha)) {
    throw new AppError('INVALID_INPUT', `"${commitSha}" is not a full commit SHA.`, 'Pass the 40-character SHA of the commit that was built.');
  }
  const tags = [sha, sha.slice(0, SHORT_SHA_LENGTH)];
  if (version !== undefined && version.trim() !== '') tags.push(versionTag(version));
  return tags.map((tag) => `${repository}:${tag}`);
}

/** Splits `host:5000/a/b:tag` into repository and tag (the last `:` after the last `/`); no tag → latest. */
export function splitReference(reference: string): { repository: string; tag: string } {
  const at = reference.indexOf('@');
  const name = at === -1 ? reference : reference.slice(0, at);
  const colon = name.lastIndexOf(':');
  if (colon > name.lastIndexOf('/')) return { repository: name.slice(0, colon), tag: name.slice(colon + 1) };
  return { repository: name, tag: 'latest' };
}
