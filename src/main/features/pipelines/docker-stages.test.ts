// Build and push stages of a real run on the real Docker engine and Debian's docker-registry (htpasswd):
// the artifact is recorded with the digest the registry reports, tagged by commit and version.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CallInput, CallName, CallOutput } from '../../../shared/contract';
import type { PipelineRun } from '../../../shared/domain/pipeline-runs';
import { createFileCredentialStore } from '../../adapters/credentials/file-credential-store';
import { createDockerContainersPort } from '../../adapters/docker/docker-adapter';
import { makeTempDir, removeDir, TempRepository } from '../../adapters/git/testing/temp-repository';
import { openReleaseStore } from '../../adapters/store/sqlite-release-store';
import { dispatch } from '../../api/dispatch';
import { createCore, type Core } from '../../core';
import { requireComponent } from '../../testing/components';
import { dockerAnswers, ensureBaseImage, makeDemoContext, registryInstalled, registryManifestDigest, startTestRegistry, type TestRegistry } from '../../testing/docker-fixtures';
import { localRepositoryFor } from './docker-stages';

const PIPELINE = `version: 1
stages:
  - name: test
    image: busybox:1.36
    run: test -f index.html && echo "in a container as $(id -u)"
  - name: build
    needs: [test]
    build: {}
  - name: push
    needs: [build]
    push: {}
`;
const credentials = { username: 'ci', password: 'pipeline-secret-42' };
const containers = createDockerContainersPort();
let docker = false;
let registry: TestRegistry | null = null;
let dir: string;
const cleanups: string[] = [];

beforeAll(async () => {
  dir = makeTempDir('shipdeck-docker-runs-');
  docker = await requireComponent('docker', dockerAnswers);
  if (!docker) return;
  await ensureBaseImage();
  if (await requireComponent('registry', async () => registryInstalled())) registry = await startTestRegistry({ basicAuth: credentials });
}, 60_000);

afterAll(async () => {
  await registry?.stop();
  if (docker) {
    for (const repository of cleanups) {
      for (const image of await containers.listImages(repository)) {
        for (const tag of image.repoTags) await containers.removeImage(tag, { force: true }).catch(() => undefined);
      }
    }
  }
  removeDir(dir);
});

