// The command line as an on-call engineer uses it: real processes, a real data folder, a real repository.
import { spawn, spawnSync } from 'node:child_process';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { git, makeTempDir, removeDir, TempRepository } from '../adapters/git/testing/temp-repository';
import { createSyntheticRepository } from '../../../scripts/bench/synthetic-history';

const entry = path.join(__dirname, 'index.ts');
let dataDir: string;
let repoDir: string;
let repo: TempRepository;

function shipdeck(...args: string[]) {
  const result = spawnSync(process.execPath, ['--import', 'tsx', entry, ...args, '--data-dir', dataDir], { encoding: 'utf8' });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** Runs shipdeck and closes its stdout after the first chunk, as `| head -1` does. */
function shipdeckIntoClosedPipe(...args: string[]): Promise<{ code: number | null; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', entry, ...args, '--data-dir', dataDir], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.stdout.once('data', () => child.stdout.destroy());
    child.on('close', (code) => resolve({ code, stderr }));
  });
}

beforeAll(() => {
  dataDir = makeTempDir('shipdeck-cli-data-');
  repoDir = makeTempDir('shipdeck-cli-repo-');
  repo = TempRepository.init(repoDir);
  repo.commitFile('README.md', 'hello\n', 'docs: start');
  repo.tag('v1.0.0', { annotated: true });
  repo.commitFile('a.txt', 'a\n', 'feat: add a');
  repo.commitFile('b.txt', 'b\n', 'fix: add b');
  repo.tag('v1.1.0');
});
afterAll(() => {
  removeDir(dataDir);
  removeDir(repoDir);
});

describe('shipdeck CLI', () => {
  it('says how to start when the workspace is empty', () => {
    const result = shipdeck('services', 'list');
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('No services yet');
  });

  it('refuses a path that does not exist: exit 1 and one line that says why', () => {
    const result = shipdeck('services', 'add', 'api', path.join(dataDir, 'nope'));
    expect(result.code).toBe(1);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(result.stderr).toMatch(/^shipdeck: .*does not exist/);
  });

  it('adds a service and lists it, also as JSON', () => {
    expect(shipdeck('services', 'add', 'api', repoDir).code).toBe(0);
    const listed = shipdeck('services', 'list', '--json');
    expect(listed.code).toBe(0);
    const services = JSON.parse(listed.stdout) as { name: string; repoPath: string }[];
    expect(services.map((s) => [s.name, s.repoPath])).toEqual([['api', repoDir]]);
  });

  it('prints history newest first, and the commits of a range', () => {
    const history = shipdeck('history', 'api', '--json', '--limit', '2');
    const page = JSON.parse(history.stdout) as { commits: { subject: string }[]; hasMore: boolean };
    expect(page.commits.map((c) => c.subject)).toEqual(['fix: add b', 'feat: add a']);
    expect(page.hasMore).toBe(true);
    const range = shipdeck('history', 'api', '--range', 'v1.0.0..v1.1.0');
    expect(range.code).toBe(0);
    expect(range.stdout).toContain('2 commits in v1.0.0..v1.1.0');
    expect(range.stdout).not.toContain('docs: start');
  });

  it('fails with one line for an unknown ref, service, command or option', () => {
    const cases: [string[], number, RegExp][] = [
      [['history', 'api', '--range', 'v1.0.0..v9'], 1, /"v9"/],
      [['history', 'ghost'], 1, /no service named "ghost"/],
      [['history', 'api', '--range', 'v1...v2'], 2, /FROM\.\.TO/],
      [['deploi'], 2, /unknown command "deploi"/],
      [['deploy'], 2, /expected "deploy <service> <env>"/],
      [['services', 'list', '--jsn'], 2, /unknown option --jsn/],
      [['services', 'list', '-x'], 2, /unknown option -x/],
      [['serve', 'extra'], 2, /unexpected "extra" after serve/],
      [['serve', '--port', '99999'], 2, /--port must be between 0 and 65535, got 99999/],
      [['history', 'api', '--limit', '0'], 2, /--limit must be at least 1/],
      [['history', 'api', '--range', 'v1.0.0..v1.1.0', '--limit', '0'], 2, /--limit must be at least 1/],
      [['history', 'api', '--range', '-x..v1.1.0'], 2, /refs\/tags\/-x/]
    ];
    for (const [args, code, message] of cases) {
      const result = shipdeck(...args);
      expect(result.code, args.join(' ')).toBe(code);
      expect(result.stderr.trim().split('\n'), args.join(' ')).toHaveLength(1);
      expect(result.stderr).toMatch(message);
    }
  });
});

