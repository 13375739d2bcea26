// Releases (locks, holds, approvals, environment settings) against a real SQLite file.
import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { DEFAULT_ENVIRONMENT_SETTINGS } from '../../../shared/domain/environment-settings';
import type { NewRelease } from '../../ports/store';
import { DATABASE_FILE_NAME, openReleaseStore } from './sqlite-release-store';
import { audit, digest, newService, steppingClock, useTempDirs } from './testing/temp-store';

const tempDir = useTempDirs();

async function storeWithArtifacts() {
  const dir = tempDir();
  const store = openReleaseStore(dir, { now: steppingClock() });
  await store.workspace.addService({ ...newService('shop-api'), environments: [
    { name: 'dev', targetKind: 'docker', requiresApproval: false },
    { name: 'prod', targetKind: 'docker', requiresApproval: true }
  ] }, audit('service.add', 'service:shop-api'));
  for (let i = 1; i <= 4; i++) {
    await store.artifacts.recordArtifact({
      service: 'shop-api', imageRepository: 'r/shop-api', digest: digest(i), commitSha: `${i}`.repeat(40), version: `1.${i}.0`, pipelineRunId: null
    });
  }
  return { dir, store };
}

const release = (overrides: Partial<NewRelease> = {}): NewRelease => ({
  service: 'shop-api',
  environment: 'prod',
  digest: digest(1),
  previousDigest: null,
  strategy: 'canary',
  trigger: 'manual',
  startedBy: 'alice',
  rollbackOfId: null,
  reason: null,
  overrideReason: null,
  settings: DEFAULT_ENVIRONMENT_SETTINGS,
  status: 'in-progress',
  pid: 4242,
  ...overrides
});

type Store = Awaited<ReturnType<typeof storeWithArtifacts>>['store'];

/** A release that went all the way. */
async function shipped(store: Store, n: number, previous: number | null, overrides: Partial<NewRelease> = {}) {
  const started = await store.releases.startRelease(release({ digest: digest(n), previousDigest: previous === null ? null : digest(previous), strategy: 'rolling', ...overrides }));
  await store.releases.appendReleaseEvent(started.id, { status: 'succeeded', phase: 'completed', detail: 'all instances healthy' });
  return started;
}

