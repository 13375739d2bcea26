import { describe, expect, it } from 'vitest';
import { AppError } from '../../../shared/result';
import { useTempDirs } from '../../adapters/store/testing/temp-store';
import { fakeGit } from './testing/workspace-fixtures';
import { openReleaseStore } from '../../adapters/store/sqlite-release-store';
import { addService } from './add-service';
import { removeService } from './remove-service';
import { setServicePath } from './set-service-path';

const tempDir = useTempDirs('shipdeck-workspace-');

describe('workspace: names, removal and re-pointing', () => {
  it('treats names that differ only by case as the same service', async () => {
    const opened = openReleaseStore(tempDir());
    const store = opened.workspace;
    const deps = { git: fakeGit(), store, actor: 'ana' };
    await addService(deps, { name: 'r1', repoPath: '/repos/r1' });
    await expect(addService(deps, { name: 'R1', repoPath: '/repos/other' })).rejects.toMatchObject({
      code: 'ALREADY_EXISTS',
      message: expect.stringContaining('"r1"')
    });
    expect(store.findService('R1')?.name).toBe('r1');
    expect(store.listServices()).toHaveLength(1);
    opened.close();
  });

  it('removes a service from the workspace but keeps its audit trail, and it can come back with its records', async () => {
    const opened = openReleaseStore(tempDir());
    const store = opened.workspace;
    const deps = { git: fakeGit(), store, actor: 'ana' };
    await addService(deps, { name: 'api', repoPath: '/repos/api' });
    expect(await removeService(deps, 'API')).toEqual({ service: 'api' });
    expect(store.listServices()).toEqual([]);
    expect(store.findService('api')).toBeNull();
    expect(opened.audit.list(10).map((entry) => `${entry.action} ${entry.subject}`)).toEqual([
      'service.remove service:api',
      'service.add service:api'
    ]);
    await expect(removeService(deps, 'api')).rejects.toMatchObject({ code: 'NOT_FOUND' });

    const back = await addService(deps, { name: 'api', repoPath: '/repos/api-again' });
    expect(back.repoPath).toBe('/repos/api-again');
    expect(store.listServices().map((service) => service.name)).toEqual(['api']);
    opened.close();
  });

  it('re-points a service at a checked repository, and keeps the old path when the new one is not a repository', async () => {
    const opened = openReleaseStore(tempDir());
    const store = opened.workspace;
    const git = fakeGit({
      './moved': '/repos/moved',
      '/plain': new AppError('NOT_A_REPOSITORY', '"/plain" is not a git repository.')
    });
    const deps = { git, store, actor: 'ana' };
    await addService(deps, { name: 'api', repoPath: '/repos/api' });
    await expect(setServicePath(deps, 'api', '/plain')).rejects.toMatchObject({ code: 'NOT_A_REPOSITORY' });
    expect(store.findService('api')?.repoPath).toBe('/repos/api');

    const moved = await setServicePath(deps, 'api', './moved');
    expect(moved.repoPath).toBe('/repos/moved');
    expect(opened.audit.list(1)).toMatchObject([
      { action: 'service.set-path', subject: 'service:api', details: { from: '/repos/api', to: '/repos/moved' } }
    ]);
    await expect(setServicePath(deps, 'ghost', './moved')).rejects.toMatchObject({ code: 'NOT_FOUND' });
    opened.close();
  });
});
