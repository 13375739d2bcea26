// The demo repository's own build: its pipeline file, its sh checks on the host and in a busybox
// container, and its Dockerfile built with the Docker adapter, run, and pushed (real engine, real
// docker-registry; skipped loudly without them locally, failed in CI).
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parsePipeline } from '../../shared/domain/pipeline/parse-pipeline';
import { createDockerContainersPort } from '../adapters/docker/docker-adapter';
import { git, makeTempDir, removeDir } from '../adapters/git/testing/temp-repository';
import { requireComponent } from '../testing/components';
import { dockerAnswers, ensureBaseImage, freePort, registryInstalled, registryManifestDigest, startTestRegistry, type TestRegistry } from '../testing/docker-fixtures';
import { createDemoRepository } from './create-demo-repository';

const containers = createDockerContainersPort();
const localRepository = `shipdeck-test/demo-image-${process.pid}`;
let root: string;
let repo: string;
let docker = false;
let registry: TestRegistry | null = null;
let builtTag: string | null = null;

beforeAll(async () => {
  root = makeTempDir('shipdeck-demo-image-');
  repo = path.join(root, 'shop-api');
  await createDemoRepository(repo, { now: new Date('2025-06-02T09:30:00Z') });
  docker = await requireComponent('docker', dockerAnswers);
  if (!docker) return;
  await ensureBaseImage();
  if (await requireComponent('registry', async () => registryInstalled())) registry = await startTestRegistry();
}, 60_000);

afterAll(async () => {
  await registry?.stop();
  if (docker) {
    for (const repository of [localRepository, ...(registry === null ? [] : [`${registry.host}/shop/api`])]) {
      for (const image of await containers.listImages(repository)) {
        for (const tag of image.repoTags) await containers.removeImage(tag, { force: true }).catch(() => undefined);
      }
    }
  }
  removeDir(root);
});