describe('one release at a time per environment', () => {
  it('refuses a second release naming the holder and since when, and frees the environment when the first ends', async () => {
    const { store } = await storeWithArtifacts();
    const first = await store.releases.startRelease(release());
    expect(first).toMatchObject({ status: 'in-progress', phase: 'started', version: '1.1.0', commitSha: '1'.repeat(40), trigger: 'manual', previousDigest: null });
    const lock = store.releases.lock('shop-api', 'prod');
    expect(lock).toMatchObject({ deploymentId: first.id, holder: 'alice', pid: 4242 });

    const second = store.releases.startRelease(release({ digest: digest(2), startedBy: 'bob' }));
    await expect(second).rejects.toMatchObject({
      code: 'RELEASE_IN_PROGRESS',
      message: `prod of shop-api is being released by #${first.id} (canary of 1.1.0 by alice) since ${lock?.since}.`
    });
    // Another environment is free.
    await expect(store.releases.startRelease(release({ environment: 'dev' }))).resolves.toMatchObject({ environment: 'dev' });

    await store.releases.appendReleaseEvent(first.id, { status: 'in-progress', phase: 'traffic', step: 1, weight: 5 });
    await store.releases.appendReleaseEvent(first.id, { status: 'failed', phase: 'failed', detail: 'canary unhealthy' });
    expect(store.releases.lock('shop-api', 'prod')).toBeNull();
    const next = await store.releases.startRelease(release({ digest: digest(2), startedBy: 'bob' }));
    expect(store.releases.lock('shop-api', 'prod')?.deploymentId).toBe(next.id);
    store.close();
  });

  it('says a paused release waits for a person, and lets the same release take its lock up again', async () => {
    const { store } = await storeWithArtifacts();
    const paused = await store.releases.startRelease(release());
    await store.releases.setLockPid(paused.id, null);
    await expect(store.releases.startRelease(release({ digest: digest(2) }))).rejects.toMatchObject({
      code: 'RELEASE_IN_PROGRESS',
      message: expect.stringMatching(/paused, waiting for a person\.$/),
      hint: expect.stringContaining('shipdeck canary shop-api prod continue|abort')
    });
    const retaken = await store.releases.takeLock(paused.id, 'bob', 777);
    expect(retaken).toMatchObject({ deploymentId: paused.id, holder: 'bob', pid: 777, since: store.releases.lock('shop-api', 'prod')?.since });

    const other = await store.releases.startRelease(release({ environment: 'dev' }));
    await expect(store.releases.takeLock(other.id, 'x', 1)).resolves.toMatchObject({ environment: 'dev' });
    await store.releases.appendReleaseEvent(paused.id, { status: 'rolled-back', phase: 'aborted', actor: 'bob' });
    await expect(store.releases.setLockPid(paused.id, 1)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(store.releases.takeLock(paused.id, 'bob', 1)).rejects.toMatchObject({ code: 'RELEASE_REFUSED' });
    store.close();
  });

  it('lets only one of two processes start a release of the same environment at once', async () => {
    const { dir, store } = await storeWithArtifacts();
    const other = openReleaseStore(dir, { now: steppingClock(), dailyBackup: false });
    const results = await Promise.allSettled([
      store.releases.startRelease(release({ trigger: 'rollback', startedBy: 'alice' })),
      other.releases.startRelease(release({ digest: digest(2), trigger: 'rollback', startedBy: 'bob' }))
    ]);
    expect(results.map((r) => r.status).sort()).toEqual(['fulfilled', 'rejected']);
    expect(results.find((r) => r.status === 'rejected')).toMatchObject({ reason: { code: 'RELEASE_IN_PROGRESS' } });
    expect(store.releases.listReleases('shop-api', 'prod', { limit: 10 }).items).toHaveLength(1);
    other.close();
    store.close();
  });

  it('frees the lock when the plain Deployment API records the end', async () => {
    const { store } = await storeWithArtifacts();
    const started = await store.releases.startRelease(release());
    await store.deployments.appendEvent(started.id, { status: 'interrupted' });
    expect(store.releases.lock('shop-api', 'prod')).toBeNull();
    store.close();
  });
});

describe('release records', () => {
  it('resolves names, refuses an unknown environment or an artifact of another service, and writes nothing then', async () => {
    const { store } = await storeWithArtifacts();
    await store.workspace.addService(newService('web'), audit('service.add', 'service:web'));
    await store.artifacts.recordArtifact({ service: 'web', imageRepository: 'r/web', digest: digest(9), commitSha: 'c', version: null, pipelineRunId: null });
    const auditBefore = store.audit.list(100).length;
    await expect(store.releases.startRelease(release({ environment: 'qa' }))).rejects.toMatchObject({
      code: 'NOT_FOUND', message: 'Service "shop-api" has no environment named "qa" (its environments: dev, prod).'
    });
    await expect(store.releases.startRelease(release({ digest: digest(9) }))).rejects.toMatchObject({ code: 'NOT_FOUND', message: expect.stringContaining(digest(9)) });
    await expect(store.releases.startRelease(release({ previousDigest: digest(9) }))).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(store.releases.startRelease(release({ service: 'ghost' }))).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect(store.releases.listReleases('shop-api', null, { limit: 10 }).items).toEqual([]);
    expect(store.releases.lock('shop-api', 'prod')).toBeNull();
    expect(store.audit.list(100)).toHaveLength(auditBefore);
    store.close();
  });

  it('keeps each event\'s phase, step, weight, actor and data; the release shows the latest phase and weight', async () => {
    const { store } = await storeWithArtifacts();
    await shipped(store, 1, null);
    const canary = await store.releases.startRelease(release({ digest: digest(2), previousDigest: digest(1), reason: 'new checkout', detail: 'canary of 1.2.0' }));
    await store.releases.appendReleaseEvent(canary.id, { status: 'in-progress', phase: 'traffic', step: 1, weight: 5, data: { instances: 1 } });
    await store.releases.appendReleaseEvent(canary.id, { status: 'in-progress', phase: 'paused', step: 1 });
    await store.releases.appendReleaseEvent(canary.id, { status: 'in-progress', phase: 'continued', step: 1, actor: 'bob', canaryVerdict: 'pass' });
    await expect(store.releases.appendReleaseEvent(canary.id, { status: 'in-progress', phase: 'traffic', weight: 101 })).rejects.toMatchObject({ code: 'INVALID_INPUT' });

    const detail = store.releases.getRelease(canary.id);
    expect(detail).toMatchObject({
      phase: 'continued', weight: 5, canaryVerdict: 'pass', status: 'in-progress', reason: 'new checkout',
      previousDigest: digest(1), previousVersion: '1.1.0', previousCommitSha: '1'.repeat(40), version: '1.2.0', settings: DEFAULT_ENVIRONMENT_SETTINGS
    });
    expect(detail?.events.map((e) => [e.phase, e.step, e.weight, e.actor, e.data])).toEqual([
      ['started', null, null, 'alice', {}],
      ['traffic', 1, 5, null, { instances: 1 }],
      ['paused', 1, null, null, {}],
      ['continued', 1, null, 'bob', {}]
    ]);
    expect(detail?.events[0]?.detail).toBe('canary of 1.2.0');
    // A person's action and the start are audited; the strategy's own steps are not.
    expect(store.audit.list(3).map((e) => [e.action, e.actor, e.subject])).toEqual([
      ['release.continued', 'bob', `release:${canary.id}`],
      ['release.started', 'alice', `release:${canary.id}`],
      ['release.completed', 'shipdeck', `release:${canary.id - 1}`]
    ]);
    expect(store.audit.list(2)[1]?.details).toEqual({
      service: 'shop-api', environment: 'prod', digest: digest(2), strategy: 'canary', trigger: 'manual', reason: 'new checkout'
    });
    store.close();
  });

  it('refuses to move a release that ended, except to record that it was rolled back later (and notes after its end)', async () => {
    const { store } = await storeWithArtifacts();
    const failed = await store.releases.startRelease(release());
    await store.releases.appendReleaseEvent(failed.id, { status: 'failed', phase: 'failed' });
    await expect(store.releases.appendReleaseEvent(failed.id, { status: 'succeeded', phase: 'completed' })).rejects.toMatchObject({
      code: 'RELEASE_REFUSED', message: expect.stringMatching(/already ended failed at .*; its record cannot become succeeded/)
    });
    await expect(store.releases.appendReleaseEvent(failed.id, { status: 'in-progress', phase: 'traffic' })).rejects.toMatchObject({ code: 'RELEASE_REFUSED' });

    const good = await shipped(store, 2, null);
    await store.releases.appendReleaseEvent(good.id, { status: 'succeeded', phase: 'idle-removed', detail: 'blue removed' });
    await store.releases.appendReleaseEvent(good.id, { status: 'rolled-back', phase: 'rolled-back', detail: 'undone by a rollback' });
    await expect(store.releases.appendReleaseEvent(good.id, { status: 'rolled-back', phase: 'rolled-back' })).rejects.toMatchObject({ code: 'RELEASE_REFUSED' });
    expect(store.releases.getRelease(good.id)?.events.map((e) => e.status)).toEqual(['in-progress', 'succeeded', 'succeeded', 'rolled-back']);
    store.close();
  });

  it('reads records made with the Deployment API (no phase) with the phase of their status', async () => {
    const { store } = await storeWithArtifacts();
    const artifact = store.artifacts.listArtifacts('shop-api', { limit: 1 }).items[0];
    if (!artifact) throw new Error('expected an artifact');
    const old = await store.deployments.recordDeployment({
      service: 'shop-api', environment: 'dev', artifactId: artifact.id, previousArtifactId: null, strategy: 'recreate', startedBy: 'ana', rollbackOfId: null, status: 'pending-approval'
    });
    expect(store.releases.getRelease(old.id)).toMatchObject({ phase: 'approval-requested', trigger: 'manual', settings: null, strategy: 'recreate' });
    await store.deployments.appendEvent(old.id, { status: 'succeeded' });
    expect(store.releases.getRelease(old.id)?.events.map((e) => e.phase)).toEqual(['approval-requested', 'completed']);
    expect(store.releases.currentRelease('shop-api', 'dev')?.id).toBe(old.id);
    // And the Deployment API reads releases.
    const started = await store.releases.startRelease(release());
    expect(store.deployments.getDeployment(started.id)).toMatchObject({ status: 'in-progress', strategy: 'canary', digest: digest(1) });
    store.close();
  });

  it('lists releases newest first page by page, per environment or service-wide, per digest, and those unsettled', async () => {
    const { store } = await storeWithArtifacts();
    const a = await shipped(store, 1, null, { environment: 'dev' });
    const b = await shipped(store, 1, null);
    const c = await store.releases.startRelease(release({ environment: 'dev', digest: digest(2), previousDigest: digest(1) }));
    const d = await store.releases.startRelease(release({ digest: digest(2), previousDigest: digest(1), status: 'pending-approval', pid: null }));

    const page = store.releases.listReleases('shop-api', null, { limit: 3 });
    expect(page.items.map((r) => r.id)).toEqual([d.id, c.id, b.id]);
    expect(store.releases.listReleases('shop-api', null, { limit: 3, beforeId: page.nextBeforeId ?? undefined }).items.map((r) => r.id)).toEqual([a.id]);
    expect(store.releases.listReleases('shop-api', 'dev', { limit: 10 }).items.map((r) => r.id)).toEqual([c.id, a.id]);
    await expect(async () => store.releases.listReleases('shop-api', 'qa', { limit: 10 })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect(store.releases.releasesOfDigest(digest(1)).map((r) => [r.id, r.environment])).toEqual([[a.id, 'dev'], [b.id, 'prod']]);
    expect(store.releases.unsettledReleases().map((r) => [r.id, r.status])).toEqual([[c.id, 'in-progress'], [d.id, 'pending-approval']]);
    store.close();
  });
});

describe('approvals', () => {
  it('waits without the lock, refuses a second waiting release, and starts only once approved', async () => {
    const { store } = await storeWithArtifacts();
    const waiting = await store.releases.startRelease(release({ status: 'pending-approval', pid: null, trigger: 'promotion' }));
    expect(waiting).toMatchObject({ status: 'pending-approval', phase: 'approval-requested', trigger: 'promotion' });
    expect(store.releases.lock('shop-api', 'prod')).toBeNull();
    expect(store.audit.list(1)[0]).toMatchObject({ action: 'release.requested', subject: `release:${waiting.id}` });
    await expect(store.releases.startRelease(release({ digest: digest(2), status: 'pending-approval', pid: null, startedBy: 'bob' }))).rejects.toMatchObject({
      code: 'RELEASE_REFUSED', message: expect.stringMatching(new RegExp(`already has release #${waiting.id} \\(1\\.1\\.0 by alice\\) waiting for approval since 2026-`))
    });
    await expect(store.releases.takeLock(waiting.id, 'alice', 1)).rejects.toMatchObject({ code: 'RELEASE_REFUSED', message: expect.stringContaining('waits for approval') });

    const approval = await store.releases.decideApproval(waiting.id, 'approved', 'carol', 'looks good');
    expect(approval).toMatchObject({ decision: 'approved', decidedBy: 'carol', comment: 'looks good' });
    expect(store.releases.getRelease(waiting.id)).toMatchObject({ status: 'pending-approval', phase: 'approved' });
    await expect(store.releases.decideApproval(waiting.id, 'approved', 'dan', null)).rejects.toMatchObject({ code: 'RELEASE_REFUSED' });
    expect(store.audit.list(1)[0]).toMatchObject({ action: 'release.approved', actor: 'carol', details: { comment: 'looks good' } });

    const lock = await store.releases.takeLock(waiting.id, 'carol', 99);
    expect(lock).toMatchObject({ deploymentId: waiting.id, holder: 'carol', pid: 99 });
    await store.releases.appendReleaseEvent(waiting.id, { status: 'in-progress', phase: 'started' });
    await expect(store.releases.decideApproval(waiting.id, 'rejected', 'dan', 'too late')).rejects.toMatchObject({
      code: 'RELEASE_REFUSED', message: `Release #${waiting.id} is not waiting for approval: it is in-progress.`
    });
    const detail = store.releases.getRelease(waiting.id);
    expect(detail?.events.map((e) => [e.status, e.phase, e.actor])).toEqual([
      ['pending-approval', 'approval-requested', 'alice'],
      ['pending-approval', 'approved', 'carol'],
      ['in-progress', 'started', null]
    ]);
    expect(detail?.approvals).toHaveLength(1);
    store.close();
  });

  it('ends a rejected release failed, with the rejection as its reason', async () => {
    const { store } = await storeWithArtifacts();
    const waiting = await store.releases.startRelease(release({ status: 'pending-approval', pid: null }));
    await store.releases.decideApproval(waiting.id, 'rejected', 'carol', 'freeze until Monday');
    expect(store.releases.getRelease(waiting.id)).toMatchObject({ status: 'failed', phase: 'rejected', reason: 'freeze until Monday' });
    expect(store.audit.list(1)[0]).toMatchObject({ action: 'release.rejected', actor: 'carol' });
    expect(store.releases.unsettledReleases()).toEqual([]);
    // The environment no longer has a release waiting.
    await expect(store.releases.startRelease(release({ status: 'pending-approval', pid: null }))).resolves.toMatchObject({ status: 'pending-approval' });
    store.close();
  });
});

describe('what runs, and what a rollback can go to', () => {
  it('after a rollback, the undone release is neither current nor a candidate', async () => {
    const { store } = await storeWithArtifacts();
    const v1 = await shipped(store, 1, null);
    const v2 = await shipped(store, 2, 1);
    const v3 = await shipped(store, 3, 2);
    await shipped(store, 2, 3); // 1.2.0 again: the newest release of a digest stands for it
    const v2again = store.releases.currentRelease('shop-api', 'prod');
    expect(store.releases.goodReleases('shop-api', 'prod', 10).map((r) => r.version)).toEqual(['1.2.0', '1.3.0', '1.1.0']);
    expect(store.releases.goodReleases('shop-api', 'prod', 2).map((r) => r.id)).toEqual([v2again?.id, v3.id]);
    if (!v2again) throw new Error('expected a current release');

    // Roll back 1.2.0 to 1.3.0: a new release pointing at the one it undoes.
    const rollback = await store.releases.startRelease(
      release({ digest: digest(3), previousDigest: digest(2), strategy: 'blue-green', trigger: 'rollback', rollbackOfId: v2again.id, reason: 'checkout errors' })
    );
    await store.releases.appendReleaseEvent(v2again.id, { status: 'rolled-back', phase: 'rolled-back', detail: `undone by #${rollback.id}` });
    // While the rollback runs, what succeeded before the undone release stands.
    expect(store.releases.currentRelease('shop-api', 'prod')?.id).toBe(v3.id);
    await store.releases.appendReleaseEvent(rollback.id, { status: 'succeeded', phase: 'switched', weight: 100 });

    const current = store.releases.currentRelease('shop-api', 'prod');
    expect(current).toMatchObject({ id: rollback.id, trigger: 'rollback', rollbackOfId: v2again.id, reason: 'checkout errors', weight: 100 });
    expect(store.releases.goodReleases('shop-api', 'prod', 10).map((r) => [r.id, r.version])).toEqual([
      [rollback.id, '1.3.0'],
      [v2.id, '1.2.0'],
      [v1.id, '1.1.0']
    ]);
    expect(store.releases.currentRelease('shop-api', 'dev')).toBeNull();
    expect(store.releases.goodReleases('shop-api', 'dev', 10)).toEqual([]);
    store.close();
  });

  it('refuses a rollback that points at a release of another environment', async () => {
    const { store } = await storeWithArtifacts();
    const dev = await shipped(store, 1, null, { environment: 'dev' });
    await expect(store.releases.startRelease(release({ rollbackOfId: dev.id, trigger: 'rollback' }))).rejects.toMatchObject({ code: 'RELEASE_REFUSED' });
    await expect(store.releases.startRelease(release({ rollbackOfId: 999, trigger: 'rollback' }))).rejects.toMatchObject({ code: 'NOT_FOUND' });
    store.close();
  });
});

describe('holds', () => {
  it('holds an environment until someone releases it, each step appended and audited', async () => {
    const { store } = await storeWithArtifacts();
    const rollback = await shipped(store, 1, null, { trigger: 'rollback' });
    expect(store.releases.hold('shop-api', 'prod')).toBeNull();
    await expect(store.releases.releaseHold('shop-api', 'prod', 'bob')).rejects.toMatchObject({ code: 'NOT_FOUND', message: 'prod of shop-api is not held.' });

    const hold = await store.releases.placeHold('shop-api', 'prod', { deploymentId: rollback.id, by: 'alice', reason: 'manual rollback' });
    expect(hold).toMatchObject({ service: 'shop-api', environment: 'prod', by: 'alice', reason: 'manual rollback', deploymentId: rollback.id });
    expect(store.releases.hold('shop-api', 'prod')).toEqual(hold);
    expect(store.releases.holds()).toEqual([hold]);
    expect(store.audit.list(1)[0]).toMatchObject({ action: 'environment.hold-placed', actor: 'alice', subject: 'environment:shop-api/prod' });

    await store.releases.releaseHold('SHOP-API', 'prod', 'bob');
    expect(store.releases.hold('shop-api', 'prod')).toBeNull();
    expect(store.releases.holds()).toEqual([]);
    expect(store.audit.list(1)[0]).toMatchObject({ action: 'environment.hold-released', actor: 'bob', details: { heldBy: 'alice' } });
    await expect(store.releases.placeHold('shop-api', 'qa', { deploymentId: null, by: 'a', reason: null })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    store.close();
  });

  it('keeps records, events and holds append-only: SQLite refuses to change or remove them', async () => {
    const { dir, store } = await storeWithArtifacts();
    const started = await store.releases.startRelease(release());
    await store.releases.placeHold('shop-api', 'prod', { deploymentId: started.id, by: 'alice', reason: null });
    store.close();
    const db = new Database(path.join(dir, DATABASE_FILE_NAME));
    for (const table of ['deployments', 'deployment_events', 'environment_holds']) {
      expect(() => db.prepare(`UPDATE ${table} SET id = id`).run()).toThrow(/append-only/);
      expect(() => db.prepare(`DELETE FROM ${table}`).run()).toThrow(/append-only/);
    }
    db.close();
  });
});

describe('environment settings', () => {
  it('creates a missing environment last in the promotion order, and merges later changes', async () => {
    const { store } = await storeWithArtifacts();
    const created = await store.releases.configureEnvironment(
      'shop-api', 'perf', { settings: { publicPort: 8081, strategy: 'blue-green' } }, { actor: 'alice', action: 'environment.configured', subject: 'environment:shop-api/perf', details: {} }
    );
    expect(created.environments.map((e) => [e.name, e.position])).toEqual([['dev', 0], ['prod', 1], ['perf', 2]]);
    expect(created.environments[2]).toMatchObject({ targetKind: 'docker', requiresApproval: false, settings: { ...DEFAULT_ENVIRONMENT_SETTINGS, publicPort: 8081, strategy: 'blue-green' } });
    expect(store.audit.list(1)[0]?.details).toEqual({ service: 'shop-api', environment: 'perf', created: true, targetKind: 'docker', publicPort: 'none → 8081', strategy: 'rolling → blue-green' });

    const changed = await store.releases.configureEnvironment('shop-api', 'prod', { requiresApproval: false, settings: { instances: 4 } }, audit('environment.configured'));
    const prod = changed.environments.find((e) => e.name === 'prod');
    expect(prod).toMatchObject({ position: 1, requiresApproval: false, settings: { instances: 4, strategy: 'rolling' } });
    expect(store.audit.list(1)[0]?.details).toEqual({ service: 'shop-api', environment: 'prod', created: false, requiresApproval: 'true → false', instances: '2 → 4' });

    await expect(store.releases.configureEnvironment('shop-api', 'prod', { settings: { canarySteps: [50, 10] } }, audit('x'))).rejects.toMatchObject({
      code: 'INVALID_INPUT', message: expect.stringContaining('canarySteps')
    });
    await expect(store.releases.configureEnvironment('ghost', 'prod', {}, audit('x'))).rejects.toMatchObject({ code: 'NOT_FOUND' });
    store.close();
  });

  it('brings a retired environment of that name back, last, with its records', async () => {
    const { store } = await storeWithArtifacts();
    const old = await shipped(store, 1, null, { environment: 'dev' });
    await store.workspace.setEnvironments('shop-api', [{ name: 'prod', targetKind: 'docker', requiresApproval: true }], audit('environments.set'));
    const back = await store.releases.configureEnvironment('shop-api', 'dev', { settings: { instances: 3 } }, audit('environment.configured'));
    expect(back.environments.map((e) => [e.name, e.position])).toEqual([['prod', 0], ['dev', 1]]);
    expect(store.releases.currentRelease('shop-api', 'dev')?.id).toBe(old.id);
    store.close();
  });

  it('marks a service read-only (shadow releases may mirror its traffic), audited', async () => {
    const { store } = await storeWithArtifacts();
    expect((await store.releases.setServiceReadOnly('shop-api', true, audit('service.read-only'))).readOnly).toBe(true);
    expect(store.workspace.findService('shop-api')?.readOnly).toBe(true);
    expect(store.audit.list(1)[0]).toMatchObject({ action: 'service.read-only', details: { service: 'shop-api', readOnly: true } });
    expect((await store.releases.setServiceReadOnly('shop-api', false, audit('service.read-only'))).readOnly).toBe(false);
    store.close();
  });
});

describe('releases in a transaction', () => {
  it('leaves nothing half-written when a later step fails: no record, no lock, no audit entry', async () => {
    const { store } = await storeWithArtifacts();
    const auditBefore = store.audit.list(100).length;
    await expect(
      store.transaction((tx) => {
        const started = tx.releases.startRelease(release());
        tx.releases.placeHold('shop-api', 'prod', { deploymentId: started.id, by: 'alice', reason: null });
        tx.releases.appendReleaseEvent(started.id + 100, { status: 'failed', phase: 'failed' }); // NOT_FOUND
      })
    ).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect(store.releases.listReleases('shop-api', null, { limit: 10 }).items).toEqual([]);
    expect(store.releases.lock('shop-api', 'prod')).toBeNull();
    expect(store.releases.hold('shop-api', 'prod')).toBeNull();
    expect(store.audit.list(100)).toHaveLength(auditBefore);

    const started = await store.transaction((tx) => {
      const recorded = tx.releases.startRelease(release());
      tx.releases.appendReleaseEvent(recorded.id, { status: 'in-progress', phase: 'instance-started' });
      return recorded;
    });
    expect(store.releases.getRelease(started.id)?.events).toHaveLength(2);
    expect(store.releases.lock('shop-api', 'prod')?.deploymentId).toBe(started.id);
    store.close();
  });
});
