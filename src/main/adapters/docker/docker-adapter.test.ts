// Against the real Docker engine (and a real docker-registry): build, tag, push, inspect, list, remove.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BuildEvent, Progress } from '../../ports/containers';
import { AppError } from '../../../shared/result';
import { requireComponent } from '../../testing/components';
import {
  dockerAnswers,
  ensureBaseImage,
  freePort,
  makeDemoContext,
  registryInstalled,
  registryManifestDigest,
  startTestRegistry,
  type TestRegistry
} from '../../testing/docker-fixtures';
import { createDockerContainersPort } from './docker-adapter';

const SHA = 'c0ffee0123456789abcdef0123456789abcdef01';
const containers = createDockerContainersPort();
const workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'shipdeck-docker-'));
const localRepository = `shipdeck-test/adapter-${process.pid}`;
let docker = false;
let registry: TestRegistry | null = null;
/** The demo image the first build made, for the test that runs it. */
let demoImage: string | null = null;

beforeAll(async () => {
  docker = await requireComponent('docker', dockerAnswers);
  if (!docker) return;
  await ensureBaseImage();
  if (await requireComponent('registry', async () => registryInstalled())) registry = await startTestRegistry();
});

afterAll(async () => {
  await registry?.stop();
  if (docker) {
    const repositories = [localRepository, ...(registry === null ? [] : [`${registry.host}/shop/demo`])];
    for (const repository of repositories) {
      for (const image of await containers.listImages(repository)) {
        for (const tag of image.repoTags) await containers.removeImage(tag, { force: true }).catch(() => undefined);
      }
    }
  }
  fs.rmSync(workDir, { recursive: true, force: true });
});

async function expectAppError(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.then(
    () => null,
    (reason: unknown) => reason
  );
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}

