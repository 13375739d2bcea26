import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../../shared/result';
import { useTempDirs } from '../../adapters/store/testing/temp-store';
import { fakeGit } from './testing/workspace-fixtures';
import { openReleaseStore } from '../../adapters/store/sqlite-release-store';
import { addService } from './add-service';
import { openDemo } from './open-demo';

const tempDir = useTempDirs('shipdeck-usecase-');

describe('add service', () => {
  it('stores the normalised repository path with dev → staging → prod, and audits who added it', async () => {
    const opened = openReleaseStore(tempDir());
    const store = opened.workspace;
    const git = fakeGit({ './api': '/repos/api' });
    const service = await addService({ git, store, actor: 'ana' }, { name: 'api', repoPath: './api' });
    expect(service.repoPath).toBe('/repos/api');
    expect(service.environments.map((env) => env.name)).toEqual(['dev', 'staging', 'prod']);
    expect(service.environments.find((env) => env.name === 'prod')?.requiresApproval).toBe(true);
    expect(opened.audit.list(5)).toMatchObject([{ actor: 'ana', action: 'service.add', subject: 'service:api' }]);
    opened.close();
  });

  it('stores nothing when the repository check fails, and passes the reason on', async () => {
    const opened = openReleaseStore(tempDir());
    const store = opened.workspace;
    const git = fakeGit({ '/empty': new AppError('EMPTY_REPOSITORY', '/empty has no commits yet.') });
    await expect(addService({ git, store, actor: 'ana' }, { name: 'api', repoPath: '/empty' })).rejects.toMatchObject({
      code: 'EMPTY_REPOSITORY'
    });
    expect(store.listServices()).toEqual([]);
    expect(opened.audit.list(5)).toEqual([]);
    opened.close();
  });
});

describe('open demo', () => {
  const deps = (dataDir: string, store: ReturnType<typeof openReleaseStore>['workspace'], made: string[]) => ({
    git: fakeGit({}),
    store,
    actor: 'ana',
    dataDir,
    createDemoRepository: async (dir: string) => {
      made.push(dir);
    },
    recordDemoReleases: async (service: { name: string }) => {
      made.push(`history of ${service.name}`);
    },
    onProgress: () => undefined
  });

  it('adds the service once, returns it again, and asks for the repository on every open (which cleans up killed builds)', async () => {
    const dataDir = tempDir();
    const opened = openReleaseStore(dataDir);
    const store = opened.workspace;
    const made: string[] = [];
    const first = await openDemo(deps(dataDir, store, made));
    const second = await openDemo(deps(dataDir, store, made));
    expect(first.repoPath).toBe(path.join(dataDir, 'demo', 'shop-api'));
    expect(second).toEqual(first);
    expect(first.environments.map((env) => `${env.name}:${env.targetKind}`)).toEqual(['dev:docker', 'staging:docker', 'prod:docker']);
    expect(store.listServices()).toHaveLength(1);
    expect(made).toEqual([first.repoPath, 'history of shop-api', first.repoPath, 'history of shop-api']);
    opened.close();
  });

  it('refuses to take over a real service that happens to be called shop-api', async () => {
    const dataDir = tempDir();
    const opened = openReleaseStore(dataDir);
    const store = opened.workspace;
    await addService({ git: fakeGit({}), store, actor: 'ana' }, { name: 'shop-api', repoPath: '/repos/shop' });
    await expect(openDemo(deps(dataDir, store, []))).rejects.toMatchObject({ code: 'ALREADY_EXISTS' });
    expect(store.findService('shop-api')?.repoPath).toBe('/repos/shop');
    opened.close();
  });
});
