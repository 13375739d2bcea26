/**
 * What the demo's release history is derived from, read from the demo repository itself (never from the
 * generator): the commits of main and the release branch in order, the semver tags, and the pipeline
 * file at each of those commits — so the records name real SHAs, whenever the repository was made.
 */
import { parsePipeline } from '../../../shared/domain/pipeline/parse-pipeline';
import type { PipelineDefinition } from '../../../shared/domain/pipeline/definition';
import { parseSemVer } from '../../../shared/domain/semver';
import { DEFAULT_PIPELINE_FILE } from '../../../shared/domain/workspace';
import { runGit } from '../../adapters/git/git-runner';

export interface DemoCommit {
  readonly sha: string;
  /** Commit time, epoch ms. */
  readonly at: number;
  /** The branch it was built on: `main`, the release branch, or the feature branch someone ran by hand. */
  readonly branch: string;
  readonly authorEmail: string;
  /** The first line of its message. */
  readonly subject: string;
  /** The pipeline file at this commit; null when it has none (or an invalid one). */
  readonly pipeline: PipelineDefinition | null;
}

export interface DemoRepositoryFacts {
  /** Oldest first, each once (a commit on both branches counts for the first one listed). */
  readonly commits: readonly DemoCommit[];
  /** Commit SHA → tag name (`v1.4.0`), for semver tags. */
  readonly tags: ReadonlyMap<string, string>;
}

/** Watched (main, the release branch), then run by hand (the open feature branch). */
const BRANCHES = ['main', 'release/1.8', 'feature/gift-cards'] as const;

/** `git log --first-parent --raw` of a branch: each commit with the pipeline blob it changed to, if any. */
async function firstParentCommits(
  repoPath: string,
  branch: string
): Promise<{ sha: string; at: number; authorEmail: string; subject: string; pipelineBlob: string | null | undefined }[]> {
  const exists = await runGit(repoPath, ['rev-parse', '--verify', '--quiet', `refs/heads/${branch}`], { okExitCodes: [1] });
  if (exists.exitCode !== 0) return [];
  const { stdout } = await runGit(repoPath, [
    'log', '--first-parent', '--reverse', '--diff-merges=first-parent', '--raw', '--no-abbrev', '--format=%x01%H %ct %ae %s', `refs/heads/${branch}`, '--'
  ]);
  return stdout.split('\x01').slice(1).map((record) => {
    const [head = '', ...changes] = record.split('\n');
    const [sha = '', seconds = '0', authorEmail = '', ...words] = head.split(' ');
    // ":100644 100644 <old> <new> M\t.shipdeck/pipeline.yml": undefined = unchanged, null = deleted.
    const change = changes.find((line) => line.endsWith(`\t${DEFAULT_PIPELINE_FILE}`));
    const blob = change?.split(' ')[3];
    return { sha, at: Number(seconds) * 1000, authorEmail, subject: words.join(' '), pipelineBlob: change === undefined ? undefined : blob === undefined || /^0+$/.test(blob) ? null : blob };
  });
}

async function semverTags(repoPath: string): Promise<Map<string, string>> {
  const { stdout } = await runGit(repoPath, ['for-each-ref', 'refs/tags', '--format=%(refname:strip=2)%00%(*objectname)%00%(objectname)']);
  const tags = new Map<string, string>();
  for (const line of stdout.split('\n')) {
    const [name = '', peeled = '', object = ''] = line.split('\0');
    if (name !== '' && parseSemVer(name) !== null) tags.set(peeled || object, name);
  }
  return tags;
}

/** Reads the facts with a handful of git commands (~50 ms for the demo). */
export async function readDemoRepositoryFacts(repoPath: string): Promise<DemoRepositoryFacts> {
  const [branchLogs, tags] = await Promise.all([Promise.all(BRANCHES.map((branch) => firstParentCommits(repoPath, branch))), semverTags(repoPath)]);
  const blobs = new Set(branchLogs.flat().flatMap((commit) => (commit.pipelineBlob ? [commit.pipelineBlob] : [])));
  const definitions = new Map<string, PipelineDefinition | null>();
  await Promise.all(
    [...blobs].map(async (blob) => {
      const parsed = parsePipeline((await runGit(repoPath, ['cat-file', 'blob', blob])).stdout, DEFAULT_PIPELINE_FILE);
      definitions.set(blob, parsed.ok ? parsed.definition : null);
    })
  );
  const seen = new Set<string>();
  const commits: DemoCommit[] = [];
  branchLogs.forEach((log, index) => {
    let pipeline: PipelineDefinition | null = null;
    for (const commit of log) {
      if (commit.pipelineBlob !== undefined) pipeline = commit.pipelineBlob === null ? null : (definitions.get(commit.pipelineBlob) ?? null);
      if (seen.has(commit.sha)) continue;
      seen.add(commit.sha);
      commits.push({ sha: commit.sha, at: commit.at, branch: BRANCHES[index] ?? 'main', authorEmail: commit.authorEmail, subject: commit.subject, pipeline });
    }
  });
  commits.sort((a, b) => a.at - b.at);
  return { commits, tags };
}
