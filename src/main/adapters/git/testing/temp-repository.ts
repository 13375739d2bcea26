/**
 * Real git repositories in temporary folders, for integration tests. Commits get fixed identities and
 * increasing dates, and the user's global and system git config are ignored, so tests behave the same
 * on every machine.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const BASE_TIME = 1_700_000_000;

function cleanEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [name, value] of Object.entries(process.env)) if (!/^GIT_/.test(name)) env[name] = value;
  return { ...env, GIT_CONFIG_NOSYSTEM: '1', GIT_CONFIG_GLOBAL: os.devNull, LC_ALL: 'C' };
}

export interface Identity {
  readonly name: string;
  readonly email: string;
}

export const ALICE: Identity = { name: 'Alice Example', email: 'alice@example.com' };

/** Runs git with a clean, fixed configuration; returns stdout. */
export function git(cwd: string, args: readonly string[], extraEnv: NodeJS.ProcessEnv = {}): string {
  return execFileSync('git', ['-c', 'commit.gpgsign=false', '-c', 'tag.gpgsign=false', ...args], {
    cwd,
    env: { ...cleanEnv(), ...extraEnv },
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe']
  });
}

/** A fresh folder under the OS temp folder (symlinks resolved, so paths compare equal). */
export function makeTempDir(prefix = 'shipdeck-git-'): string {
  return realpathSync(mkdtempSync(path.join(os.tmpdir(), prefix)));
}

export function removeDir(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
}

/** A repository under construction: commits with increasing dates, one minute apart. */
export class TempRepository {
  private clock = 0;

  private constructor(readonly dir: string) {}

  /** `git init` in `dir` (created if needed) on branch main. */
  static init(dir: string, options: { bare?: boolean } = {}): TempRepository {
    mkdirSync(dir, { recursive: true });
    git(dir, ['init', '--quiet', '--initial-branch=main', ...(options.bare ? ['--bare'] : [])]);
    return new TempRepository(dir);
  }

  /** The environment of the next commit or tag: its identities and date. */
  nextEnv(author: Identity = ALICE, committer: Identity = author): NodeJS.ProcessEnv {
    const date = `${BASE_TIME + ++this.clock * 60} +0100`;
    return {
      GIT_AUTHOR_NAME: author.name,
      GIT_AUTHOR_EMAIL: author.email,
      GIT_AUTHOR_DATE: date,
      GIT_COMMITTER_NAME: committer.name,
      GIT_COMMITTER_EMAIL: committer.email,
      GIT_COMMITTER_DATE: date
    };
  }

  git(args: readonly string[], env: NodeJS.ProcessEnv = {}): string {
    return git(this.dir, args, env);
  }

  write(file: string, content: string | Buffer): void {
    mkdirSync(path.dirname(path.join(this.dir, file)), { recursive: true });
    writeFileSync(path.join(this.dir, file), content);
  }

  /** Stages everything and commits; returns the new commit's SHA. */
  commitAll(message: string, author: Identity = ALICE): string {
    this.git(['add', '--all']);
    this.git(['commit', '--quiet', '--allow-empty', '-m', message], this.nextEnv(author));
    return this.head();
  }

  /** Writes one file and commits it. */
  commitFile(file: string, content: string, message: string, author: Identity = ALICE): string {
    this.write(file, content);
    return this.commitAll(message, author);
  }

  /** A no-fast-forward merge of `branch` into the current branch; returns the merge commit's SHA. */
  merge(branch: string, message: string): string {
    this.git(['merge', '--quiet', '--no-ff', '-m', message, branch], this.nextEnv());
    return this.head();
  }

  tag(name: string, options: { annotated?: boolean; target?: string } = {}): void {
    const target = options.target ?? 'HEAD';
    if (options.annotated) this.git(['tag', '-a', '-m', `Release ${name}`, name, target], this.nextEnv());
    else this.git(['tag', name, target]);
  }

  head(ref = 'HEAD'): string {
    return this.git(['rev-parse', `${ref}^{commit}`]).trim();
  }
}
