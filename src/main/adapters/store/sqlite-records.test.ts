// Runs, artifacts, deployments and the cross-aggregate transaction, against a real SQLite file.
import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { DATABASE_FILE_NAME, openReleaseStore } from './sqlite-release-store';
import { audit, digest, newService, steppingClock, useTempDirs } from './testing/temp-store';

const tempDir = useTempDirs();

async function storeWithService() {
  const dir = tempDir();
  const store = openReleaseStore(dir, { now: steppingClock() });
  await store.workspace.addService(newService('api'), audit('service.add'));
  return { dir, store };
}

describe('pipeline runs', () => {
  it('records a run with pending stages, moves stages on, and keeps a finished run as it is', async () => {
    const { store } = await storeWithService();
    const run = await store.runs.recordRun({
      service: 'API',
      commitSha: 'a'.repeat(40),
      ref: 'main',
      startedBy: 'ana',
      stages: [
        { name: 'build', needs: [] },
        { name: 'test', needs: ['build'] }
      ]
    });
    expect(run).toMatchObject({ service: 'api', status: 'queued', startedAt: null });
    expect(run.stages.map((s) => [s.name, s.position, s.needs, s.status])).toEqual([
      ['build', 0, [], 'pending'],
      ['test', 1, ['build'], 'pending']
    ]);

    const running = await store.runs.setRunStatus(run.id, 'running');
    expect(running.startedAt).not.toBeNull();
    await store.runs.setStageStatus(run.id, 'build', { status: 'running' });
    const built = await store.runs.setStageStatus(run.id, 'build', { status: 'succeeded', exitCode: 0, logFile: '/logs/build.log' });
    expect(built.stages[0]).toMatchObject({ status: 'succeeded', exitCode: 0, logFile: '/logs/build.log' });
    expect(built.stages[0]?.finishedAt).not.toBeNull();

    await expect(store.runs.setStageStatus(run.id, 'build', { status: 'failed' })).rejects.toMatchObject({ code: 'INVALID_INPUT' });
    await expect(store.runs.setStageStatus(run.id, 'deploy', { status: 'running' })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    const failed = await store.runs.setRunStatus(run.id, 'failed');
    expect(failed.finishedAt).not.toBeNull();
    await expect(store.runs.setRunStatus(run.id, 'running')).rejects.toMatchObject({ code: 'INVALID_INPUT' });
    expect(store.runs.getRun(run.id)?.status).toBe('failed');
    expect(store.runs.getRun(999)).toBeNull();
    store.close();
  });

  it('lists a service\'s runs newest first, page by page', async () => {
    const { store } = await storeWithService();
    const ids: number[] = [];
    for (let i = 0; i < 5; i++) {
      ids.push((await store.runs.recordRun({ service: 'api', commitSha: `${i}`.repeat(40), ref: null, startedBy: 'ci', stages: [] })).id);
    }
    const first = store.runs.listRuns('api', { limit: 2 });
    expect(first.items.map((r) => r.id)).toEqual([ids[4], ids[3]]);
    const rest = store.runs.listRuns('api', { limit: 10, beforeId: first.nextBeforeId ?? undefined });
    expect(rest.items.map((r) => r.id)).toEqual([ids[2], ids[1], ids[0]]);
    expect(rest.nextBeforeId).toBeNull();
    expect(store.runs.listRuns('ghost', { limit: 10 }).items).toEqual([]);
    await expect(store.runs.recordRun({ service: 'ghost', commitSha: 'x', ref: null, startedBy: 'ci', stages: [] })).rejects.toMatchObject({
      code: 'NOT_FOUND'
    });
    store.close();
  });
});

describe('artifacts', () => {
  it('records each digest once, lists newest first with paging, and records a prune without deleting', async () => {
    const { dir, store } = await storeWithService();
    const image = '127.0.0.1:5000/shop/api';
    for (let i = 1; i <= 5; i++) {
      await store.artifacts.recordArtifact({ service: 'api', imageRepository: image, digest: digest(i), commitSha: `${i}`.repeat(40), version: `1.${i}.0`, pipelineRunId: null });
    }
    await expect(
      store.artifacts.recordArtifact({ service: 'api', imageRepository: image, digest: digest(3), commitSha: 'x', version: null, pipelineRunId: null })
    ).rejects.toMatchObject({ code: 'ALREADY_EXISTS' });

    const page = store.artifacts.listArtifacts('api', { limit: 3 });
    expect(page.items.map((a) => a.version)).toEqual(['1.5.0', '1.4.0', '1.3.0']);
    const next = store.artifacts.listArtifacts('api', { limit: 3, beforeId: page.nextBeforeId ?? undefined });
    expect(next.items.map((a) => a.version)).toEqual(['1.2.0', '1.1.0']);
    expect(next.nextBeforeId).toBeNull();

    const oldest = next.items[1];
    if (!oldest) throw new Error('expected an artifact');
    const pruned = await store.artifacts.recordPrune(oldest.id, 'ana');
    expect(pruned.pruned).toEqual({ by: 'ana', at: expect.any(String) });
    await expect(store.artifacts.recordPrune(oldest.id, 'ana')).rejects.toMatchObject({ code: 'ALREADY_EXISTS' });
    expect(store.artifacts.findArtifact(image, digest(1))?.pruned?.by).toBe('ana');
    expect(store.artifacts.listArtifacts('api', { limit: 10 }).items).toHaveLength(5);
    store.close();

    // The prune record itself is append-only.
    const db = new Database(path.join(dir, DATABASE_FILE_NAME));
    expect(() => db.prepare('DELETE FROM artifact_prunes').run()).toThrow(/append-only/);
    db.close();
  });
});

describe('deployments', () => {
  it('appends a deployment with its events and approvals; its status is the latest event', async () => {
    const { store } = await storeWithService();
    const image = '127.0.0.1:5000/shop/api';
    const v1 = await store.artifacts.recordArtifact({ service: 'api', imageRepository: image, digest: digest(1), commitSha: 'a'.repeat(40), version: '1.0.0', pipelineRunId: null });
    const v2 = await store.artifacts.recordArtifact({ service: 'api', imageRepository: image, digest: digest(2), commitSha: 'b'.repeat(40), version: '1.1.0', pipelineRunId: null });

    const first = await store.deployments.recordDeployment({
      service: 'api', environment: 'prod', artifactId: v1.id, previousArtifactId: null, strategy: 'rolling', startedBy: 'ana', rollbackOfId: null, status: 'in-progress'
    });
    await store.deployments.appendEvent(first.id, { status: 'succeeded' });
    const second = await store.deployments.recordDeployment({
      service: 'api', environment: 'prod', artifactId: v2.id, previousArtifactId: v1.id, strategy: 'canary', startedBy: 'ana', rollbackOfId: null, status: 'pending-approval'
    });
    expect(second.status).toBe('pending-approval');
    await store.deployments.recordApproval(second.id, { decision: 'approved', decidedBy: 'bo', comment: 'go' });
    await store.deployments.appendEvent(second.id, { status: 'in-progress', canaryVerdict: 'fail', detail: 'error rate 4% > 1%' });
    await store.deployments.appendEvent(second.id, { status: 'rolled-back' });
    const rollback = await store.deployments.recordDeployment({
      service: 'api', environment: 'prod', artifactId: v1.id, previousArtifactId: v2.id, strategy: 'rolling', startedBy: 'ana', rollbackOfId: second.id, status: 'in-progress'
    });

    const detail = store.deployments.getDeployment(second.id);
    expect(detail).toMatchObject({ status: 'rolled-back', canaryVerdict: 'fail', digest: digest(2), environment: 'prod' });
    expect(detail?.events.map((e) => e.status)).toEqual(['pending-approval', 'in-progress', 'rolled-back']);
    expect(detail?.approvals).toMatchObject([{ decision: 'approved', decidedBy: 'bo', comment: 'go' }]);

    const page = store.deployments.listDeployments('api', 'prod', { limit: 2 });
    expect(page.items.map((d) => [d.id, d.status, d.rollbackOfId])).toEqual([
      [rollback.id, 'in-progress', second.id],
      [second.id, 'rolled-back', null]
    ]);
    expect(store.deployments.listDeployments('api', 'prod', { limit: 2, beforeId: page.nextBeforeId ?? undefined }).items.map((d) => d.id)).toEqual([first.id]);
    expect(store.deployments.listDeployments('api', 'dev', { limit: 5 }).items).toEqual([]);
    store.close();
  });

  it('refuses an unknown environment, an artifact of another service and an unknown deployment', async () => {
    const { store } = await storeWithService();
    await store.workspace.addService(newService('web'), audit('service.add', 'service:web'));
    const webImage = await store.artifacts.recordArtifact({ service: 'web', imageRepository: 'r/web', digest: digest(9), commitSha: 'c', version: null, pipelineRunId: null });
    const base = { service: 'api', environment: 'prod', artifactId: webImage.id, previousArtifactId: null, strategy: 'rolling', startedBy: 'ana', rollbackOfId: null, status: 'in-progress' } as const;
    await expect(store.deployments.recordDeployment(base)).rejects.toMatchObject({ code: 'NOT_FOUND', message: expect.stringMatching(/no artifact/) });
    await expect(store.deployments.recordDeployment({ ...base, environment: 'qa' })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(store.deployments.appendEvent(42, { status: 'failed' })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect(store.deployments.getDeployment(42)).toBeNull();
    store.close();
  });
});

describe('a transaction across aggregates', () => {
  it('writes a deployment, its artifact and the audit entry together', async () => {
    const { store } = await storeWithService();
    const deployment = await store.transaction((tx) => {
      const artifact = tx.artifacts.recordArtifact({ service: 'api', imageRepository: 'r/api', digest: digest(1), commitSha: 'a', version: null, pipelineRunId: null });
      const recorded = tx.deployments.recordDeployment({
        service: 'api', environment: 'dev', artifactId: artifact.id, previousArtifactId: null, strategy: 'rolling', startedBy: 'ana', rollbackOfId: null, status: 'in-progress'
      });
      tx.audit.append({ actor: 'ana', action: 'deploy', subject: `deployment:${recorded.id}`, details: { digest: artifact.digest } });
      return recorded;
    });
    expect(store.deployments.getDeployment(deployment.id)?.digest).toBe(digest(1));
    expect(store.audit.list(1)[0]).toMatchObject({ action: 'deploy', details: { digest: digest(1) } });
    store.close();
  });

  it('keeps nothing of any aggregate when one step fails', async () => {
    const { store } = await storeWithService();
    const auditBefore = store.audit.list(100).length;
    await expect(
      store.transaction((tx) => {
        tx.artifacts.recordArtifact({ service: 'api', imageRepository: 'r/api', digest: digest(1), commitSha: 'a', version: null, pipelineRunId: null });
        tx.audit.append({ actor: 'ana', action: 'deploy', subject: 'x', details: {} });
        tx.workspace.addService(newService('api'), audit('service.add')); // ALREADY_EXISTS
      })
    ).rejects.toMatchObject({ code: 'ALREADY_EXISTS' });
    expect(store.artifacts.listArtifacts('api', { limit: 10 }).items).toEqual([]);
    expect(store.audit.list(100)).toHaveLength(auditBefore);
    store.close();
  });

  it('refuses work that returns a promise, and writes nothing', async () => {
    const { store } = await storeWithService();
    await expect(
      store.transaction(async (tx) => {
        tx.audit.append({ actor: 'ana', action: 'x', subject: 'y', details: {} });
        await Promise.resolve();
      })
    ).rejects.toThrow(/synchronous/);
    expect(store.audit.list(100)).toHaveLength(1);
    store.close();
  });
});
