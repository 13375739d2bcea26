// The release orchestrator over the real SQLite store, with an in-memory strategy runner (the engine and
// nginx are another module's job): records, approvals, locks, holds, gates, takeover and recovery.
import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_ENVIRONMENT_SETTINGS } from '../../../shared/domain/environment-settings';
import type { Release, RollbackPreflight } from '../../../shared/domain/releases';
import { openReleaseStore } from '../../adapters/store/sqlite-release-store';
import { audit, newService, steppingClock, useTempDirs } from '../../adapters/store/testing/temp-store';
import { createEventBus } from '../../event-bus';
import type { ReleaseStore } from '../../ports/store';
import { createReleaseService, type GateAnalysis, type GateAnalysisRequest, type GateVerdict } from './release-service';
import type { ReleaseService } from './release-service.types';
import { fakeStrategyRunner, manualTimers } from './testing/fake-strategy-runner';

const tempDir = useTempDirs('shipdeck-releases-');
const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

const PID = 1001;

/** Digests that differ in their first characters too (a sentence shows the first 12 hex digits). */
const digest = (n: number): string => `sha256:${String(n).repeat(64)}`;

async function world() {
  const store = openReleaseStore(tempDir(), { now: steppingClock() });
  await store.workspace.addService(
    {
      ...newService('shop'),
      environments: [
        { name: 'dev', targetKind: 'docker', requiresApproval: false },
        { name: 'staging', targetKind: 'docker', requiresApproval: false },
        { name: 'prod', targetKind: 'docker', requiresApproval: true }
      ]
    },
    audit('service.add', 'service:shop')
  );
  let port = 18_000;
  for (const environment of ['dev', 'staging', 'prod']) {
    await store.releases.configureEnvironment('shop', environment, { settings: { publicPort: port++ } }, audit('environment.configure', `environment:shop/${environment}`));
  }
  for (let i = 1; i <= 4; i++) {
    await store.artifacts.recordArtifact({ service: 'shop', imageRepository: '127.0.0.1:5000/shop/shop', digest: digest(i), commitSha: `${i}`.repeat(40), version: `1.${i}.0`, pipelineRunId: null });
  }
  const runner = fakeStrategyRunner();
  const timers = manualTimers();
  const alive = new Set<number>();
  const services: ReleaseService[] = [];
  const settledNotes: Release[] = [];
  const service = (options: { pid?: number; actor?: string; analysis?: GateAnalysis } = {}): ReleaseService => {
    const pid = options.pid ?? PID;
    alive.add(pid);
    const created = createReleaseService({
      store,
      runner,
      events: createEventBus(),
      actor: options.actor ?? 'alice',
      pid,
      imageReference: (_service, artifact) => `${artifact.imageRepository}@${artifact.digest}`,
      timers,
      isAlive: (candidate) => alive.has(candidate),
      settledPollMs: 10,
      onSettled: (release) => settledNotes.push(release),
      analysis: options.analysis
    });
    services.push(created);
    return created;
  };
  cleanups.push(async () => {
    for (const created of services) await created.close();
    store.close();
  });
  return { store, runner, timers, alive, service, settledNotes };
}

const configure = (store: ReleaseStore, environment: string, settings: Record<string, unknown>) =>
  store.releases.configureEnvironment('shop', environment, { settings }, audit('environment.configure', `environment:shop/${environment}`));

/** A rolling release that ends before the test goes on. */
const ship = async (releases: ReleaseService, n: number): Promise<Release> =>
  releases.settled((await releases.deploy({ service: 'shop', environment: 'dev', digest: digest(n), strategy: 'rolling' })).id);

const events = (store: ReleaseStore, id: number) => store.releases.getRelease(id)?.events ?? [];

