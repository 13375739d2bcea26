import { describe, expect, it } from 'vitest';
import type { RunEvent } from '../../../shared/domain/pipeline/run-events';
import { runPipeline, type RunRequest } from './run-pipeline';
import { COMMIT, FakeContainers, FakeImages, FakeProcesses, FakeWorktrees, MemoryLogs, type ScriptedCommand } from './testing/fake-ports';

const PIPELINE = `version: 1
stages:
  - name: test
    run: ./ci/test.sh
    env: { NODE_ENV: test }
    workdir: app
  - name: lint
    image: busybox:1.36
    run: sh -c 'test -f README.md'
  - name: docs
    run: make docs
  - name: build
    needs: [test, lint]
    build: {}
  - name: push
    needs: [build]
    push: {}
`;

function setup(pipeline: string, script: Record<string, ScriptedCommand> = {}) {
  const ports = {
    worktrees: new FakeWorktrees({ '.shipdeck/pipeline.yml': pipeline }),
    logs: new MemoryLogs(),
    processes: new FakeProcesses(script),
    containers: new FakeContainers(),
    images: new FakeImages()
  };
  const events: RunEvent[] = [];
  const request: RunRequest = { runId: 'run-1', repoPath: '/repo', ref: 'main', imageRepository: '127.0.0.1:5000/shop/api' };
  const run = (overrides: Partial<RunRequest> = {}, options: { signal?: AbortSignal; parallelism?: number } = {}) =>
    runPipeline({ ...request, ...overrides }, ports, { onEvent: (event) => events.push(event), hostEnv: { PATH: '/bin', GIT_DIR: '/elsewhere' }, ...options });
  const statuses = () => Object.fromEntries(events.flatMap((event) => (event.type === 'stage-finished' ? [[event.result.name, event.result.status]] : [])));
  return { ports, events, run, statuses };
}

