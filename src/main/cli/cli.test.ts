// The command line as an on-call engineer uses it: real processes, a real data folder, a real repository.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTempDir, removeDir, TempRepository } from '../adapters/git/testing/temp-repository';

const entry = path.join(__dirname, 'index.ts');
let dataDir: string;
let repoDir: string;
let repo: TempRepository;

function shipdeck(...args: string[]) {
  const result = spawnSync(process.execPath, ['--import', 'tsx', entry, ...args, '--data-dir', dataDir], { encoding: 'utf8' });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
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
      [['deploy'], 2, /unknown command "deploy"/],
      [['services', 'list', '--jsn'], 2, /unknown option --jsn/]
    ];
    for (const [args, code, message] of cases) {
      const result = shipdeck(...args);
      expect(result.code, args.join(' ')).toBe(code);
      expect(result.stderr.trim().split('\n'), args.join(' ')).toHaveLength(1);
      expect(result.stderr).toMatch(message);
    }
  });
});
