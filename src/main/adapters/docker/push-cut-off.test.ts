// A push cut off by the registry going away mid-upload fails with a clear error and no digest. Its own
// file because the engine retries the upload for about 50 s before it gives up; vitest runs it beside
// the others.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Progress } from '../../ports/containers';
import { AppError } from '../../../shared/result';
import { requireComponent } from '../../testing/components';
import { dockerAnswers, ensureBaseImage, makeDemoContext, registryInstalled, startTestRegistry, type TestRegistry } from '../../testing/docker-fixtures';
import { createDockerContainersPort } from './docker-adapter';

const containers = createDockerContainersPort();
const workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'shipdeck-cutoff-'));
let ready = false;
let registry: TestRegistry | null = null;

beforeAll(async () => {
  ready = (await requireComponent('docker', dockerAnswers)) && (await requireComponent('registry', async () => registryInstalled()));
  if (!ready) return;
  await ensureBaseImage();
  registry = await startTestRegistry();
});

afterAll(async () => {
  await registry?.stop();
  if (registry !== null) {
    for (const image of await containers.listImages(`${registry.host}/shop/big`)) {
      for (const tag of image.repoTags) await containers.removeImage(tag, { force: true }).catch(() => undefined);
    }
  }
  fs.rmSync(workDir, { recursive: true, force: true });
});

it('fails with a clear error when the registry stops mid-push', { timeout: 120_000 }, async (ctx) => {
  if (!ready || registry === null) return ctx.skip();
  const stopped = registry;
  // A 40 MB layer of random bytes (incompressible) takes long enough to upload to be cut off.
  const checkout = makeDemoContext(path.join(workDir, 'big'), { extraInstructions: ['RUN head -c 40000000 /dev/urandom > /big.bin'] });
  const built = await containers.buildImage({ checkoutDir: checkout, repository: `${stopped.host}/shop/big`, commitSha: 'b16b16b16b16b16b16b16b16b16b16b16b16b16b' }, () => undefined);
  let killed: Promise<void> | null = null;
  const progress: Progress[] = [];
  const outcome = await containers
    .pushImage({ reference: built.tags[1] ?? '' }, (item) => {
      progress.push(item);
      if (killed === null && item.fraction !== null && item.fraction > 0.02 && item.fraction < 0.9) killed = stopped.kill();
    })
    .then(
      () => null,
      (error: unknown) => error
    );
  expect(killed).not.toBeNull();
  expect(outcome).toBeInstanceOf(AppError);
  const error = outcome as AppError;
  expect(error.code).toBe('PUSH_FAILED');
  expect(error.message).toMatch(new RegExp(`the registry ${stopped.host.replace(/\./g, '\\.')} stopped answering`));
  expect(error.hint).toMatch(/nothing was recorded/);
});
