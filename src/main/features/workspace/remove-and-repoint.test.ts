import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { AppError } from '../../../shared/result';
import { openReleaseStore } from '../../adapters/store/sqlite-release-store';
import type { GitPort, GitRepository } from '../../ports/git';
import { addService } from './add-service';
import { removeService } from './remove-service';
import { setServicePath } from './set-service-path';

const dirs: string[] = [];
const tempDir = () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'shipdeck-workspace-'));
  dirs.push(dir);
  return dir;
};
afterEach(() => dirs.splice(0).forEach((dir) => fs.rmSync(dir, { recursive: true, force: true })));

/** A git port whose check() answers from a table (a path, or the error the real adapter would throw). */
function fakeGit(answers: Record<string, AppError | string> = {}): GitPort {
  return {
    open: (repoPath) =>
      ({
        check: async () => {
          const answer = answers[repoPath];
          if (answer instanceof AppError) throw answer;
          return { path: answer ?? repoPath, bare: false, headSha: 'a'.repeat(40) };
        }
      }) as GitRepository
  };
}

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
