// Builds a local test image from a context folder written on the spot, tagged `repository:tag` only.
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createDockerContainersPort } from '../adapters/docker/docker-adapter';
import { ensureBaseImage } from './docker-fixtures';

export interface TestImage {
  readonly imageId: string;
  readonly reference: string;
}

/** Builds (or finds in the build cache) the image `writeContext` describes; nothing is pulled. */
export async function buildTestImage(repository: string, tag: string, writeContext: (dir: string) => void): Promise<TestImage> {
  await ensureBaseImage();
  const containers = createDockerContainersPort();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'shipdeck-test-image-'));
  try {
    writeContext(dir);
    // The builder tags by commit as well; a stand-in commit from the tag keeps those tags apart, and they are dropped below.
    const commitSha = createHash('sha1').update(`${repository}:${tag}`).digest('hex');
    const built = await containers.buildImage({ checkoutDir: dir, repository, commitSha, version: tag }, () => undefined);
    const reference = `${repository}:${tag}`;
    for (const extra of built.tags.filter((item) => item !== reference)) await containers.removeImage(extra).catch(() => undefined);
    return { imageId: built.imageId, reference };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** Removes the tag (and the image, when nothing else names it); already gone is fine. */
export async function removeTestImage(reference: string): Promise<void> {
  await createDockerContainersPort()
    .removeImage(reference, { force: true })
    .catch(() => undefined);
}
