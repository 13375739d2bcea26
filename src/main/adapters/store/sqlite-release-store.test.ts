import { fork } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import type { AuditInput } from '../../ports/store';
import { MIGRATIONS } from './migrations';
import { DATABASE_FILE_NAME, openReleaseStore } from './sqlite-release-store';

const dirs: string[] = [];
const tempDir = () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'shipdeck-store-'));
  dirs.push(dir);
  return dir;
};
afterEach(() => dirs.splice(0).forEach((dir) => fs.rmSync(dir, { recursive: true, force: true })));

const audit = (action: string): AuditInput => ({ actor: 'tester', action, subject: 'service:api', details: {} });
const envs = [
  { name: 'dev', targetKind: 'docker', requiresApproval: false },
  { name: 'staging', targetKind: 'kubernetes', requiresApproval: false },
  { name: 'prod', targetKind: 'gitops', requiresApproval: true }
] as const;
const newService = (name: string) => ({
  name,
  repoPath: `/repos/${name}`,
  imageRepository: null,
  pipelineFile: '.shipdeck/pipeline.yml',
  environments: envs
});

describe('release store', () => {
  it('keeps services with their environments in promotion order, across reopening', async () => {
    const dir = tempDir();
    const store = openReleaseStore(dir);
    await store.workspace.addService(newService('api'), audit('service.add'));
    store.close();
    const reopened = openReleaseStore(dir);
    const api = reopened.workspace.findService('api');
    expect(api?.environments.map((env) => [env.name, env.position, env.targetKind, env.requiresApproval])).toEqual([
      ['dev', 0, 'docker', false],
      ['staging', 1, 'kubernetes', false],
      ['prod', 2, 'gitops', true]
    ]);
    expect(reopened.appliedMigrations()).toEqual(MIGRATIONS.map((migration) => migration.version));
    reopened.close();
  });

  it('refuses a second service with the same name and writes nothing for it', async () => {
    const store = openReleaseStore(tempDir());
    await store.workspace.addService(newService('api'), audit('service.add'));
    await expect(store.workspace.addService({ ...newService('api'), repoPath: '/elsewhere' }, audit('service.add'))).rejects.toThrow(
      expect.objectContaining({ code: 'ALREADY_EXISTS' })
    );
    expect(store.workspace.listServices()).toHaveLength(1);
    expect(store.audit.list(10)).toHaveLength(1);
    store.close();
  });

  it('reorders, retires and brings back environments without losing their identity', async () => {
    const dir = tempDir();
    const store = openReleaseStore(dir);
    await store.workspace.addService(newService('api'), audit('service.add'));
    const reordered = await store.workspace.setEnvironments(
      'api',
      [
        { name: 'staging', targetKind: 'kubernetes', requiresApproval: true },
        { name: 'prod', targetKind: 'gitops', requiresApproval: true }
      ],
      audit('environments.set')
    );
    expect(reordered.environments.map((env) => `${env.position}:${env.name}`)).toEqual(['0:staging', '1:prod']);
    const back = await store.workspace.setEnvironments('api', envs, audit('environments.set'));
    expect(back.environments.map((env) => env.name)).toEqual(['dev', 'staging', 'prod']);
    store.close();
    // The retired "dev" came back as the same row, so deployments recorded against it stay attached.
    const db = new Database(path.join(dir, DATABASE_FILE_NAME), { readonly: true });
    expect(db.prepare("SELECT COUNT(*) AS n FROM environments WHERE name = 'dev'").get()).toEqual({ n: 1 });
    db.close();
  });

  it('appends an audit entry for every change, newest first, and pages by id', async () => {
    const store = openReleaseStore(tempDir());
    await store.workspace.addService(newService('api'), audit('service.add'));
    await store.workspace.setEnvironments('api', envs.slice(0, 1), audit('environments.set'));
    await store.workspace.setEnvironments('api', envs, audit('environments.set'));
    const all = store.audit.list(10);
    expect(all.map((entry) => entry.action)).toEqual(['environments.set', 'environments.set', 'service.add']);
    expect(store.audit.list(10, all[1]?.id).map((entry) => entry.id)).toEqual([all[2]?.id]);
    store.close();
  });

  it('says NOT_FOUND for environments of an unknown service', async () => {
    const store = openReleaseStore(tempDir());
    await expect(store.workspace.setEnvironments('ghost', envs, audit('environments.set'))).rejects.toThrow(
      expect.objectContaining({ code: 'NOT_FOUND' })
    );
    store.close();
  });

  it('gives a clear error when the data folder cannot be created', () => {
    const dir = tempDir();
    const blocker = path.join(dir, 'file');
    fs.writeFileSync(blocker, 'not a folder');
    expect(() => openReleaseStore(path.join(blocker, 'data'))).toThrow(expect.objectContaining({ code: 'STORE_FAILED' }));
  });

  it('is never corrupted by two processes writing to one data folder at once', async () => {
    const dir = tempDir();
    const writer = path.join(__dirname, 'testing', 'concurrent-writer.ts');
    const run = (prefix: string) =>
      new Promise<number>((resolve, reject) => {
        const child = fork(writer, [dir, prefix, '40'], { execArgv: ['--import', 'tsx'], stdio: 'inherit' });
        child.on('error', reject);
        child.on('exit', (code) => resolve(code ?? -1));
      });
    expect(await Promise.all([run('a'), run('b')])).toEqual([0, 0]);
    const store = openReleaseStore(dir);
    expect(store.workspace.listServices()).toHaveLength(80);
    expect(store.audit.list(1000)).toHaveLength(80);
    store.close();
    const db = new Database(path.join(dir, DATABASE_FILE_NAME), { readonly: true });
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    db.close();
  });
});
