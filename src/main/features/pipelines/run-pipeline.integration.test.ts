// End to end through the real adapters: git worktrees of a temp repository, real processes, logs on disk.
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { RunEvent } from '../../../shared/domain/pipeline/run-events';
import { makeTempDir, removeDir, TempRepository } from '../../adapters/git/testing/temp-repository';
import { createWorktreeAdapter, worktreesFolder } from '../../adapters/git/worktree';
import { createRunLogAdapter } from '../../adapters/logs/run-log-adapter';
import { createProcessAdapter } from '../../adapters/process/process-adapter';
import { runPipeline, type PipelineRunPorts } from './run-pipeline';
import { FakeContainers, FakeImages } from './testing/fake-ports';

const PIPELINE = `version: 1
stages:
  - name: unit
    run: sleep 0.3; echo "unit sees version $(cat VERSION)"; test ! -e dirty.txt && echo "no dirty file"
    workdir: app
  - name: lint
    run: sleep 0.3; echo lint ok; echo "a warning" >&2
  - name: package
    needs: [unit, lint]
    run: echo "packaging $GIT_SHA"; printf 'bin\\377ary\\n'
  - name: verify
    needs: [package]
    env: { TARGET: linux }
    run: echo "checking $TARGET"; echo "verify failed" >&2; exit 7
  - name: publish
    needs: [verify]
    run: echo never
`;

let dir: string;
let repo: TempRepository;
let dataDir: string;
let ports: PipelineRunPorts;

beforeEach(() => {
  dir = makeTempDir('shipdeck-run-');
  dataDir = path.join(dir, 'data');
  repo = TempRepository.init(path.join(dir, 'repo'));
  repo.write('.shipdeck/pipeline.yml', PIPELINE);
  repo.write('app/VERSION', '1.0.0\n');
  repo.commitAll('first');
  repo.tag('v1.0.0');
  repo.commitFile('app/VERSION', '1.1.0\n', 'second');
  ports = {
    processes: createProcessAdapter(),
    worktrees: createWorktreeAdapter(dataDir),
    logs: createRunLogAdapter(dataDir),
    containers: new FakeContainers(),
    images: new FakeImages()
  };
});
afterEach(() => removeDir(dir));

describe('a pipeline run end to end (real git worktree, processes and logs)', () => {
  it('runs host stages in a clean checkout of the commit, in parallel and in order, and keeps every line on disk', async () => {
    repo.write('app/VERSION', 'dirty edit\n');
    repo.write('app/dirty.txt', 'untracked\n');
    const statusBefore = repo.git(['status', '--porcelain']);
    const events: RunEvent[] = [];

    const result = await runPipeline({ runId: 'run-e2e', repoPath: repo.dir, ref: 'v1.0.0', imageRepository: null }, ports, { onEvent: (event) => events.push(event) });

    expect(result.commit).toBe(repo.head('v1.0.0'));
    expect(result.status).toBe('failed');
    expect(result.stages.map((stage) => [stage.name, stage.status, stage.exitCode])).toEqual([
      ['unit', 'succeeded', 0],
      ['lint', 'succeeded', 0],
      ['package', 'succeeded', 0],
      ['verify', 'failed', 7],
      ['publish', 'skipped', null]
    ]);
    expect(result.stages[4]?.message).toBe('skipped: it needs "verify", which failed');

    // unit and lint ran side by side: both started before either finished.
    const kinds = events.map((event) => (event.type === 'stage-started' ? `start ${event.stage}` : event.type === 'stage-finished' ? `end ${event.result.name}` : event.type));
    expect(kinds.indexOf('start lint')).toBeLessThan(Math.min(kinds.indexOf('end unit'), kinds.indexOf('end lint')));
    expect(kinds.indexOf('start package')).toBeGreaterThan(Math.max(kinds.indexOf('end unit'), kinds.indexOf('end lint')));

    const logs = createRunLogAdapter(dataDir);
    expect(await logs.read('run-e2e', 'unit', 1, 10)).toEqual([
      { number: 1, stream: 'system', text: `$ sleep 0.3; echo "unit sees version $(cat VERSION)"; test ! -e dirty.txt && echo "no dirty file" in app` },
      { number: 2, stream: 'stdout', text: 'unit sees version 1.0.0' },
      { number: 3, stream: 'stdout', text: 'no dirty file' },
      { number: 4, stream: 'system', text: expect.stringMatching(/^succeeded in /) }
    ]);
    expect(await logs.read('run-e2e', 'package', 2, 2)).toEqual([
      { number: 2, stream: 'stdout', text: `packaging ${result.commit}` },
      { number: 3, stream: 'stdout', text: 'bin\uFFFDary' }
    ]);
    const verify = await logs.read('run-e2e', 'verify', 1, 10);
    expect(verify.map((line) => `${line.stream}: ${line.text}`)).toEqual(expect.arrayContaining(['stdout: checking linux', 'stderr: verify failed', 'system: exited with code 7']));
    expect((await logs.search('run-e2e', 'lint', { text: 'WARNING', fromLine: 2 })).matches).toEqual([{ number: 3, stream: 'stderr', text: 'a warning' }]);
    expect(await logs.lineCount('run-e2e', 'publish')).toBe(0);
    const streamed = events.flatMap((event) => (event.type === 'log-lines' && event.stage === 'unit' ? event.lines : []));
    expect(streamed).toEqual(await logs.read('run-e2e', 'unit', 1, 10));

    expect(readdirSync(worktreesFolder(dataDir))).toEqual([]);
    expect(repo.git(['worktree', 'list', '--porcelain']).match(/^worktree /gm)).toHaveLength(1);
    expect(repo.git(['status', '--porcelain'])).toBe(statusBefore);
    expect(readFileSync(path.join(repo.dir, 'app/VERSION'), 'utf8')).toBe('dirty edit\n');
  });

  it('cancel kills the stage\'s process tree and removes the checkout', async () => {
    repo.commitFile('.shipdeck/pipeline.yml', 'version: 1\nstages:\n  - name: hang\n    run: sh -c "sleep 987670 & sleep 987670 & wait" & wait\n', 'hang');
    const controller = new AbortController();
    const events: RunEvent[] = [];
    const running = runPipeline({ runId: 'run-cancel', repoPath: repo.dir, ref: 'main', imageRepository: null }, ports, {
      onEvent: (event) => events.push(event),
      signal: controller.signal
    });
    while (!sleepers().length) await new Promise((resolve) => setTimeout(resolve, 20));
    controller.abort();
    const result = await running;
    expect(result.status).toBe('cancelled');
    expect(result.stages[0]?.status).toBe('cancelled');
    expect(sleepers()).toEqual([]);
    expect(existsSync(worktreesFolder(dataDir)) ? readdirSync(worktreesFolder(dataDir)) : []).toEqual([]);
  });
});

function sleepers(): string[] {
  return execFileSync('ps', ['-eo', 'stat,args'], { encoding: 'utf8' })
    .split('\n')
    .filter((line) => line.includes('sleep 987670') && !line.trim().startsWith('Z'));
}