describe('the demo service\'s build', () => {
  it('has a pipeline at the tip of main with host tests, lint in busybox, a build and a push', () => {
    const parsed = parsePipeline(git(repo, ['show', 'main:.shipdeck/pipeline.yml']));
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.problems));
    expect(parsed.definition.stages.map((stage) => [stage.name, stage.kind, stage.needs])).toEqual([
      ['test', 'run', []],
      ['lint', 'run', []],
      ['build', 'build', ['test', 'lint']],
      ['push', 'push', ['build']]
    ]);
    expect(parsed.definition.stages[0]).toMatchObject({ image: null, run: 'sh ci/test.sh' });
    expect(parsed.definition.stages[1]).toMatchObject({ image: 'busybox:1.36', run: 'sh ci/lint.sh' });
    expect(git(repo, ['show', 'main:Dockerfile'])).toMatch(/^FROM busybox:1\.36$/m);
  });

  it('passes its smoke tests on the host, and they fail when the health path is broken', () => {
    const passing = spawnSync('sh', ['ci/test.sh'], { cwd: repo, encoding: 'utf8' });
    expect(passing.stdout).toContain('4 passed, 0 failed');
    expect(passing.status).toBe(0);
    const broken = makeTempDir('shipdeck-demo-broken-');
    try {
      execFileSync('git', ['clone', '--quiet', repo, broken]);
      execFileSync('sh', ['-c', 'echo down > www/healthz'], { cwd: broken });
      const failing = spawnSync('sh', ['ci/test.sh'], { cwd: broken, encoding: 'utf8' });
      expect(failing.stdout).toContain('FAIL the health path answers ok');
      expect(failing.status).toBe(1);
    } finally {
      removeDir(broken);
    }
  });

  it('passes its lint stage in a busybox:1.36 container, as the pipeline runs it', async (ctx) => {
    if (!docker) return ctx.skip();
    const lines: string[] = [];
    const result = await containers.runStage(
      { runId: `demo-lint-${process.pid}`, stage: 'lint', image: 'busybox:1.36', command: ['sh', '-c', 'sh ci/lint.sh'], checkoutDir: repo, timeoutMs: 30_000 },
      (line) => lines.push(line.text)
    );
    expect(lines).toContain('lint: 0 problem(s)');
    expect(result).toEqual({ outcome: 'exited', exitCode: 0 });
  });

  it('builds FROM busybox:1.36 without pulling, and the image serves /healthz on 127.0.0.1:$PORT', async (ctx) => {
    if (!docker) return ctx.skip();
    const commit = git(repo, ['rev-parse', 'main']).trim();
    const built = await containers.buildImage({ checkoutDir: repo, repository: localRepository, commitSha: commit, version: 'v1.8.0' }, () => undefined);
    expect(built.tags).toEqual([`${localRepository}:${commit}`, `${localRepository}:${commit.slice(0, 7)}`, `${localRepository}:1.8.0`]);
    builtTag = built.tags[0] ?? null;
    const port = await freePort();
    const name = `shipdeck-demo-image-${process.pid}`;
    // The image's own CMD, as a deployment would start it.
    execFileSync('docker', ['run', '--detach', '--rm', '--name', name, '--network', 'host', '--env', `PORT=${port}`, '--env', 'HOST=127.0.0.1', `${localRepository}:${commit}`]);
    try {
      await expect.poll(async () => fetch(`http://127.0.0.1:${port}/healthz`).then((response) => response.status, () => 0), { timeout: 10_000 }).toBe(200);
      expect(await (await fetch(`http://127.0.0.1:${port}/healthz`)).text()).toBe('ok\n');
      expect(await (await fetch(`http://127.0.0.1:${port}/v1/version.json`)).json()).toEqual({ service: 'shop-api', version: '1.8.0' });
      expect((await fetch(`http://127.0.0.1:${port}/package.json`)).status).toBe(404); // .dockerignore keeps the rest out
      const page = await fetch(`http://127.0.0.1:${port}/`);
      if (page.status === 200) expect(await page.text()).toContain('<h1>shop-api 1.8.0</h1>');
      else expect(page.status).toBe(500); // its 0.5 % errors
    } finally {
      execFileSync('docker', ['rm', '--force', name], { stdio: 'ignore' });
    }
  }, 60_000);

  it('counts the requests to / by status code and latency on /metrics, in the Prometheus text format', async (ctx) => {
    if (!docker || builtTag === null) return ctx.skip();
    // A behaviour with many errors and no latency, in place of the image's: every code shows in a few requests.
    const behaviour = path.join(root, 'behaviour');
    fs.writeFileSync(behaviour, 'ERRORS_PER_10000=3000\nLATENCY_BASE_US=0\nLATENCY_SPREAD_US=0\n');
    const port = await freePort();
    const name = `shipdeck-demo-metrics-${process.pid}`;
    execFileSync('docker', ['run', '--detach', '--rm', '--name', name, '--network', 'host', '--env', `PORT=${port}`, '--env', 'HOST=127.0.0.1', '--volume', `${behaviour}:/srv/behaviour:ro`, builtTag]);
    try {
      await expect.poll(async () => fetch(`http://127.0.0.1:${port}/healthz`).then((response) => response.status, () => 0), { timeout: 10_000 }).toBe(200);
      const seen = { 200: 0, 500: 0 };
      for (let request = 0; request < 100; request++) {
        const response = await fetch(`http://127.0.0.1:${port}/`);
        await response.text();
        if (response.status === 200 || response.status === 500) seen[response.status]++;
      }
      expect(seen[200] + seen[500]).toBe(100);
      expect(seen[500]).toBeGreaterThan(0);
      const metrics = await fetch(`http://127.0.0.1:${port}/metrics`);
      expect(metrics.status).toBe(200);
      const text = await metrics.text();
      expect(text).toContain('# TYPE http_requests_total counter');
      expect(text).toMatch(new RegExp(`^http_requests_total\\{code="200"\\} ${seen[200]}$`, 'm'));
      expect(text).toMatch(new RegExp(`^http_requests_total\\{code="500"\\} ${seen[500]}$`, 'm'));
      expect(text).toContain('# TYPE http_request_duration_seconds histogram');
      expect(text).toMatch(/^http_request_duration_seconds_bucket\{le="\+Inf"\} 100$/m);
      expect(text).toMatch(/^http_request_duration_seconds_count 100$/m);
    } finally {
      execFileSync('docker', ['rm', '--force', name], { stdio: 'ignore' });
    }
  }, 60_000);

  it('pushes the built image to the service\'s image repository and gets the registry\'s digest', async (ctx) => {
    if (!docker || registry === null || builtTag === null) return ctx.skip();
    const commit = git(repo, ['rev-parse', 'main']).trim();
    const built = await containers.buildImage({ checkoutDir: repo, repository: `${registry.host}/shop/api`, commitSha: commit }, () => undefined);
    const pushed = await containers.pushImage({ reference: built.tags[0] ?? '' }, () => undefined);
    expect(pushed.digest).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(await registryManifestDigest(registry, 'shop/api', commit)).toBe(pushed.digest);
  }, 60_000);
});