async function runToEnd(core: Core, service: string): Promise<PipelineRun> {
  const call = async <N extends CallName>(name: N, input: CallInput<N>): Promise<CallOutput<N>> => {
    const result = await dispatch(core.handlers, name, input);
    if (!result.ok) throw new Error(result.error.message);
    return result.value as CallOutput<N>;
  };
  const { runId } = await call('runs.start', { service });
  for (let i = 0; i < 1200; i++) {
    const run = await call('runs.get', { runId });
    if (!['queued', 'running'].includes(run.status)) return run;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error('the run did not finish');
}

function repository(name: string, pipeline: string): TempRepository {
  const repo = TempRepository.init(path.join(dir, name));
  makeDemoContext(repo.dir, { version: '1.2.0' });
  repo.write('.shipdeck/pipeline.yml', pipeline);
  repo.commitAll('service with a pipeline');
  repo.tag('v1.2.0');
  return repo;
}

describe('build and push stages on Docker', () => {
  it('pushes to the service repository with the stored credentials and records the artifact with the registry digest', async (ctx) => {
    if (!docker || registry === null) return ctx.skip();
    const repo = repository('pushed', PIPELINE);
    const dataDir = path.join(dir, 'data-pushed');
    const imageRepository = `${registry.host}/shop/api`;
    cleanups.push(imageRepository);
    await createFileCredentialStore({ dataDir }).set(registry.host, credentials);
    const core = createCore({ dataDir, mode: 'browser', version: 'test' });
    try {
      const added = await dispatch(core.handlers, 'services.add', { name: 'api', repoPath: repo.dir, imageRepository });
      expect(added.ok).toBe(true);
      const run = await runToEnd(core, 'api');
      expect(run.error).toBeNull();
      expect(run.stages.map((stage) => [stage.name, stage.status])).toEqual([
        ['test', 'succeeded'],
        ['build', 'succeeded'],
        ['push', 'succeeded']
      ]);
      const sha = repo.head();
      const digest = await registryManifestDigest(registry, 'shop/api', sha, credentials);
      expect(digest).toMatch(/^sha256:[0-9a-f]{64}$/);
      expect(await registryManifestDigest(registry, 'shop/api', '1.2.0', credentials)).toBe(digest);
      expect(run.stages[2]?.output).toMatchObject({ kind: 'pushed', repository: imageRepository, digest });

      const store = openReleaseStore(dataDir, { dailyBackup: false });
      try {
        const [artifact, ...others] = store.artifacts.listArtifacts('api', { limit: 10 }).items;
        expect(others).toEqual([]);
        expect(artifact).toMatchObject({ imageRepository, digest, commitSha: sha, version: '1.2.0', pipelineRunId: run.id });
      } finally {
        store.close();
      }
      // The secret is nowhere in the data folder but the credentials file.
      for (const file of fs.readdirSync(dataDir, { recursive: true }) as string[]) {
        const full = path.join(dataDir, file);
        if (fs.statSync(full).isFile() && !file.startsWith('credentials')) expect(fs.readFileSync(full).includes(credentials.password)).toBe(false);
      }
    } finally {
      await core.close();
    }
  }, 120_000);

  it('fails the push stage when the registry refuses the stored credentials, and records no artifact', async (ctx) => {
    if (!docker || registry === null) return ctx.skip();
    const repo = repository('refused', PIPELINE);
    const dataDir = path.join(dir, 'data-refused');
    const imageRepository = `${registry.host}/shop/refused`;
    cleanups.push(imageRepository);
    await createFileCredentialStore({ dataDir }).set(registry.host, { username: 'ci', password: 'not-the-password' });
    const core = createCore({ dataDir, mode: 'browser', version: 'test' });
    try {
      expect((await dispatch(core.handlers, 'services.add', { name: 'refused', repoPath: repo.dir, imageRepository })).ok).toBe(true);
      const run = await runToEnd(core, 'refused');
      expect(run.status).toBe('failed');
      expect(run.stages.map((stage) => [stage.name, stage.status])).toEqual([
        ['test', 'succeeded'],
        ['build', 'succeeded'],
        ['push', 'failed']
      ]);
      expect(run.stages[2]?.message).toMatch(/refused/);
      expect(run.stages[2]?.message).not.toContain('not-the-password');
      const store = openReleaseStore(dataDir, { dailyBackup: false });
      try {
        expect(store.artifacts.listArtifacts('refused', { limit: 10 }).items).toEqual([]);
      } finally {
        store.close();
      }
    } finally {
      await core.close();
    }
  }, 120_000);

  it('keeps the image local, recorded by image ID, when the service has no image repository', async (ctx) => {
    if (!docker) return ctx.skip();
    const repo = repository('local', 'version: 1\nstages:\n  - name: build\n    build: {}\n');
    const dataDir = path.join(dir, 'data-local');
    cleanups.push(localRepositoryFor('local-api'));
    const core = createCore({ dataDir, mode: 'browser', version: 'test' });
    try {
      expect((await dispatch(core.handlers, 'services.add', { name: 'local-api', repoPath: repo.dir })).ok).toBe(true);
      const run = await runToEnd(core, 'local-api');
      expect(run.status).toBe('succeeded');
      const output = run.stages[0]?.output;
      expect(output?.kind).toBe('image');
      const imageId = output?.kind === 'image' ? output.imageId : '';
      const image = await containers.inspectImage(`${localRepositoryFor('local-api')}:${repo.head()}`);
      expect(image?.id).toBe(imageId);
      const store = openReleaseStore(dataDir, { dailyBackup: false });
      try {
        expect(store.artifacts.listArtifacts('local-api', { limit: 10 }).items).toEqual([
          expect.objectContaining({ imageRepository: localRepositoryFor('local-api'), digest: imageId, commitSha: repo.head(), version: '1.2.0' })
        ]);
      } finally {
        store.close();
      }
    } finally {
      await core.close();
    }
  }, 120_000);
});
