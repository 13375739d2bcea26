// A service without an image repository keeps its artifacts in the local engine (identified by image ID):
// pruning removes the image from the real Docker engine, and keeps the record, marked pruned and audited.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createDockerContainersPort } from '../../adapters/docker/docker-adapter';
import { openReleaseStore } from '../../adapters/store/sqlite-release-store';
import { audit, newService, useTempDirs } from '../../adapters/store/testing/temp-store';
import { requireComponent } from '../../testing/components';
import { dockerAnswers, ensureBaseImage, makeDemoContext } from '../../testing/docker-fixtures';
import { createPruneArtifacts } from './prune-artifacts';
import { createRetentionPlanner } from './retention-planner';

const docker = await requireComponent('docker', dockerAnswers);
const tempDir = useTempDirs('shipdeck-prune-local-');
const containers = createDockerContainersPort();
const repository = `shipdeck-test/prune-local-${process.pid}`;
const built: string[] = [];

afterAll(async () => {
  for (const image of built) await containers.removeImage(image, { force: true }).catch(() => undefined);
});

describe.skipIf(!docker)('pruning local artifacts', () => {
  it('removes the older image from the engine, keeps the newest, and keeps both records', async () => {
    await ensureBaseImage();
    const work = fs.mkdtempSync(path.join(os.tmpdir(), 'shipdeck-prune-local-ctx-'));
    const commits = ['a'.repeat(40), 'b'.repeat(40)];
    const images: string[] = [];
    for (const [i, commitSha] of commits.entries()) {
      const dir = makeDemoContext(path.join(work, `v${i}`), { version: `1.0.${i}` });
      const image = await containers.buildImage({ checkoutDir: dir, repository, commitSha }, () => undefined);
      images.push(image.imageId);
      built.push(image.imageId);
    }
    fs.rmSync(work, { recursive: true, force: true });

    const store = openReleaseStore(tempDir());
    await store.workspace.addService({ ...newService('local'), imageRepository: null }, audit('service.add'));
    for (const [i, commitSha] of commits.entries()) {
      await store.artifacts.recordArtifact({ service: 'local', imageRepository: repository, digest: images[i] ?? '', commitSha, version: null, pipelineRunId: null });
    }
    await store.artifacts.setRetentionPolicy('local', { keepLast: 1, keepDays: 0, keepPerEnvironment: 1 }, 'tester');
    const planner = createRetentionPlanner({ artifacts: store.artifacts, deployments: store.deployments, workspace: store.workspace, now: () => new Date() });
    const prune = createPruneArtifacts({
      store,
      planner,
      openRegistry: () => {
        throw new Error('a local artifact must not reach a registry');
      },
      containers,
      actor: 'tester'
    });

    const result = await prune('local', new AbortController().signal);
    expect(result.outcomes).toEqual([expect.objectContaining({ digest: images[0], outcome: 'pruned', detail: expect.stringContaining('removed from the local engine') })]);
    expect(await containers.inspectImage(images[0] ?? '')).toBeNull();
    expect(await containers.inspectImage(images[1] ?? '')).not.toBeNull();
    const rows = store.artifacts.searchArtifacts({ service: 'local', status: 'all', sort: 'newest', limit: 10 }).items;
    expect(rows.map((row) => [row.digest, row.pruned !== null])).toEqual([
      [images[1], false],
      [images[0], true]
    ]);
    expect(store.audit.list(10).some((entry) => entry.action === 'artifact.prune' && entry.details.digest === images[0])).toBe(true);
    store.close();
  }, 120_000);
});
