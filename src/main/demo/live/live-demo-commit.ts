/**
 * The live demo's newer image is built from a commit of its own: the tip of main with a different
 * version string, kept on a throwaway ref (never a branch or tag of the demo), so the rollback
 * pre-flight and the release detail can show "the commits between the two artifacts" from git.
 */
import { AppError } from '../../../shared/result';
import { fastImport } from '../../adapters/git/fast-import';
import { runGit } from '../../adapters/git/git-runner';

/** The ref that holds the newer image's commit; only the live demo writes it. */
export const LIVE_DEMO_REF = 'refs/shipdeck/demo-live/next';

const AUTHOR = 'Shipdeck demo <demo@shipdeck.invalid>';

export interface LiveCommitRequest {
  readonly repoPath: string;
  /** Full SHA of the commit it goes on top of (the tip of main). */
  readonly base: string;
  /** Files it changes, by path in the repository. */
  readonly files: ReadonlyMap<string, string>;
  readonly message: string;
}

async function revParse(repoPath: string, spec: string): Promise<string | null> {
  const found = await runGit(repoPath, ['rev-parse', '--verify', '--quiet', '--end-of-options', spec], { okExitCodes: [1, 128] });
  const sha = found.stdout.trim();
  return found.exitCode === 0 && sha !== '' ? sha : null;
}

async function fileAt(repoPath: string, commit: string, file: string): Promise<string | null> {
  const blob = await revParse(repoPath, `${commit}:${file}`);
  return blob === null ? null : (await runGit(repoPath, ['cat-file', 'blob', blob])).stdout;
}

/** The ref's commit when it already is this one: on `base`, with these files. */
async function existingCommit(request: LiveCommitRequest): Promise<string | null> {
  const commit = await revParse(request.repoPath, `${LIVE_DEMO_REF}^{commit}`);
  if (commit === null || (await revParse(request.repoPath, `${commit}^`)) !== request.base) return null;
  for (const [file, content] of request.files) {
    if ((await fileAt(request.repoPath, commit, file)) !== content) return null;
  }
  return commit;
}

function* commitCommands(request: LiveCommitRequest, seconds: number): Generator<string> {
  const data = (text: string): string => `data ${Buffer.byteLength(text)}\n${text}\n`;
  // Dated a minute after its base: the same base and files always make the same commit (and SHA).
  const stamp = `${seconds + 60} +0000`;
  yield `commit ${LIVE_DEMO_REF}\n`;
  yield `author ${AUTHOR} ${stamp}\ncommitter ${AUTHOR} ${stamp}\n`;
  yield data(request.message);
  yield `from ${request.base}\n`;
  for (const [file, content] of request.files) yield `M 100644 inline ${file}\n${data(content)}`;
}

/**
 * The commit on LIVE_DEMO_REF: the existing one when it is already right (a second open writes
 * nothing), otherwise written anew with git fast-import (no working tree, index or branch is touched).
 * Resolves with its full SHA.
 */
export async function ensureLiveCommit(request: LiveCommitRequest): Promise<string> {
  const existing = await existingCommit(request);
  if (existing !== null) return existing;
  const seconds = Number((await runGit(request.repoPath, ['show', '-s', '--format=%ct', request.base])).stdout.trim());
  // Ours alone, and stale (another base): fast-import would refuse to move it backwards.
  await runGit(request.repoPath, ['update-ref', '-d', LIVE_DEMO_REF]);
  await fastImport(request.repoPath, commitCommands(request, Number.isFinite(seconds) ? seconds : 0));
  const written = await revParse(request.repoPath, `${LIVE_DEMO_REF}^{commit}`);
  if (written === null) throw new AppError('GIT_FAILED', `git fast-import did not write ${LIVE_DEMO_REF} in "${request.repoPath}".`);
  return written;
}