describe('shipdeck CLI: usage', () => {
  it('prints usage on stderr and exits 2 without a command; -h and --help print it on stdout', () => {
    const bare = shipdeck();
    expect(bare.code).toBe(2);
    expect(bare.stdout).toBe('');
    expect(bare.stderr).toContain('Usage: shipdeck <command>');
    for (const flag of ['-h', '--help']) {
      const help = shipdeck(flag);
      expect(help.code, flag).toBe(0);
      expect(help.stdout, flag).toContain('services set-path <name> <repo-path>');
    }
  });

  it("lists every command with the contract's doc for it, and the --limit rule", () => {
    const help = shipdeck('--help').stdout;
    for (const command of ['serve', 'services list', 'services add', 'services remove', 'services set-path', 'history', 'demo', 'info']) {
      expect(help).toContain(`  ${command}`);
    }
    expect(help).toContain('Removes a service from the workspace; its release records and audit entries are kept.');
    expect(help).toContain('--limit N shows at most N commits (N ≥ 1): by default the newest 50, and every commit of a --range.');
  });

  it('says it is the command line in app.info', () => {
    const info = shipdeck('info', '--json');
    expect(info.code).toBe(0);
    expect(JSON.parse(info.stdout)).toMatchObject({ mode: 'cli', dataDir });
  });
});

describe('shipdeck CLI: services remove and set-path', () => {
  it('points a service at a new path, then removes it', () => {
    const moved = makeTempDir('shipdeck-cli-moved-');
    try {
      git(moved, ['clone', '--quiet', repoDir, 'copy']);
      expect(shipdeck('services', 'add', 'web', repoDir).code).toBe(0);
      const set = shipdeck('services', 'set-path', 'web', path.join(moved, 'copy'));
      expect(set.code).toBe(0);
      expect(set.stdout).toContain(path.join(moved, 'copy'));
      const removed = shipdeck('services', 'remove', 'web');
      expect(removed.code).toBe(0);
      expect(removed.stdout).toContain('Removed web');
      expect(shipdeck('services', 'list', '--json').stdout).not.toContain('"web"');
      expect(shipdeck('services', 'remove', 'web').stderr).toMatch(/no service named "web"/);
    } finally {
      removeDir(moved);
    }
  });
});

describe('shipdeck CLI: large and truncated history', () => {
  let bigDir: string;
  let tags: string[];

  beforeAll(async () => {
    bigDir = makeTempDir('shipdeck-cli-big-');
    tags = await createSyntheticRepository(bigDir, { commits: 1_200, tagEvery: 400 });
    expect(shipdeck('services', 'add', 'big', bigDir).code).toBe(0);
  }, 60_000);
  afterAll(() => removeDir(bigDir));

  it('honours --limit above a page, and says on stderr when there are more', () => {
    const result = shipdeck('history', 'big', '--json', '--limit', '700');
    expect(result.code).toBe(0);
    const page = JSON.parse(result.stdout) as { commits: unknown[]; hasMore: boolean };
    expect(page.commits).toHaveLength(700);
    expect(page.hasMore).toBe(true);
    expect(result.stderr).toBe('shipdeck: the newest 700 commits shown; there are more (raise --limit)\n');
    const plain = shipdeck('history', 'big');
    expect(plain.stdout.trim().split('\n')).toHaveLength(50);
    expect(plain.stderr).toContain('the newest 50 commits shown');
  });

  it('prints every commit of a range by default, as the JSON it always printed', () => {
    const range = `${tags[0]}..${tags[2]}`;
    const result = shipdeck('history', 'big', '--range', range, '--json');
    expect(result.code).toBe(0);
    expect(result.stderr).toBe('');
    const comparison = JSON.parse(result.stdout) as { commits: { sha: string }[]; truncated: boolean };
    expect(Object.keys(comparison)).toEqual(['from', 'to', 'fromSha', 'toSha', 'commits', 'truncated', 'behind']);
    expect(result.stdout).toBe(`${JSON.stringify(comparison, null, 2)}\n`);
    const count = Number(git(bigDir, ['rev-list', '--count', range]).trim());
    expect(comparison.commits).toHaveLength(count);
    expect(count).toBeGreaterThan(700);
    const limited = shipdeck('history', 'big', '--range', range, '--limit', '5');
    expect(limited.stdout.trim().split('\n')).toHaveLength(6);
    expect(limited.stderr).toContain(`only the newest 5 commits of ${range} shown; there are more (raise --limit)`);
  });

  it('ends quietly when its output pipe closes (| head -1)', async () => {
    for (const args of [
      ['history', 'big', '--range', `${tags[0]}..${tags[2]}`, '--json'],
      ['history', 'big', '--json', '--limit', '1200']
    ]) {
      const result = await shipdeckIntoClosedPipe(...args);
      expect(result, args.join(' ')).toEqual({ code: 0, stderr: '' });
    }
  });

  it('says on stderr that a shallow clone is truncated, and where', () => {
    const shallowDir = makeTempDir('shipdeck-cli-shallow-');
    try {
      git(shallowDir, ['clone', '--quiet', '--depth', '5', `file://${bigDir}`, 'clone']);
      expect(shipdeck('services', 'add', 'shallow', path.join(shallowDir, 'clone')).code).toBe(0);
      const boundary = git(path.join(shallowDir, 'clone'), ['rev-parse', 'HEAD~4']).trim();
      const result = shipdeck('history', 'shallow');
      expect(result.code).toBe(0);
      expect(result.stdout.trim().split('\n')).toHaveLength(5);
      expect(result.stderr).toContain(`history truncated (shallow clone) at ${boundary}`);
    } finally {
      removeDir(shallowDir);
    }
  });
});