describe('runPipeline', () => {
  it('runs every stage through its port, in dependency order, two at a time, and removes the checkout', async () => {
    const { ports, events, run, statuses } = setup(PIPELINE, { './ci/test.sh': { lines: ['12 passed'], delayMs: 30 }, 'make docs': { delayMs: 10 } });
    const result = await run();
    expect(result.status).toBe('succeeded');
    expect(result.commit).toBe(COMMIT);
    expect(statuses()).toEqual({ test: 'succeeded', lint: 'succeeded', docs: 'succeeded', build: 'succeeded', push: 'succeeded' });
    expect(ports.processes.maxRunning).toBeLessThanOrEqual(2);

    const [testRun] = ports.processes.started;
    expect(testRun?.cwd).toBe('/fake/worktrees/run-1/app');
    expect(testRun?.env).toMatchObject({ PATH: '/bin', NODE_ENV: 'test', CI: 'true', GIT_SHA: COMMIT, SHIPDECK_STAGE: 'test', SHIPDECK_RUN_ID: 'run-1' });
    expect(testRun?.env.GIT_DIR).toBeUndefined();
    expect(ports.containers.runs[0]).toMatchObject({ image: 'busybox:1.36', command: "sh -c 'test -f README.md'", checkoutPath: '/fake/worktrees/run-1', workdir: '.' });
    expect(ports.containers.runs[0]?.env.PATH).toBeUndefined();
    expect(ports.images.builds[0]).toMatchObject({ dockerfile: 'Dockerfile', context: '.', commit: COMMIT, repository: '127.0.0.1:5000/shop/api' });
    expect(ports.images.pushes[0]?.image).toEqual({ imageId: 'sha256:1234', tags: [`127.0.0.1:5000/shop/api:${COMMIT}`] });
    expect(result.stages.find((stage) => stage.name === 'push')?.output).toEqual({ kind: 'pushed', repository: '127.0.0.1:5000/shop/api', digest: 'sha256:abcd', tags: [`127.0.0.1:5000/shop/api:${COMMIT}`] });
    expect(result.stages.find((stage) => stage.name === 'build')?.output).toMatchObject({ kind: 'image', imageId: 'sha256:1234' });

    expect(ports.worktrees.removed).toEqual(ports.worktrees.created);
    expect(events[0]).toMatchObject({ type: 'run-started', commit: COMMIT, stages: [{ name: 'test', kind: 'run', needs: [] }, { name: 'lint' }, { name: 'docs' }, { name: 'build', kind: 'build', needs: ['test', 'lint'] }, { name: 'push', kind: 'push' }] });
    expect(events.at(-1)).toMatchObject({ type: 'run-finished', result: { status: 'succeeded' } });
    const build = events.findIndex((event) => event.type === 'stage-started' && event.stage === 'build');
    const testDone = events.findIndex((event) => event.type === 'stage-finished' && event.result.name === 'test');
    expect(build).toBeGreaterThan(testDone);
    expect(ports.logs.text('run-1', 'test')).toEqual(['$ ./ci/test.sh in app', '12 passed', expect.stringMatching(/^succeeded in \d+\.\d s$/)]);
    const logEvent = events.find((event) => event.type === 'log-lines' && event.stage === 'test' && event.lines[0]?.text === '12 passed');
    expect(logEvent).toMatchObject({ lines: [{ number: 2, stream: 'stdout', text: '12 passed' }] });
  });

  it('a failed stage skips its dependents and what has not started, lets the running stage finish, and fails the run', async () => {
    const { ports, run, statuses } = setup(PIPELINE.replace('image: busybox:1.36\n    run: sh -c \'test -f README.md\'', 'run: slow-lint'), {
      './ci/test.sh': { exitCode: 2, delayMs: 5 },
      'slow-lint': { delayMs: 80 }
    });
    const result = await run();
    expect(result.status).toBe('failed');
    expect(statuses()).toEqual({ test: 'failed', lint: 'succeeded', docs: 'skipped', build: 'skipped', push: 'skipped' });
    expect(result.stages.map((stage) => stage.name)).toEqual(['test', 'lint', 'docs', 'build', 'push']);
    expect(result.stages[0]).toMatchObject({ exitCode: 2, message: 'exited with code 2' });
    expect(result.stages[3]).toMatchObject({ message: 'skipped: it needs "test", which failed', startedAt: null });
    expect(result.stages[2]?.message).toBe('skipped: the run stopped because "test" failed');
    expect(ports.processes.started.map((spec) => spec.command)).toEqual(['./ci/test.sh', 'slow-lint']);
    expect(ports.logs.text('run-1', 'test').at(-1)).toBe('exited with code 2');
  });

  it('a stage that runs past its timeout is stopped and fails the run as timed-out', async () => {
    const { run, statuses } = setup('version: 1\nstages:\n  - name: hang\n    run: hang\n    timeout: 1s\n  - name: after\n    needs: [hang]\n    run: "true"\n', { hang: { hang: true } });
    const started = Date.now();
    const result = await run();
    expect(Date.now() - started).toBeLessThan(15_000);
    expect(result.status).toBe('failed');
    expect(statuses()).toEqual({ hang: 'timed-out', after: 'skipped' });
    expect(result.stages[0]?.message).toBe('timed out after 1s; the stage was stopped');
  });

  it('cancel stops running stages, skips the rest, and ends the run cancelled', async () => {
    const { ports, run, statuses, events } = setup(PIPELINE, { './ci/test.sh': { hang: true }, 'make docs': { hang: true } });
    const controller = new AbortController();
    const running = run({}, { signal: controller.signal });
    while (ports.processes.running < 1 || !events.some((event) => event.type === 'stage-finished' && event.result.name === 'lint')) await new Promise((resolve) => setTimeout(resolve, 5));
    controller.abort();
    const result = await running;
    expect(result.status).toBe('cancelled');
    expect(statuses()).toMatchObject({ test: 'cancelled', lint: 'succeeded', build: 'skipped', push: 'skipped' });
    expect(ports.worktrees.removed).toHaveLength(1);
  });

  it('honours a parallelism of one', async () => {
    const { ports, run } = setup(PIPELINE, { './ci/test.sh': { delayMs: 20 }, 'make docs': { delayMs: 20 } });
    await run({}, { parallelism: 1 });
    expect(ports.processes.maxRunning).toBe(1);
  });

  it('an invalid pipeline file fails the run before anything runs, with every problem', async () => {
    const { ports, events, run } = setup('version: 1\nstages:\n  - name: a\n    run: x\n    timout: 5m\n  - name: b\n    needs: [c]\n    run: y\n');
    const result = await run();
    expect(result).toMatchObject({ status: 'failed', commit: COMMIT, stages: [], error: { code: 'INVALID_PIPELINE' } });
    expect(result.problems.map((problem) => [problem.line, problem.column])).toEqual([[5, 5]]);
    expect(ports.worktrees.created).toEqual([]);
    expect(events.map((event) => event.type)).toEqual(['run-finished']);
  });

  it('a ref that names nothing, or a commit without a pipeline file, fails the run with a clear error', async () => {
    const { run } = setup(PIPELINE);
    expect(await run({ ref: 'missing' })).toMatchObject({ status: 'failed', commit: null, error: { code: 'BAD_REF' } });
    expect(await run({ pipelineFile: 'ci/other.yml' })).toMatchObject({ status: 'failed', error: { code: 'NOT_FOUND', message: `Commit ${COMMIT.slice(0, 12)} has no ci/other.yml.` } });
  });

  it('a push for a service without an image repository fails with a clear message, never a fake success', async () => {
    const { ports, run } = setup(PIPELINE);
    const result = await run({ imageRepository: null });
    expect(result.status).toBe('failed');
    expect(result.stages.find((stage) => stage.name === 'push')).toMatchObject({ status: 'failed', message: expect.stringContaining('no image repository') });
    expect(ports.images.pushes).toEqual([]);
    expect(ports.images.builds[0]?.repository).toBeNull();
  });

  it('a log that cannot be written (full disk) fails the stage with the disk error', async () => {
    const { ports, run } = setup('version: 1\nstages:\n  - name: noisy\n    run: noisy\n', { noisy: { lines: ['x'] } });
    ports.logs.failAppendsOf = 'noisy';
    const result = await run();
    expect(result.stages[0]).toMatchObject({ status: 'failed', message: expect.stringContaining('the disk is full') });
    expect(ports.processes.started).toEqual([]);
  });
});
