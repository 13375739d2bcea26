// Container stages against the real Docker engine: exit codes, env and working directory, output,
// timeout, cancel, a missing image, and the cleanup of containers a crashed run left.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ContainerStageRequest, OutputLine } from '../../ports/containers';
import { requireComponent } from '../../testing/components';
import { BASE_IMAGE, dockerAnswers, ensureBaseImage } from '../../testing/docker-fixtures';
import { createDockerContainersPort } from './docker-adapter';
import { rejection } from '../../testing/rejection';

const containers = createDockerContainersPort();
const checkout = fs.mkdtempSync(path.join(os.tmpdir(), 'shipdeck-stage-'));
const runId = `test-${process.pid}-${Date.now()}`;
let docker = false;

beforeAll(async () => {
  docker = await requireComponent('docker', dockerAnswers);
  if (!docker) return;
  await ensureBaseImage();
  fs.mkdirSync(path.join(checkout, 'app'));
  fs.writeFileSync(path.join(checkout, 'app', 'README.md'), 'hello from the checkout\n');
});

afterAll(async () => {
  if (docker) await containers.removeStageContainers(runId);
  fs.rmSync(checkout, { recursive: true, force: true });
});

function stage(command: string, extra: Partial<ContainerStageRequest> = {}): ContainerStageRequest {
  return { runId, stage: 'lint', image: BASE_IMAGE, command: ['sh', '-c', command], checkoutDir: checkout, ...extra };
}


describe('runStage', () => {
  it('runs in the checkout with its env, streams stdout and stderr, and returns exit code 0', async (ctx) => {
    if (!docker) return ctx.skip();
    const lines: OutputLine[] = [];
    const result = await containers.runStage(
      stage('pwd; echo "mode=$MODE"; cat README.md; echo "to stderr" >&2; touch made-in-stage', { workdir: 'app', env: { MODE: 'test' } }),
      (line) => lines.push(line)
    );
    expect(result).toEqual({ outcome: 'exited', exitCode: 0 });
    // Each stream keeps its order; between the two, the order is the kernel's (two pipes).
    expect(lines.filter((line) => line.stream === 'stdout').map((line) => line.text)).toEqual(['/workspace/app', 'mode=test', 'hello from the checkout']);
    expect(lines.filter((line) => line.stream === 'stderr').map((line) => line.text)).toEqual(['to stderr']);
    // The checkout is mounted, not copied: what the stage writes is there afterwards.
    expect(fs.existsSync(path.join(checkout, 'app', 'made-in-stage'))).toBe(true);
    expect(await containers.listStageContainers(runId)).toEqual([]);
  });

  it('returns the command\'s exit code and removes the container', async (ctx) => {
    if (!docker) return ctx.skip();
    const result = await containers.runStage(stage('echo failing; exit 3'), () => undefined);
    expect(result).toEqual({ outcome: 'exited', exitCode: 3 });
    expect(await containers.listStageContainers(runId)).toEqual([]);
  });

  it('runs as the given user, so files it leaves in the checkout are the runner\'s', async (ctx) => {
    if (!docker) return ctx.skip();
    const shared = path.join(checkout, 'shared');
    fs.mkdirSync(shared, { mode: 0o777 });
    fs.chmodSync(shared, 0o777);
    const lines: OutputLine[] = [];
    const result = await containers.runStage(stage('id -u; touch owned-by-user', { user: '4321:4321', workdir: 'shared' }), (line) => lines.push(line));
    expect(result).toEqual({ outcome: 'exited', exitCode: 0 });
    expect(lines).toEqual([{ stream: 'stdout', text: '4321' }]);
    expect(fs.statSync(path.join(shared, 'owned-by-user')).uid).toBe(4321);
  });

  it('refuses a working directory outside the checkout', async (ctx) => {
    if (!docker) return ctx.skip();
    const error = await rejection(containers.runStage(stage('true', { workdir: '../etc' }), () => undefined));
    expect(error.message).toMatch(/outside the checkout/);
  });

  it('stops and removes the container on cancel within a few seconds, labelled while it ran', async (ctx) => {
    if (!docker) return ctx.skip();
    const controller = new AbortController();
    const lines: OutputLine[] = [];
    const running = containers.runStage(stage('echo started; sleep 60', { stage: 'slow' }), (line) => {
      lines.push(line);
      if (line.text === 'started') setTimeout(() => controller.abort(), 200);
    }, controller.signal);
    // While it runs, the container carries the run and stage labels.
    await expect.poll(() => containers.listStageContainers(runId), { timeout: 10_000 }).toMatchObject([{ runId, stage: 'slow', state: 'running' }]);
    const startedAt = Date.now();
    const error = await rejection(running);
    expect(error.code).toBe('CANCELLED');
    expect(Date.now() - startedAt).toBeLessThan(20_000);
    expect(await containers.listStageContainers(runId)).toEqual([]);
  });

  it('stops a stage that outlives its timeout and reports it', async (ctx) => {
    if (!docker) return ctx.skip();
    const startedAt = Date.now();
    const result = await containers.runStage(stage('sleep 60', { timeoutMs: 500 }), () => undefined);
    expect(result).toEqual({ outcome: 'timed-out' });
    expect(Date.now() - startedAt).toBeLessThan(30_000);
    expect(await containers.listStageContainers(runId)).toEqual([]);
  });

  it('says an image is neither local nor pullable', async (ctx) => {
    if (!docker) return ctx.skip();
    const error = await rejection(containers.runStage(stage('true', { image: '127.0.0.1:1/nowhere/image:1' }), () => undefined));
    expect(error.code).toBe('IMAGE_NOT_FOUND');
    expect(error.message).toMatch(/^The image 127\.0\.0\.1:1\/nowhere\/image:1 is not available locally and could not be pulled: .*connection refused/);
  });
});

describe('stage containers left by a crashed run', () => {
  it('are found by the run label and removed', async (ctx) => {
    if (!docker) return ctx.skip();
    const crashedRun = `${runId}-crashed`;
    // What a crash leaves: containers of the run, one running, one exited.
    for (const [stageName, command] of [['test', 'sleep 60'], ['lint', 'true']] as const) {
      execFileSync('docker', ['run', '-d', '--network', 'host', '--init', '--label', `shipdeck.run=${crashedRun}`, '--label', `shipdeck.stage=${stageName}`, BASE_IMAGE, 'sh', '-c', command]);
    }
    const left = await containers.listStageContainers(crashedRun);
    expect(left.map((container) => container.stage).sort()).toEqual(['lint', 'test']);
    // Another run's containers are not touched.
    expect(left.every((container) => container.runId === crashedRun)).toBe(true);

    expect(await containers.removeStageContainers(crashedRun)).toBe(2);
    expect(await containers.listStageContainers(crashedRun)).toEqual([]);
  });
});