describe('ping', () => {
  it('reaches the engine and speaks the API version it negotiated', async (ctx) => {
    if (!docker) return ctx.skip();
    const info = await containers.ping();
    expect(info.endpoint).toMatch(/^(unix|tcp):\/\//);
    expect(info.apiVersion).toMatch(/^1\.\d+$/);
    expect(info.version).not.toBe('');
  });

  it('says where no engine answered and how to start one', async () => {
    const nowhere = createDockerContainersPort({ dockerHost: `unix://${path.join(workDir, 'no-docker.sock')}` });
    const error = await expectAppError(nowhere.ping());
    expect(error.code).toBe('DOCKER_UNREACHABLE');
    expect(error.message).toBe(`Docker engine unreachable at unix://${path.join(workDir, 'no-docker.sock')} — start Docker (Docker Desktop, or \`dockerd\`).`);
    // Every other call says the same, rather than a raw socket error.
    expect((await expectAppError(nowhere.inspectImage('busybox:1.36'))).code).toBe('DOCKER_UNREACHABLE');
  });
});

describe('buildImage', () => {
  it('builds from a checkout honouring .dockerignore, streams the steps, and tags by commit and version', async (ctx) => {
    if (!docker) return ctx.skip();
    const checkout = makeDemoContext(path.join(workDir, 'good'), { version: '1.4.0' });
    const events: BuildEvent[] = [];
    const built = await containers.buildImage({ checkoutDir: checkout, repository: localRepository, commitSha: SHA, version: 'v1.4.0' }, (event) => events.push(event));

    expect(built.imageId).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(built.tags).toEqual([`${localRepository}:${SHA}`, `${localRepository}:c0ffee0`, `${localRepository}:1.4.0`]);
    const lines = events.flatMap((event) => (event.kind === 'line' ? [event.text] : []));
    expect(lines).toContain(`Step 1/7 : FROM busybox:1.36`);
    // The RUN step checks that ignored.log was not sent; its output reaches us.
    expect(lines).toContain('context ok');
    const fractions = events.flatMap((event) => (event.kind === 'progress' && event.progress.fraction !== null ? [event.progress.fraction] : []));
    expect(fractions.at(-1)).toBe(1);
    expect(fractions).toEqual([...fractions].sort((a, b) => a - b));

    demoImage = built.tags[1] ?? null;
    for (const tag of built.tags) expect((await containers.inspectImage(tag))?.id).toBe(built.imageId);
    const listed = await containers.listImages(localRepository);
    expect(listed.map((image) => image.id)).toContain(built.imageId);
  });

  it('makes an image that serves its page on 127.0.0.1:$PORT (host network), without the ignored file', async (ctx) => {
    if (!docker || demoImage === null) return ctx.skip();
    const port = await freePort();
    const controller = new AbortController();
    const serving = containers
      .runStage(
        { runId: `serve-${process.pid}`, stage: 'serve', image: demoImage, command: ['sh', '-c', 'httpd -f -p 127.0.0.1:$PORT -h /var/www'], checkoutDir: workDir, env: { PORT: String(port) }, timeoutMs: 20_000 },
        () => undefined,
        controller.signal
      )
      .catch((error: unknown) => error);
    try {
      await expect
        .poll(async () => fetch(`http://127.0.0.1:${port}/index.html`).then((response) => response.text(), () => ''), { timeout: 10_000 })
        .toBe('<h1>demo 1.4.0</h1>\n');
      expect((await fetch(`http://127.0.0.1:${port}/ignored.log`)).status).toBe(404);
    } finally {
      controller.abort();
      expect(await serving).toMatchObject({ code: 'CANCELLED' });
    }
  });

  it('fails with the Dockerfile step that failed', async (ctx) => {
    if (!docker) return ctx.skip();
    const checkout = makeDemoContext(path.join(workDir, 'failing'), { extraInstructions: ['RUN false'] });
    const error = await expectAppError(containers.buildImage({ checkoutDir: checkout, repository: localRepository, commitSha: SHA.replace('c0', 'ba') }, () => undefined));
    expect(error.code).toBe('BUILD_FAILED');
    expect(error.message).toMatch(/^Step 4\/7 \(RUN false\) failed: .*returned a non-zero code: 1/);
  });

  it('stops a build when cancelled, leaving no build container behind', async (ctx) => {
    if (!docker) return ctx.skip();
    const checkout = makeDemoContext(path.join(workDir, 'slow'), { extraInstructions: ['RUN echo slow-step && sleep 30'] });
    const controller = new AbortController();
    const startedAt = Date.now();
    const error = await expectAppError(
      containers.buildImage({ checkoutDir: checkout, repository: localRepository, commitSha: SHA.replace('c0', 'de') }, (event) => {
        if (event.kind === 'line' && event.text === 'slow-step') controller.abort();
      }, controller.signal)
    );
    expect(error.code).toBe('CANCELLED');
    expect(Date.now() - startedAt).toBeLessThan(15_000);
    // The engine removes the step's container once it notices the client went away.
    await expect
      .poll(() => execFileSync('docker', ['ps', '-a', '--no-trunc', '--format', '{{.Command}}'], { encoding: 'utf8' }).includes('echo slow-step'), { timeout: 10_000 })
      .toBe(false);
  });

  it('refuses a context outside the repository and a missing Dockerfile before building', async (ctx) => {
    if (!docker) return ctx.skip();
    const checkout = makeDemoContext(path.join(workDir, 'paths'));
    const outside = await expectAppError(containers.buildImage({ checkoutDir: checkout, context: '..', repository: localRepository, commitSha: SHA }, () => undefined));
    expect(outside.message).toMatch(/outside the repository/);
    const missing = await expectAppError(containers.buildImage({ checkoutDir: checkout, dockerfile: 'build/Dockerfile', repository: localRepository, commitSha: SHA }, () => undefined));
    expect(missing.message).toBe('No Dockerfile at "build/Dockerfile" in the commit.');
  });
});

describe('pushImage', () => {
  it("returns the manifest digest the registry itself reports for the tag", async (ctx) => {
    if (!docker || registry === null) return ctx.skip();
    const checkout = makeDemoContext(path.join(workDir, 'push'));
    const built = await containers.buildImage({ checkoutDir: checkout, repository: `${registry.host}/shop/demo`, commitSha: SHA }, () => undefined);
    const progress: Progress[] = [];
    const pushed = await containers.pushImage({ reference: `${registry.host}/shop/demo:c0ffee0` }, (item) => progress.push(item));

    expect(pushed.digest).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(pushed.digest).toBe(await registryManifestDigest(registry, 'shop/demo', 'c0ffee0'));
    expect(progress.at(-1)).toEqual({ fraction: 1, detail: 'Pushed' });
    expect((await containers.inspectImage(built.tags[1] ?? ''))?.repoDigests).toContain(`${registry.host}/shop/demo@${pushed.digest}`);
  });

  it('fails clearly when nothing listens at the registry', async (ctx) => {
    if (!docker) return ctx.skip();
    const checkout = makeDemoContext(path.join(workDir, 'nowhere'));
    await containers.buildImage({ checkoutDir: checkout, repository: '127.0.0.1:1/shop/demo', commitSha: SHA }, () => undefined);
    try {
      const error = await expectAppError(containers.pushImage({ reference: '127.0.0.1:1/shop/demo:c0ffee0' }, () => undefined));
      expect(error.code).toBe('PUSH_FAILED');
      expect(error.message).toMatch(/127\.0\.0\.1:1.*connection refused/);
    } finally {
      for (const image of await containers.listImages('127.0.0.1:1/shop/demo')) {
        for (const tag of image.repoTags) await containers.removeImage(tag, { force: true });
      }
    }
  });
});

describe('pushImage with credentials', () => {
  it('pushes with a username and password, and says when the registry refuses them', async (ctx) => {
    if (!docker || !registryInstalled()) return ctx.skip();
    const credentials = { username: 'ci', password: 'correct-horse-7' };
    const secured = await startTestRegistry({ basicAuth: credentials });
    const repository = `${secured.host}/shop/secured`;
    try {
      await containers.buildImage({ checkoutDir: makeDemoContext(path.join(workDir, 'secured')), repository, commitSha: SHA }, () => undefined);
      const refused = await expectAppError(
        containers.pushImage({ reference: `${repository}:c0ffee0`, auth: { kind: 'password', username: 'ci', password: 'wrong' } }, () => undefined)
      );
      expect(refused.code).toBe('PUSH_FAILED');
      expect(refused.message).toMatch(/refused by 127\.0\.0\.1:\d+/);
      expect(refused.hint).toMatch(/credentials/);
      expect(`${refused.message} ${refused.hint ?? ''}`).not.toContain('wrong');

      const pushed = await containers.pushImage({ reference: `${repository}:c0ffee0`, auth: { kind: 'password', ...credentials } }, () => undefined);
      expect(pushed.digest).toBe(await registryManifestDigest(secured, 'shop/secured', 'c0ffee0', credentials));
    } finally {
      await secured.stop();
      for (const image of await containers.listImages(repository)) {
        for (const tag of image.repoTags) await containers.removeImage(tag, { force: true });
      }
    }
  });
});

describe('removeImage', () => {
  it('removes a tag and says when there is none', async (ctx) => {
    if (!docker) return ctx.skip();
    const checkout = makeDemoContext(path.join(workDir, 'remove'));
    const built = await containers.buildImage({ checkoutDir: checkout, repository: `${localRepository}-rm`, commitSha: SHA }, () => undefined);
    for (const tag of built.tags) await containers.removeImage(tag);
    expect(await containers.inspectImage(built.tags[0] ?? '')).toBeNull();
    expect(await containers.listImages(`${localRepository}-rm`)).toEqual([]);
    expect((await expectAppError(containers.removeImage(built.tags[0] ?? ''))).code).toBe('IMAGE_NOT_FOUND');
  });
});