/** Waits (bounded) until the background work has got somewhere. */
async function until(condition: () => boolean): Promise<void> {
  for (let waited = 0; !condition(); waited += 5) {
    if (waited > 5000) throw new Error('the condition never came true');
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

function preflight(to: number, overrides: Partial<RollbackPreflight> = {}): RollbackPreflight {
  return {
    service: 'shop',
    environment: 'dev',
    from: null,
    to: { digest: digest(to), version: `1.${to}.0`, commitSha: `${to}`.repeat(40), deploymentId: 1, deployedAt: '2026-03-01T09:00:00.000Z', pruned: false },
    checks: [],
    commits: null,
    settingsDiff: [],
    containerDiff: [],
    migrations: [],
    blocked: false,
    overridable: false,
    candidates: [],
    ...overrides
  };
}

describe('deploy', () => {
  it('runs the strategy in the background and records each report, then how it ended', async () => {
    const { store, runner, service, settledNotes } = await world();
    const releases = service();
    const started = await releases.deploy({ service: 'shop', environment: 'dev', digest: digest(1) });
    expect(started).toMatchObject({ status: 'in-progress', strategy: 'rolling', trigger: 'manual', startedBy: 'alice' });
    const ended = await releases.settled(started.id);
    expect(ended).toMatchObject({ status: 'succeeded', phase: 'completed', weight: 100 });
    expect(runner.runs[0]?.artifact).toEqual({ digest: digest(1), imageReference: `127.0.0.1:5000/shop/shop@${digest(1)}` });
    expect(events(store, started.id).map((event) => event.phase)).toEqual(['started', 'instance-started', 'instance-healthy', 'completed']);
    expect(events(store, started.id)[1]?.data).toMatchObject({ progress: 0.1 });
    expect(store.releases.lock('shop', 'dev')).toBeNull();
    await until(() => settledNotes.length > 0);
    expect(settledNotes.map((release) => [release.id, release.status])).toEqual([[started.id, 'succeeded']]);
  });

  it('records the failure with the strategy’s own message, never success', async () => {
    const { store, runner, service } = await world();
    const releases = service();
    runner.throwNext(new Error('nginx -t failed: unknown directive "mirorr"'));
    const thrown = await releases.settled((await releases.deploy({ service: 'shop', environment: 'dev', digest: digest(1) })).id);
    expect(thrown.status).toBe('failed');
    expect(events(store, thrown.id).at(-1)?.detail).toContain('nginx -t failed: unknown directive "mirorr"');

    runner.failNext('instance shop-dev-stable-0 never answered /healthz: last log lines: boom');
    const failed = await releases.settled((await releases.deploy({ service: 'shop', environment: 'dev', digest: digest(2) })).id);
    expect(failed).toMatchObject({ status: 'failed', phase: 'failed' });
    expect(events(store, failed.id).at(-1)).toMatchObject({ detail: 'instance shop-dev-stable-0 never answered /healthz: last log lines: boom', data: { restored: true } });
    expect(store.releases.currentRelease('shop', 'dev')).toBeNull();
  });

  it('refuses an environment that is not a docker target with a port, and shadow for a service that is not read-only', async () => {
    const { store, service } = await world();
    const releases = service();
    await store.releases.configureEnvironment('shop', 'qa', { targetKind: 'docker' }, audit('environment.configure'));
    await expect(releases.deploy({ service: 'shop', environment: 'qa', digest: digest(1) })).rejects.toMatchObject({
      code: 'ENVIRONMENT_NOT_CONFIGURED',
      hint: expect.stringContaining('shipdeck env set shop qa --target docker --port N')
    });
    await expect(releases.deploy({ service: 'shop', environment: 'dev', digest: digest(1), strategy: 'shadow' })).rejects.toMatchObject({
      code: 'RELEASE_REFUSED',
      message: expect.stringContaining('not marked read-only')
    });
    const pruned = store.artifacts.findArtifact('127.0.0.1:5000/shop/shop', digest(4));
    await store.artifacts.recordPrune(pruned?.id ?? 0, 'bob');
    await expect(releases.deploy({ service: 'shop', environment: 'dev', digest: digest(4) })).rejects.toMatchObject({
      code: 'IMAGE_NOT_FOUND',
      message: expect.stringContaining('was pruned by bob')
    });
    await store.releases.setServiceReadOnly('shop', true, audit('service.read-only'));
    await expect(releases.deploy({ service: 'shop', environment: 'dev', digest: digest(1), strategy: 'shadow' })).resolves.toMatchObject({ strategy: 'shadow' });
  });
});

describe('one release at a time', () => {
  it('refuses a second release while one runs, and a second rollback at once', async () => {
    const { store, runner, service } = await world();
    const releases = service();
    await releases.settled((await releases.deploy({ service: 'shop', environment: 'dev', digest: digest(1) })).id);
    await releases.settled((await releases.deploy({ service: 'shop', environment: 'dev', digest: digest(2) })).id);

    const open = runner.block();
    const first = await releases.deploy({ service: 'shop', environment: 'dev', digest: digest(3) });
    await expect(releases.deploy({ service: 'shop', environment: 'dev', digest: digest(1) })).rejects.toMatchObject({
      code: 'RELEASE_IN_PROGRESS',
      message: expect.stringContaining(`#${first.id}`)
    });
    open();
    await releases.settled(first.id);

    // Two rollbacks at once: the first holds the environment, the second is refused by the lock.
    const openRollback = runner.block();
    const rollback = await releases.rollback({ service: 'shop', environment: 'dev', reason: 'errors' }, preflight(2));
    await expect(service({ pid: 2002, actor: 'bob' }).rollback({ service: 'shop', environment: 'dev' }, preflight(2))).rejects.toMatchObject({ code: 'RELEASE_IN_PROGRESS' });
    openRollback();
    expect(await releases.settled(rollback.id)).toMatchObject({ status: 'succeeded' });
    expect(store.releases.currentRelease('shop', 'dev')?.digest).toBe(digest(2));
  });
});

describe('approval', () => {
  it('waits for approval, starts when approved (name recorded), ends failed when rejected with a reason', async () => {
    const { store, runner, service } = await world();
    const releases = service();
    const waiting = await releases.deploy({ service: 'shop', environment: 'prod', digest: digest(1) });
    expect(waiting.status).toBe('pending-approval');
    expect(await releases.settled(waiting.id)).toMatchObject({ status: 'pending-approval' });
    expect(runner.runs).toHaveLength(0);
    expect(store.releases.lock('shop', 'prod')).toBeNull();

    const approver = service({ actor: 'carol' });
    const approved = await approver.approve(waiting.id, 'looks good');
    expect(approved.status).toBe('in-progress');
    expect(await approver.settled(waiting.id)).toMatchObject({ status: 'succeeded' });
    expect(store.releases.getRelease(waiting.id)?.approvals).toEqual([expect.objectContaining({ decision: 'approved', decidedBy: 'carol', comment: 'looks good' })]);

    const rejected = await releases.deploy({ service: 'shop', environment: 'prod', digest: digest(2) });
    await expect(approver.reject(rejected.id, '  ')).rejects.toMatchObject({ code: 'INVALID_INPUT' });
    expect(await approver.reject(rejected.id, 'schema change not reviewed')).toMatchObject({ status: 'failed', phase: 'rejected' });
    expect(store.releases.getRelease(rejected.id)?.approvals.at(-1)).toMatchObject({ decision: 'rejected', decidedBy: 'carol', comment: 'schema change not reviewed' });
    expect(runner.runs).toHaveLength(1);
  });

  it('keeps an approval made while another release runs, and starts it when approved again after', async () => {
    const { store, runner, service } = await world();
    const releases = service();
    const waiting = await releases.deploy({ service: 'shop', environment: 'prod', digest: digest(2) });
    // A rollback does not wait for approval: it holds prod while the other waits.
    await releases.settled((await releases.approve(waiting.id, null)).id);
    const open = runner.block();
    const rollback = await releases.rollback({ service: 'shop', environment: 'prod' }, { ...preflight(1), environment: 'prod' });
    const next = await releases.deploy({ service: 'shop', environment: 'prod', digest: digest(3) });
    await expect(releases.approve(next.id, null)).rejects.toMatchObject({
      code: 'RELEASE_IN_PROGRESS',
      message: expect.stringContaining('approved (recorded)'),
      hint: expect.stringContaining(`shipdeck approve ${next.id}`)
    });
    expect(store.releases.getRelease(next.id)).toMatchObject({ status: 'pending-approval', approvals: [expect.objectContaining({ decision: 'approved' })] });
    open();
    await releases.settled(rollback.id);
    expect(await releases.approve(next.id, null)).toMatchObject({ status: 'in-progress' });
    expect(await releases.settled(next.id)).toMatchObject({ status: 'succeeded', digest: digest(3) });
    expect(store.releases.getRelease(next.id)?.approvals).toHaveLength(1);
  });
});

describe('rollback', () => {
  it('refuses a blocked pre-flight naming the checks; an override reason lets a migration-only block through and is recorded', async () => {
    const { store, service } = await world();
    const releases = service();
    await releases.settled((await releases.deploy({ service: 'shop', environment: 'dev', digest: digest(1) })).id);
    await releases.settled((await releases.deploy({ service: 'shop', environment: 'dev', digest: digest(2) })).id);
    const blocked = preflight(1, {
      blocked: true,
      overridable: true,
      checks: [{ id: 'migrations', status: 'blocked', title: 'Migrations', detail: '0007_drop_legacy.sql drops column legacy_id' }]
    });
    await expect(releases.rollback({ service: 'shop', environment: 'dev' }, blocked)).rejects.toMatchObject({
      code: 'ROLLBACK_BLOCKED',
      message: expect.stringContaining('Migrations: 0007_drop_legacy.sql drops column legacy_id')
    });
    await expect(releases.rollback({ service: 'shop', environment: 'dev', overrideReason: 'column unused since March' }, { ...blocked, overridable: false })).rejects.toMatchObject({
      code: 'ROLLBACK_BLOCKED'
    });
    const rollback = await releases.rollback({ service: 'shop', environment: 'dev', overrideReason: 'column unused since March' }, blocked);
    expect(await releases.settled(rollback.id)).toMatchObject({ status: 'succeeded', trigger: 'rollback', overrideReason: 'column unused since March' });
    expect(store.releases.currentRelease('shop', 'dev')?.digest).toBe(digest(1));
  });

  it('points at the release it undoes, marks that one rolled back and holds the environment', async () => {
    const { store, service } = await world();
    const releases = service({ actor: 'oncall' });
    await releases.settled((await releases.deploy({ service: 'shop', environment: 'dev', digest: digest(1) })).id);
    const bad = await releases.settled((await releases.deploy({ service: 'shop', environment: 'dev', digest: digest(2) })).id);
    const rollback = await releases.rollback({ service: 'shop', environment: 'dev', reason: '5xx after deploy' }, preflight(1));
    expect(rollback).toMatchObject({ trigger: 'rollback', rollbackOfId: bad.id, reason: '5xx after deploy', previousDigest: digest(2), digest: digest(1) });
    await releases.settled(rollback.id);
    expect(store.releases.getRelease(bad.id)).toMatchObject({ status: 'rolled-back', phase: 'rolled-back' });
    expect(store.releases.hold('shop', 'dev')).toMatchObject({ by: 'oncall', reason: '5xx after deploy', deploymentId: rollback.id });
    expect(events(store, rollback.id).map((event) => event.phase)).toContain('hold-placed');

    await releases.releaseHold('shop', 'dev');
    expect(store.releases.hold('shop', 'dev')).toBeNull();
  });

  it('switches a blue-green environment back without starting anything; an automatic rollback places no hold', async () => {
    const { store, runner, service } = await world();
    await configure(store, 'dev', { strategy: 'blue-green' });
    const releases = service();
    await releases.settled((await releases.deploy({ service: 'shop', environment: 'dev', digest: digest(1) })).id);
    await releases.settled((await releases.deploy({ service: 'shop', environment: 'dev', digest: digest(2) })).id);
    expect(runner.env('shop', 'dev').idle).toMatchObject({ digest: digest(1) });
    const runs = runner.runs.length;
    const rollback = await releases.rollback({ service: 'shop', environment: 'dev', reason: 'analysis failed', trigger: 'automatic-rollback' }, preflight(1));
    expect(await releases.settled(rollback.id)).toMatchObject({ status: 'succeeded', trigger: 'automatic-rollback' });
    expect(runner.fastRollbacks).toEqual([digest(1)]);
    expect(runner.runs).toHaveLength(runs);
    expect(runner.env('shop', 'dev').serving).toBe(digest(1));
    expect(store.releases.hold('shop', 'dev')).toBeNull();
  });

  it('goes through a canary environment without pausing at its weights', async () => {
    const { store, service } = await world();
    await configure(store, 'dev', { strategy: 'canary' });
    const releases = service();
    await releases.settled((await releases.deploy({ service: 'shop', environment: 'dev', digest: digest(1), strategy: 'rolling' })).id);
    await releases.settled((await releases.deploy({ service: 'shop', environment: 'dev', digest: digest(2), strategy: 'rolling' })).id);
    const rollback = await releases.rollback({ service: 'shop', environment: 'dev' }, preflight(1));
    expect(await releases.settled(rollback.id)).toMatchObject({ status: 'succeeded', strategy: 'canary' });
    expect(events(store, rollback.id).map((event) => event.phase)).not.toContain('paused');
  });
});

describe('holds', () => {
  it('refuse branch-watch deploys naming the hold, let a person deploy, and stop a canary from continuing by itself', async () => {
    const { store, timers, service } = await world();
    await configure(store, 'dev', { strategy: 'canary', canaryPauseSeconds: 60 });
    const releases = service({ actor: 'oncall' });
    await store.releases.placeHold('shop', 'dev', { deploymentId: null, by: 'oncall', reason: 'incident 42' });
    await expect(releases.deploy({ service: 'shop', environment: 'dev', digest: digest(1), trigger: 'branch-watch' })).rejects.toMatchObject({
      code: 'RELEASE_REFUSED',
      message: expect.stringMatching(/held by oncall since .* \(incident 42\)/),
      hint: expect.stringContaining('shipdeck hold release shop dev')
    });
    await ship(releases, 4);
    const manual = await releases.deploy({ service: 'shop', environment: 'dev', digest: digest(1) });
    const paused = await releases.settled(manual.id);
    expect(paused).toMatchObject({ status: 'in-progress', phase: 'paused', weight: 5 });
    expect(events(store, manual.id).at(-1)?.detail).toContain('waits for a person');
    expect(timers.armed()).toEqual([]);
    expect(store.releases.lock('shop', 'dev')?.pid).toBeNull();
  });
});

describe('canary gates', () => {
  it('pauses at each weight, continues by itself after the pause, and by hand', async () => {
    const { store, timers, service } = await world();
    await configure(store, 'dev', { strategy: 'canary', canarySteps: [10, 50, 100], canaryPauseSeconds: 30 });
    const releases = service({ actor: 'dana' });
    await ship(releases, 4);
    const started = await releases.deploy({ service: 'shop', environment: 'dev', digest: digest(1) });
    expect(await releases.settled(started.id)).toMatchObject({ phase: 'paused', weight: 10, status: 'in-progress' });
    expect(events(store, started.id).at(-1)?.detail).toContain('continues by itself after 30 s');
    expect(timers.armed()).toEqual([30_000]);

    timers.fireAll();
    await until(() => store.releases.getRelease(started.id)?.weight === 50);
    expect(await releases.settled(started.id)).toMatchObject({ phase: 'paused', weight: 50 });
    expect(events(store, started.id).find((event) => event.phase === 'continued')).toMatchObject({ actor: null, detail: expect.stringContaining('by itself') });

    expect(await releases.canary('shop', 'dev', 'continue')).toMatchObject({ phase: 'continued' });
    expect(await releases.settled(started.id)).toMatchObject({ status: 'succeeded' });
    expect(events(store, started.id).filter((event) => event.phase === 'continued').at(-1)).toMatchObject({ actor: 'dana', weight: 50 });
    expect(timers.armed()).toEqual([]);
  });

  it('aborts: all traffic back on stable, recorded rolled back with who aborted', async () => {
    const { store, runner, service } = await world();
    await configure(store, 'dev', { strategy: 'canary' });
    const releases = service({ actor: 'erin' });
    await releases.settled((await releases.deploy({ service: 'shop', environment: 'dev', digest: digest(1), strategy: 'rolling' })).id);
    const canary = await releases.deploy({ service: 'shop', environment: 'dev', digest: digest(2) });
    await releases.settled(canary.id);
    await expect(releases.canary('shop', 'staging', 'abort')).rejects.toMatchObject({ code: 'RELEASE_REFUSED' });
    await releases.canary('shop', 'dev', 'abort');
    const ended = await releases.settled(canary.id);
    expect(ended).toMatchObject({ status: 'rolled-back', phase: 'aborted', weight: 0 });
    expect(events(store, canary.id).find((event) => event.phase === 'aborted' && event.status === 'in-progress')).toMatchObject({ actor: 'erin' });
    expect(runner.env('shop', 'dev')).toMatchObject({ serving: digest(1), canary: null });
    expect(store.releases.currentRelease('shop', 'dev')?.digest).toBe(digest(1));
  });

  it('is continued from another process after the one that paused it exited', async () => {
    const { store, runner, alive, service } = await world();
    await configure(store, 'dev', { strategy: 'canary', canarySteps: [5, 25, 100] });
    const app = service({ pid: 3003, actor: 'app' });
    await ship(app, 4);
    const started = await app.deploy({ service: 'shop', environment: 'dev', digest: digest(1) });
    await app.settled(started.id);
    await app.close();
    alive.delete(3003);

    const cli = service({ pid: 4004, actor: 'frank' });
    const continued = await cli.canary('shop', 'dev', 'continue');
    expect(continued).toMatchObject({ phase: 'continued' });
    expect(store.releases.lock('shop', 'dev')?.pid).toBe(4004);
    // The strategy ran again from the real state (5 %) and the decision moved it on to 25 %.
    expect(await cli.settled(started.id)).toMatchObject({ phase: 'paused', weight: 25 });
    expect(runner.runs.map((run) => run.strategy)).toEqual(['rolling', 'canary', 'canary']); // the first release, the canary, the canary taken up again
    await cli.canary('shop', 'dev', 'continue');
    expect(await cli.settled(started.id)).toMatchObject({ status: 'succeeded' });
    expect(events(store, started.id).filter((event) => event.phase === 'continued').map((event) => [event.actor, event.weight])).toEqual([
      ['frank', 5],
      ['frank', 25]
    ]);
  });

  it('is aborted from another process: traffic back on stable without running the strategy again', async () => {
    const { store, runner, alive, service } = await world();
    await configure(store, 'dev', { strategy: 'canary' });
    const app = service({ pid: 3003 });
    await ship(app, 4);
    const started = await app.deploy({ service: 'shop', environment: 'dev', digest: digest(1) });
    await app.settled(started.id);
    await app.close();
    alive.delete(3003);
    const runs = runner.runs.length;

    const aborted = await service({ pid: 4004, actor: 'grace' }).canary('shop', 'dev', 'abort');
    expect(aborted).toMatchObject({ phase: 'aborted', status: 'in-progress' });
    await until(() => store.releases.getRelease(started.id)?.status !== 'in-progress');
    expect(store.releases.getRelease(started.id)).toMatchObject({ status: 'rolled-back', phase: 'aborted', weight: 0 });
    expect(runner.runs).toHaveLength(runs);
    expect(runner.fastRollbacks).toEqual([digest(4)]);
    expect(runner.env('shop', 'dev')).toMatchObject({ serving: digest(4), canary: null });
    expect(events(store, started.id).find((event) => event.phase === 'aborted')).toMatchObject({ actor: 'grace', weight: 5 });
    expect(store.releases.lock('shop', 'dev')).toBeNull();
  });

  it('hands a paused canary to the process that continued it: the one that paused it lets go', async () => {
    const { store, runner, timers, service } = await world();
    await configure(store, 'dev', { strategy: 'canary', canarySteps: [5, 25, 100], canaryPauseSeconds: 60 });
    const app = service({ pid: 3003, actor: 'app' });
    await ship(app, 4);
    const started = await app.deploy({ service: 'shop', environment: 'dev', digest: digest(1) });
    await app.settled(started.id);
    expect(timers.armed()).toEqual([60_000]);

    const cli = service({ pid: 4004, actor: 'frank' });
    await cli.canary('shop', 'dev', 'continue');
    await until(() => store.releases.getRelease(started.id)?.phase === 'paused');
    expect(store.releases.getRelease(started.id)?.weight).toBe(25);
    // The app's pause timer and the CLI's both fire: only the CLI's run moves the release.
    timers.fireAll();
    await until(() => store.releases.getRelease(started.id)?.status === 'succeeded');
    expect(runner.runs.map((run) => run.strategy)).toEqual(['rolling', 'canary', 'canary']); // the first release, the canary, the canary taken up again
    expect(events(store, started.id).filter((event) => event.phase === 'continued').map((event) => [event.actor, event.weight])).toEqual([
      ['frank', 5],
      [null, 25]
    ]);
    await expect(app.canary('shop', 'dev', 'continue')).rejects.toMatchObject({ code: 'RELEASE_REFUSED' });
  });

  it('refuses to continue a canary another live process is moving', async () => {
    const { store, runner, service } = await world();
    await configure(store, 'dev', { strategy: 'canary' });
    await ship(service({ pid: 5005 }), 4);
    const open = runner.block();
    const started = await service({ pid: 5005 }).deploy({ service: 'shop', environment: 'dev', digest: digest(1) });
    await until(() => events(store, started.id).length > 1);
    await expect(service({ pid: 6006 }).canary('shop', 'dev', 'continue')).rejects.toMatchObject({ code: 'RELEASE_REFUSED', message: expect.stringContaining('not paused') });
    open();
    expect(await service({ pid: 5005 }).settled(started.id)).toMatchObject({ phase: 'paused' });
  });
});

/** A stand-in for the canary analysis: answers each gate from a script, and records what it was asked. */
function scriptedAnalysis(answers: readonly (GateVerdict | null | Error | 'wait')[]) {
  const asked: GateAnalysisRequest[] = [];
  let stoppedBy: AbortSignal | null = null;
  const analysis: GateAnalysis = {
    judge(request, signal) {
      asked.push(request);
      const answer = answers[asked.length - 1] ?? null;
      if (answer instanceof Error) return Promise.reject(answer);
      if (answer === 'wait') {
        stoppedBy = signal;
        return new Promise((_resolve, reject) => signal.addEventListener('abort', () => reject(new Error('The canary analysis was stopped.')), { once: true }));
      }
      return Promise.resolve(answer);
    }
  };
  return { analysis, asked, stopped: () => stoppedBy?.aborted === true };
}

describe('canary analysis at the gates', () => {
  const pass = (reason = 'All 4 metrics passed.'): GateVerdict => ({ verdict: 'pass', reason });

  it('continues at each weight the analysis passes, with the verdict on the record, until promoted', async () => {
    const { store, timers, service } = await world();
    await configure(store, 'dev', { strategy: 'canary', canarySteps: [5, 25, 100], canaryPauseSeconds: 30 });
    const scripted = scriptedAnalysis([pass(), pass('error rate 0.4 % against 0.5 %.')]);
    const releases = service({ analysis: scripted.analysis });
    await ship(releases, 4);
    const started = await releases.deploy({ service: 'shop', environment: 'dev', digest: digest(1) });
    expect(await releases.settled(started.id)).toMatchObject({ status: 'succeeded', weight: 100 });
    expect(scripted.asked.map((request) => [request.deploymentId, request.step, request.weight])).toEqual([
      [started.id, 1, 5],
      [started.id, 2, 25]
    ]);
    const verdicts = events(store, started.id).filter((event) => event.canaryVerdict !== null);
    expect(verdicts.map((event) => [event.phase, event.canaryVerdict, event.weight, event.actor])).toEqual([
      ['continued', 'pass', 5, null],
      ['continued', 'pass', 25, null]
    ]);
    expect(verdicts[1]?.detail).toBe('Canary analysis at 25 %: pass — error rate 0.4 % against 0.5 %.');
    expect(events(store, started.id).map((event) => event.phase)).not.toContain('paused');
    expect(timers.armed()).toEqual([]);
  });

  it('aborts a failed canary and records the automatic rollback with the verdict as its reason, placing no hold', async () => {
    const { store, runner, service } = await world();
    await configure(store, 'dev', { strategy: 'canary', canarySteps: [5, 25, 100] });
    const reason = 'error-rate failed: canary error rate 5.1 % (51 of 1000 requests) against 0.4 % on the baseline.';
    const scripted = scriptedAnalysis([pass(), { verdict: 'fail', reason }]);
    const releases = service({ analysis: scripted.analysis });
    const stable = await ship(releases, 4);
    const canary = await releases.deploy({ service: 'shop', environment: 'dev', digest: digest(1) });
    expect(await releases.settled(canary.id)).toMatchObject({ status: 'rolled-back', phase: 'aborted', weight: 0 });
    expect(events(store, canary.id).find((event) => event.canaryVerdict === 'fail')).toMatchObject({
      phase: 'aborted',
      weight: 25,
      actor: null,
      detail: `Canary analysis at 25 %: fail — ${reason} Shipdeck aborts the canary and rolls back automatically.`
    });

    await until(() => (store.releases.listReleases('shop', 'dev', { limit: 5 }).items[0]?.id ?? 0) > canary.id);
    const rollback = store.releases.listReleases('shop', 'dev', { limit: 5 }).items[0];
    expect(rollback).toMatchObject({ trigger: 'automatic-rollback', rollbackOfId: canary.id, reason, digest: stable.digest, previousDigest: digest(1) });
    expect(await releases.settled(rollback?.id ?? 0)).toMatchObject({ status: 'succeeded' });
    expect(store.releases.hold('shop', 'dev')).toBeNull();
    expect(runner.env('shop', 'dev')).toMatchObject({ serving: stable.digest, canary: null });
    expect(store.releases.currentRelease('shop', 'dev')?.digest).toBe(stable.digest);
    // The canary's record ended once, rolled back; the rollback did not try to end it again.
    expect(store.releases.getRelease(canary.id)).toMatchObject({ status: 'rolled-back' });
  });

  it('pauses an inconclusive step for a person, with the reason and no pause timer; the next gate is analysed again', async () => {
    const { store, timers, service } = await world();
    await configure(store, 'dev', { strategy: 'canary', canarySteps: [5, 25, 100], canaryPauseSeconds: 30 });
    const scripted = scriptedAnalysis([{ verdict: 'inconclusive', reason: 'latency-p95 could not be judged: 4 usable points of the 10 needed.' }, pass()]);
    const releases = service({ analysis: scripted.analysis, actor: 'hana' });
    await ship(releases, 4);
    const started = await releases.deploy({ service: 'shop', environment: 'dev', digest: digest(1) });
    expect(await releases.settled(started.id)).toMatchObject({ phase: 'paused', weight: 5 });
    const paused = events(store, started.id).at(-1);
    expect(paused).toMatchObject({ canaryVerdict: 'inconclusive', data: { autoContinueSeconds: null } });
    expect(paused?.detail).toMatch(/^Canary analysis at 5 %: inconclusive — latency-p95 could not be judged: 4 usable points of the 10 needed\. Paused with 5 % .* It waits for a person\.$/);
    expect(timers.armed()).toEqual([]);

    await releases.canary('shop', 'dev', 'continue');
    expect(await releases.settled(started.id)).toMatchObject({ status: 'succeeded' });
    expect(scripted.asked.map((request) => request.weight)).toEqual([5, 25]);
  });

  it('pauses as before when the environment has no analysis, or when the analysis fails to run', async () => {
    const { store, timers, service } = await world();
    await configure(store, 'dev', { strategy: 'canary', canarySteps: [5, 100], canaryPauseSeconds: 30 });
    const releases = service({ analysis: scriptedAnalysis([null]).analysis });
    await ship(releases, 4);
    const unanalysed = await releases.deploy({ service: 'shop', environment: 'dev', digest: digest(1) });
    expect(await releases.settled(unanalysed.id)).toMatchObject({ phase: 'paused', weight: 5 });
    expect(events(store, unanalysed.id).at(-1)).toMatchObject({ canaryVerdict: null, detail: expect.stringContaining('continues by itself after 30 s') });
    expect(timers.armed()).toEqual([30_000]);
    await releases.canary('shop', 'dev', 'abort');
    await releases.settled(unanalysed.id);

    const broken = service({ analysis: scriptedAnalysis([new Error('Prometheus at http://127.0.0.1:9 does not answer')]).analysis, pid: 2020 });
    const next = await broken.deploy({ service: 'shop', environment: 'dev', digest: digest(2) });
    expect(await broken.settled(next.id)).toMatchObject({ phase: 'paused' });
    expect(events(store, next.id).at(-1)).toMatchObject({
      canaryVerdict: 'inconclusive',
      detail: expect.stringContaining('inconclusive — The analysis could not finish: Prometheus at http://127.0.0.1:9 does not answer.')
    });
  });

  it('leaves a passed step to a person while the environment is held', async () => {
    const { store, service } = await world();
    await configure(store, 'dev', { strategy: 'canary', canarySteps: [5, 100] });
    const releases = service({ analysis: scriptedAnalysis([pass()]).analysis });
    await ship(releases, 4);
    await store.releases.placeHold('shop', 'dev', { deploymentId: null, by: 'oncall', reason: 'incident 7' });
    const started = await releases.deploy({ service: 'shop', environment: 'dev', digest: digest(1) });
    expect(await releases.settled(started.id)).toMatchObject({ phase: 'paused', weight: 5 });
    expect(events(store, started.id).at(-1)).toMatchObject({ canaryVerdict: 'pass', detail: expect.stringContaining('waits for a person') });
  });

  it('stops an analysis under way when it closes: the canary is left paused for the next start', async () => {
    const { store, service } = await world();
    await configure(store, 'dev', { strategy: 'canary', canarySteps: [5, 100] });
    const scripted = scriptedAnalysis(['wait']);
    const releases = service({ analysis: scripted.analysis });
    await ship(releases, 4);
    const started = await releases.deploy({ service: 'shop', environment: 'dev', digest: digest(1) });
    await until(() => scripted.asked.length === 1);
    await releases.close();
    expect(scripted.stopped()).toBe(true);
    expect(store.releases.getRelease(started.id)).toMatchObject({ status: 'in-progress', phase: 'paused', weight: 5 });
    expect(events(store, started.id).at(-1)?.detail).toContain('Shipdeck was shutting down');
    expect(store.releases.lock('shop', 'dev')?.pid).toBeNull();
  });
});

describe('promote', () => {
  it('deploys the exact digest that runs in the previous environment', async () => {
    const { store, service } = await world();
    const releases = service();
    await expect(releases.promote({ service: 'shop', environment: 'dev' })).rejects.toMatchObject({ code: 'RELEASE_REFUSED', hint: expect.stringContaining('Deploy an artifact to dev first') });
    await expect(releases.promote({ service: 'shop', environment: 'staging' })).rejects.toMatchObject({ code: 'NOT_FOUND', message: expect.stringContaining('Nothing runs in shop/dev') });
    await releases.settled((await releases.deploy({ service: 'shop', environment: 'dev', digest: digest(3) })).id);
    const failed = await releases.deploy({ service: 'shop', environment: 'dev', digest: digest(4) });
    await releases.settled(failed.id); // succeeded too: what runs in dev is now digest 4
    const promoted = await releases.promote({ service: 'shop', environment: 'staging', strategy: 'blue-green' });
    expect(promoted).toMatchObject({ digest: digest(4), trigger: 'promotion', strategy: 'blue-green', environment: 'staging' });
    expect(await releases.settled(promoted.id)).toMatchObject({ status: 'succeeded' });
    expect(store.releases.currentRelease('shop', 'staging')?.digest).toBe(digest(4));
    // prod requires approval: the promotion waits for it.
    expect(await releases.promote({ service: 'shop', environment: 'prod' })).toMatchObject({ digest: digest(4), status: 'pending-approval', trigger: 'promotion' });
  });
});

describe('blue-green idle colour', () => {
  it('is removed after its hold, and the removal is re-armed after a restart', async () => {
    const { store, runner, timers, service } = await world();
    await configure(store, 'dev', { strategy: 'blue-green', blueGreenHoldSeconds: 120 });
    const first = service({ pid: 7007 });
    await first.settled((await first.deploy({ service: 'shop', environment: 'dev', digest: digest(1) })).id);
    const second = await first.deploy({ service: 'shop', environment: 'dev', digest: digest(2) });
    await first.settled(second.id);
    expect(events(store, second.id).find((event) => event.phase === 'switched')?.data['switchedAt']).toEqual(expect.any(String));
    await first.close(); // the app quits before the hold has passed
    expect(timers.armed()).toEqual([]);

    const restarted = service({ pid: 8008 });
    await restarted.recover();
    expect(timers.armed()).toHaveLength(1);
    timers.fireAll();
    await until(() => store.releases.getRelease(second.id)?.phase === 'idle-removed');
    expect(runner.idleRemovals).toEqual(['shop/dev']);
    expect(runner.env('shop', 'dev').idle).toBeNull();
    expect(store.releases.getRelease(second.id)).toMatchObject({ status: 'succeeded', phase: 'idle-removed' });
  });
});

describe('recover', () => {
  it('marks a release whose process is gone interrupted with what really runs, and leaves a live one alone', async () => {
    const { store, runner, alive, service } = await world();
    const gone = await store.releases.startRelease({
      service: 'shop',
      environment: 'dev',
      digest: digest(2),
      previousDigest: digest(1),
      strategy: 'canary',
      trigger: 'manual',
      startedBy: 'alice',
      rollbackOfId: null,
      reason: null,
      overrideReason: null,
      settings: DEFAULT_ENVIRONMENT_SETTINGS,
      status: 'in-progress',
      pid: 9999
    });
    const running = await store.releases.startRelease({
      service: 'shop',
      environment: 'staging',
      digest: digest(1),
      previousDigest: null,
      strategy: 'rolling',
      trigger: 'manual',
      startedBy: 'alice',
      rollbackOfId: null,
      reason: null,
      overrideReason: null,
      settings: DEFAULT_ENVIRONMENT_SETTINGS,
      status: 'in-progress',
      pid: 4321
    });
    alive.add(4321);
    Object.assign(runner.env('shop', 'dev'), { serving: digest(1), canary: { digest: digest(2), weight: 25 }, problems: ['nginx sends traffic to shop-dev-canary-1, which is not running'] });

    await service().recover();
    const interrupted = store.releases.getRelease(gone.id);
    expect(interrupted).toMatchObject({ status: 'interrupted', weight: 25 });
    const detail = interrupted?.events.at(-1)?.detail ?? '';
    expect(detail).toContain('process 9999');
    expect(detail).toContain(`traffic goes to ${digest(1).slice(0, 19)} (what ran before`);
    expect(detail).toContain('takes 25 % of traffic');
    expect(detail).toContain('not running');
    expect(interrupted?.events.at(-1)?.data).toMatchObject({ canaryWeight: 25, servingDigest: digest(1), stateRead: true });
    expect(store.releases.lock('shop', 'dev')).toBeNull();
    expect(store.releases.getRelease(running.id)?.status).toBe('in-progress');
  });

  it('says the state could not be read instead of guessing', async () => {
    const { store, runner, service } = await world();
    const started = await store.releases.startRelease({
      service: 'shop',
      environment: 'dev',
      digest: digest(1),
      previousDigest: null,
      strategy: 'rolling',
      trigger: 'manual',
      startedBy: 'alice',
      rollbackOfId: null,
      reason: null,
      overrideReason: null,
      settings: DEFAULT_ENVIRONMENT_SETTINGS,
      status: 'in-progress',
      pid: 31337
    });
    runner.stateError = new Error('Cannot connect to the Docker daemon');
    await service().recover();
    expect(store.releases.getRelease(started.id)?.events.at(-1)).toMatchObject({
      status: 'interrupted',
      weight: null,
      detail: expect.stringContaining('could not be read: Cannot connect to the Docker daemon'),
      data: { stateRead: false }
    });
  });

  it('does not interrupt a paused canary; it re-arms its pause and continues by taking it over', async () => {
    const { store, runner, timers, alive, service } = await world();
    await configure(store, 'dev', { strategy: 'canary', canarySteps: [5, 100], canaryPauseSeconds: 45 });
    const app = service({ pid: 3030 });
    await ship(app, 4); // a stable version serves: the canary goes beside it
    const started = await app.deploy({ service: 'shop', environment: 'dev', digest: digest(1) });
    await app.settled(started.id);
    await app.close();
    alive.delete(3030);
    expect(timers.armed()).toEqual([]);

    const restarted = service({ pid: 4040, actor: 'app' });
    await restarted.recover();
    expect(store.releases.getRelease(started.id)).toMatchObject({ status: 'in-progress', phase: 'paused' });
    expect(timers.armed()).toHaveLength(1);
    timers.fireAll();
    await until(() => store.releases.getRelease(started.id)?.phase !== 'paused');
    expect(await restarted.settled(started.id)).toMatchObject({ status: 'succeeded' });
    expect(runner.runs.map((run) => run.strategy)).toEqual(['rolling', 'canary', 'canary']); // the first release, the canary, the canary taken up again
    expect(events(store, started.id).find((event) => event.phase === 'continued')).toMatchObject({ actor: null });
  });
});
