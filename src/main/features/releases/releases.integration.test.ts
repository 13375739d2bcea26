/**
 * Releases for real, through the core's calls: the Docker engine runs the instances, Debian's nginx
 * routes the traffic, the records are in SQLite. What an on-call engineer relies on: what was deployed
 * serves, a failed step leaves the old version serving and says why, a rollback goes back and holds the
 * environment, an approval gates prod, a canary moves by hand, drift is seen, a killed Shipdeck is read
 * back as interrupted with the real state.
 */
import { spawn } from 'node:child_process';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Release } from '../../../shared/domain/releases';
import { AppError } from '../../../shared/result';
import { findNginxBinary } from '../../adapters/router/nginx-router';
import { requireComponent } from '../../testing/components';
import { dockerAnswers } from '../../testing/docker-fixtures';
import { createReleaseFixture, freePort, type ReleaseFixture } from '../../testing/release-fixture';
import { failedSamples, startLoad } from '../../testing/load-generator';

const entry = path.join(__dirname, '..', '..', 'cli', 'index.ts');
let fixture: ReleaseFixture | null = null;
let available = false;

const served = async (port: number): Promise<string> => (await (await fetch(`http://127.0.0.1:${port}/`)).text()).trim();

async function settle(f: ReleaseFixture, id: number, until: (release: Release) => boolean = isSettled, timeoutMs = 60_000): Promise<Release> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const release = await f.call('releases.get', { deploymentId: id });
    if (until(release)) return release;
    if (Date.now() > deadline) throw new Error(`release #${id} did not settle: ${release.status} / ${release.phase}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
const isSettled = (release: Release) =>
  ['succeeded', 'failed', 'rolled-back', 'interrupted'].includes(release.status) || release.status === 'pending-approval' || release.phase === 'paused';

async function refusal(promise: Promise<unknown>): Promise<AppError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error('expected a refusal');
}

describe('releases on Docker behind nginx', () => {
  beforeAll(async () => {
    available = (await requireComponent('docker', dockerAnswers)) && (await requireComponent('nginx', async () => findNginxBinary() !== null));
    if (!available) return;
    fixture = await createReleaseFixture({ versions: ['1.0.0', '2.0.0', '3.0.0'], unhealthyVersions: ['3.0.0'] });
  }, 120_000);
  afterAll(async () => {
    await fixture?.dispose();
  }, 60_000);

  it('deploys, serves what it deployed, fails an unhealthy version with its logs while the old one keeps serving, rolls back and holds', async (ctx) => {
    if (!fixture) return ctx.skip();
    const f = fixture;
    const [v1, v2, broken] = f.artifacts;
    if (!v1 || !v2 || !broken) throw new Error('fixture artifacts');
    const port = await freePort();
    await f.call('environments.configure', { service: f.service, environment: 'dev', publicPort: port, instances: 2, strategy: 'rolling', healthTimeoutSeconds: 5 });

    const first = await f.call('releases.deploy', { service: f.service, environment: 'dev', digest: v1.digest });
    expect((await settle(f, first.id)).status).toBe('succeeded');
    expect(await served(port)).toBe('1.0.0');

    const load = startLoad({ url: `http://127.0.0.1:${port}/`, requestsPerSecond: 100, maxSeconds: 30 });
    const second = await f.call('releases.deploy', { service: f.service, environment: 'dev', digest: v2.digest });
    expect((await settle(f, second.id)).status).toBe('succeeded');
    expect(await served(port)).toBe('2.0.0');

    // An instance that never answers its health path: the step fails with its log lines; 2.0.0 keeps serving.
    const bad = await f.call('releases.deploy', { service: f.service, environment: 'dev', digest: broken.digest });
    const failed = await settle(f, bad.id);
    expect(failed.status).toBe('failed');
    const detail = await f.call('releases.get', { deploymentId: bad.id });
    expect(detail.events.map((event) => event.detail ?? '').join('\n')).toMatch(/healthz/);
    expect(await served(port)).toBe('2.0.0');
    const samples = await load.stop();
    expect(failedSamples(samples)).toEqual([]);
    expect(samples.every((sample) => sample.body === '1.0.0' || sample.body === '2.0.0')).toBe(true);

    // The rollback's pre-flight names what it goes back to and what it takes out.
    const preflight = await f.call('releases.preflight', { service: f.service, environment: 'dev' });
    expect(preflight.to.digest).toBe(v1.digest);
    expect(preflight.checks.find((check) => check.id === 'artifact')?.status).toBe('ok');
    expect(preflight.commits?.map((commit) => commit.subject)).toEqual(['Release 2.0.0']);
    const rollback = await f.call('releases.rollback', { service: f.service, environment: 'dev', reason: 'checkout broken' });
    const undone = await settle(f, rollback.id);
    expect(undone.status).toBe('succeeded');
    expect(undone.trigger).toBe('rollback');
    expect(undone.rollbackOfId).toBe(second.id);
    expect(await served(port)).toBe('1.0.0');
    expect((await f.call('releases.get', { deploymentId: second.id })).status).toBe('rolled-back');

    const board = await f.call('releases.board', {});
    const dev = board.services.find((s) => s.service === f.service)?.environments.find((e) => e.environment === 'dev');
    expect(dev?.current?.digest).toBe(v1.digest);
    expect(dev?.hold?.reason).toBe('checkout broken');
    expect(board.inbox.some((item) => item.kind === 'held' && item.service === f.service)).toBe(true);
    await f.call('releases.releaseHold', { service: f.service, environment: 'dev' });
  }, 180_000);

  it('waits for approval before a blue-green release, switches with no failed request, and rolls back by switching to the idle colour', async (ctx) => {
    if (!fixture) return ctx.skip();
    const f = fixture;
    const [v1, v2] = f.artifacts;
    if (!v1 || !v2) throw new Error('fixture artifacts');
    const port = await freePort();
    await f.call('environments.configure', { service: f.service, environment: 'prod', publicPort: port, instances: 2, strategy: 'blue-green', requiresApproval: true });
    const first = await f.call('releases.deploy', { service: f.service, environment: 'prod', digest: v1.digest });
    expect(first.status).toBe('pending-approval');
    const board = await f.call('releases.board', {});
    expect(board.inbox.find((item) => item.kind === 'pending-approval' && item.deploymentId === first.id)).toBeTruthy();
    await f.call('releases.approve', { deploymentId: first.id, comment: 'looks good' });
    expect((await settle(f, first.id)).status).toBe('succeeded');
    expect(await served(port)).toBe('1.0.0');

    const second = await f.call('releases.deploy', { service: f.service, environment: 'prod', digest: v2.digest });
    await f.call('releases.approve', { deploymentId: second.id });
    const load = startLoad({ url: `http://127.0.0.1:${port}/`, requestsPerSecond: 150, maxSeconds: 40 });
    expect((await settle(f, second.id)).status).toBe('succeeded');
    expect(await served(port)).toBe('2.0.0');
    // Two rollbacks at once (two people at 2 AM): one goes, the other is refused naming it.
    const both = await Promise.allSettled([
      f.call('releases.rollback', { service: f.service, environment: 'prod', toDigest: v1.digest, reason: 'latency' }),
      f.call('releases.rollback', { service: f.service, environment: 'prod', toDigest: v1.digest, reason: 'latency too' })
    ]);
    const went = both.flatMap((result) => (result.status === 'fulfilled' ? [result.value] : []));
    const refusedOnes = both.flatMap((result) => (result.status === 'rejected' ? [result.reason as AppError] : []));
    expect(went).toHaveLength(1);
    const rollback = went[0] as Release;
    // Refused by the lock, or by the pre-flight that saw the lock taken: either way it names the one going on.
    expect(refusedOnes).toHaveLength(1);
    expect(['RELEASE_IN_PROGRESS', 'ROLLBACK_BLOCKED']).toContain(refusedOnes[0]?.code);
    expect(refusedOnes[0]?.message).toContain(`#${rollback.id}`);
    expect((await settle(f, rollback.id)).status).toBe('succeeded');
    expect(await served(port)).toBe('1.0.0');
    const samples = await load.stop();
    expect(failedSamples(samples)).toEqual([]);
    await f.call('releases.releaseHold', { service: f.service, environment: 'prod' });
  }, 180_000);

  it('moves a canary by hand, keeps a sticky user on one side, and aborts back to stable', async (ctx) => {
    if (!fixture) return ctx.skip();
    const f = fixture;
    const [v1, v2] = f.artifacts;
    if (!v1 || !v2) throw new Error('fixture artifacts');
    const port = await freePort();
    await f.call('environments.configure', { service: f.service, environment: 'canary', publicPort: port, instances: 1, strategy: 'canary', canarySteps: [25, 50, 100], canaryPauseSeconds: null, sticky: 'header:X-User' });
    expect((await settle(f, (await f.call('releases.deploy', { service: f.service, environment: 'canary', digest: v1.digest })).id)).status).toBe('succeeded');
    const canary = await f.call('releases.deploy', { service: f.service, environment: 'canary', digest: v2.digest });
    const paused = await settle(f, canary.id);
    expect(paused.phase).toBe('paused');
    expect(paused.weight).toBe(25);
    // A second release while it is paused is refused, naming the holder.
    const refused = await refusal(f.call('releases.deploy', { service: f.service, environment: 'canary', digest: v1.digest }));
    expect(refused.code).toBe('RELEASE_IN_PROGRESS');
    expect(refused.message).toContain(`#${canary.id}`);
    // Sticky: each user sees one version for the whole step.
    for (const user of ['u1', 'u2', 'u3', 'u4', 'u5', 'u6']) {
      const answers = new Set<string>();
      for (let i = 0; i < 8; i++) answers.add((await (await fetch(`http://127.0.0.1:${port}/`, { headers: { 'X-User': user } })).text()).trim());
      expect(answers.size).toBe(1);
    }
    await f.call('releases.canary', { service: f.service, environment: 'canary', action: 'continue' });
    const at50 = await settle(f, canary.id, (r) => r.phase === 'paused' && r.weight === 50);
    expect(at50.weight).toBe(50);
    await f.call('releases.canary', { service: f.service, environment: 'canary', action: 'abort' });
    const aborted = await settle(f, canary.id);
    expect(aborted.status).toBe('rolled-back');
    for (let i = 0; i < 20; i++) expect(await served(port)).toBe('1.0.0');
  }, 180_000);

  it('shows drift when an instance is removed by hand, and reads back a release whose Shipdeck was killed as interrupted', async (ctx) => {
    if (!fixture) return ctx.skip();
    const f = fixture;
    const [v1, v2] = f.artifacts;
    if (!v1 || !v2) throw new Error('fixture artifacts');
    const port = await freePort();
    await f.call('environments.configure', { service: f.service, environment: 'qa', publicPort: port, instances: 2, strategy: 'rolling' });
    expect((await settle(f, (await f.call('releases.deploy', { service: f.service, environment: 'qa', digest: v1.digest })).id)).status).toBe('succeeded');

    const { execFileSync } = await import('node:child_process');
    const ids = execFileSync('docker', ['ps', '-q', '--filter', `label=shipdeck.service=${f.service}`, '--filter', 'label=shipdeck.environment=qa'], { encoding: 'utf8' }).split('\n').filter(Boolean);
    expect(ids.length).toBe(2);
    execFileSync('docker', ['rm', '-f', ids[0] ?? ''], { stdio: 'ignore' });
    const board = await f.call('releases.board', {});
    const qa = board.services.find((s) => s.service === f.service)?.environments.find((e) => e.environment === 'qa');
    expect(qa?.drift.kind).toBe('drift');

    // Another Shipdeck (the CLI) deploys and is killed -9 in the middle.
    await f.closeCore();
    const child = spawn(process.execPath, ['--import', 'tsx', entry, 'deploy', f.service, 'qa', '--artifact', v2.digest, '--data-dir', f.dataDir], { stdio: ['ignore', 'pipe', 'pipe'] });
    let seen = '';
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`the CLI deploy did not start an instance: ${seen}`)), 60_000);
      child.stderr.on('data', (chunk: Buffer) => {
        seen += chunk.toString();
        if (/instance-started|instance-healthy/.test(seen)) {
          clearTimeout(timer);
          resolve();
        }
      });
    });
    child.kill('SIGKILL');
    await new Promise((resolve) => child.once('exit', resolve));
    await f.reopen();
    const latest = (await f.call('releases.list', { service: f.service, environment: 'qa', limit: 1 }))[0];
    const interrupted = await settle(f, latest?.id ?? 0, (r) => r.status === 'interrupted', 20_000);
    const events = (await f.call('releases.get', { deploymentId: interrupted.id })).events;
    expect(events.at(-1)?.detail ?? '').toMatch(/serv|runs|instance/i);
    const after = await f.call('releases.board', {});
    expect(after.inbox.some((item) => item.kind === 'interrupted' && item.deploymentId === interrupted.id)).toBe(true);
  }, 180_000);
});
