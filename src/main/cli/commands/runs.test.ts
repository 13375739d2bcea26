// `shipdeck run / runs / logs` as real processes on a real repository and data folder.
import { spawn, spawnSync } from 'node:child_process';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTempDir, removeDir, TempRepository } from '../../adapters/git/testing/temp-repository';

const entry = path.join(__dirname, '..', 'index.ts');
let dir: string;
let dataDir: string;
let repo: TempRepository;

function shipdeck(...args: string[]) {
  const result = spawnSync(process.execPath, ['--import', 'tsx', entry, ...args, '--data-dir', dataDir], { encoding: 'utf8' });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

beforeAll(() => {
  dir = makeTempDir('shipdeck-cli-runs-');
  dataDir = path.join(dir, 'data');
  repo = TempRepository.init(path.join(dir, 'repo'));
  repo.write('.shipdeck/pipeline.yml', 'version: 1\nstages:\n  - name: test\n    run: echo "tests pass"\n  - name: build\n    needs: [test]\n    run: echo "built it"\n');
  repo.commitAll('green');
  repo.tag('green');
  repo.write('.shipdeck/pipeline.yml', 'version: 1\nstages:\n  - name: test\n    run: echo "1 failing" >&2; exit 4\n  - name: build\n    needs: [test]\n    run: echo never\n');
  repo.commitAll('red');
  repo.tag('red');
  repo.write('.shipdeck/pipeline.yml', 'version: 1\nstages:\n  - name: wait\n    run: echo waiting; sleep 30\n');
  repo.commitAll('slow');
  expect(shipdeck('services', 'add', 'api', repo.dir).code).toBe(0);
});
afterAll(() => removeDir(dir));

describe('shipdeck run, runs and logs', () => {
  it('streams the logs prefixed by stage and exits 0 when the run succeeded', () => {
    const result = shipdeck('run', 'api', '--ref', 'green');
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('[test]  tests pass\n');
    expect(result.stdout).toContain('[build] built it\n');
    expect(result.stdout.indexOf('tests pass')).toBeLessThan(result.stdout.indexOf('built it'));
    expect(result.stderr).toMatch(/run #1 succeeded/);
  });

  it('exits 1 when the run failed, and says which stage', () => {
    const result = shipdeck('run', 'api', '--ref', 'red');
    expect(result.code).toBe(1);
    expect(result.stdout).toContain('[test]  1 failing');
    expect(result.stderr).toMatch(/run #2 failed .*test failed \(exit 4\), build skipped/);
  });

  it('cancels the run on Ctrl-C and exits 130', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', entry, 'run', 'api', '--data-dir', dataDir], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    await new Promise<void>((resolve) =>
      child.stdout.on('data', (chunk: Buffer) => {
        stdout += chunk.toString();
        if (stdout.includes('waiting')) resolve();
      })
    );
    const started = Date.now();
    child.kill('SIGINT');
    const code = await new Promise<number | null>((resolve) => child.on('exit', (exitCode) => resolve(exitCode)));
    expect(code).toBe(130);
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(stderr).toMatch(/run #3 cancelled/);
  });

  it('lists runs newest first, as text and JSON, and prints a run\'s logs', () => {
    const text = shipdeck('runs', 'api');
    expect(text.code).toBe(0);
    expect(text.stdout.split('\n').filter(Boolean).map((line) => line.split(/\s+/).slice(0, 2).join(' '))).toEqual(['#3 cancelled', '#2 failed', '#1 succeeded']);
    const json = JSON.parse(shipdeck('runs', 'api', '--json').stdout) as { id: number; status: string; commitSha: string; stages: unknown[] }[];
    expect(json.map((run) => [run.id, run.status])).toEqual([[3, 'cancelled'], [2, 'failed'], [1, 'succeeded']]);
    expect(json[2]?.commitSha).toBe(repo.head('green'));

    const logs = shipdeck('logs', '1');
    expect(logs.code).toBe(0);
    expect(logs.stdout).toContain('[test]  tests pass');
    expect(logs.stdout).toContain('[build] built it');
    const one = shipdeck('logs', '2', '--stage', 'test');
    expect(one.stdout.split('\n')).toContain('1 failing');
    expect(shipdeck('logs', '2', '--stage', 'nope')).toMatchObject({ code: 1, stderr: expect.stringMatching(/no stage "nope"/) });
    expect(shipdeck('logs', 'x')).toMatchObject({ code: 2 });
  });

  it('turns the branch watch on and off, and refuses a branch name git could read as an option', () => {
    expect(shipdeck('watch', 'api', 'main')).toMatchObject({ code: 0, stdout: 'api: each new commit on main starts a run\n' });
    expect(JSON.parse(shipdeck('watch', 'api', 'main', '--json').stdout)).toEqual({ service: 'api', branch: 'main' });
    expect(shipdeck('watch', 'api', 'off')).toMatchObject({ code: 0, stdout: 'api: branch watch off\n' });
    const refused = shipdeck('watch', 'api', '--upload-pack=x');
    expect(refused.code).not.toBe(0);
  });
});
