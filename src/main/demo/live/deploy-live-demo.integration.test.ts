// The live demo on the real Docker engine behind Debian's real nginx, through the core: opening the demo
// in a temporary data folder builds the demo's two images and releases them in the background, and the
// environments answer over HTTP on 127.0.0.1 — dev the newer version, prod the older. A second open does
// nothing. The demo's ports (48080–48082) are used when free, others otherwise.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ProgressEvent } from '../../../shared/contract';
import { findNginxBinary } from '../../adapters/router/nginx-router';
import { openReleaseStore } from '../../adapters/store/sqlite-release-store';
import { createCore, type Core } from '../../core';
import { DEMO_SERVICE_NAME } from '../../features/workspace/open-demo';
import { requireComponent } from '../../testing/components';
import { dockerAnswers, ensureBaseImage } from '../../testing/docker-fixtures';
import { LIVE_DEMO_ACTOR } from './deploy-live-demo';
import { LIVE_DEMO_TASK } from './live-demo-starter';

const docker = await requireComponent('docker', dockerAnswers);
const nginx = docker && (await requireComponent('nginx', async () => findNginxBinary() !== null));

const DEMO_PORTS = { dev: 48080, staging: 48081, prod: 48082 } as const;

function portIsFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.once('error', () => resolve(false));
    server.listen({ host: '127.0.0.1', port, exclusive: true }, () => server.close(() => resolve(true)));
  });
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

/** The demo's own ports when all three are free, otherwise three free ones. */
async function pickPorts(): Promise<Record<'dev' | 'staging' | 'prod', number>> {
  const free = await Promise.all(Object.values(DEMO_PORTS).map(portIsFree));
  if (free.every(Boolean)) return { ...DEMO_PORTS };
  return { dev: await freePort(), staging: await freePort(), prod: await freePort() };
}

async function get(url: string): Promise<{ status: number; body: string }> {
  const response = await fetch(url, { signal: AbortSignal.timeout(5_000) });
  return { status: response.status, body: await response.text() };
}

let root = '';
let dataDir = '';
let ports: Record<'dev' | 'staging' | 'prod', number>;

/** The images the live demo built and recorded in a data folder (the recorded history's have a pipeline run). */
function liveDigests(folder: string): string[] {
  const store = openReleaseStore(folder);
  try {
    return store.artifacts
      .listArtifacts(DEMO_SERVICE_NAME, { limit: 5 })
      .items.filter((artifact) => artifact.pipelineRunId === null)
      .map((artifact) => artifact.digest);
  } finally {
    store.close();
  }
}

/** Removes what a test made on the shared engine: its containers (by their digest label), the networks when empty, its nginx masters. */
function cleanUp(folder: string): void {
  for (const digest of liveDigests(folder)) {
    const ids = execFileSync('docker', ['ps', '-aq', '--filter', `label=shipdeck.service=${DEMO_SERVICE_NAME}`, '--filter', `label=shipdeck.digest=${digest}`], { encoding: 'utf8' })
      .split('\n')
      .filter(Boolean);
    if (ids.length > 0) execFileSync('docker', ['rm', '-f', ...ids], { stdio: 'ignore' });
  }
  for (const environment of Object.keys(DEMO_PORTS)) {
    try {
      execFileSync('docker', ['network', 'rm', `shipdeck-${DEMO_SERVICE_NAME}-${environment}`], { stdio: 'ignore' });
    } catch {
      // In use by another run of the demo, or gone.
    }
  }
  const routers = path.join(folder, 'router');
  const pidFiles = fs.existsSync(routers) ? fs.readdirSync(routers, { recursive: true, encoding: 'utf8' }).filter((file) => file.endsWith('.pid')) : [];
  for (const file of pidFiles) {
    const pid = Number(fs.readFileSync(path.join(routers, file), 'utf8').trim());
    try {
      if (Number.isSafeInteger(pid) && pid > 1) process.kill(pid, 'SIGQUIT');
    } catch {
      // Already gone.
    }
  }
}

/** Progress of the live demo until a run ends (its last event has completed === total). */
function followLiveDemo(core: Core): { readonly events: ProgressEvent[]; ended(after: number): Promise<ProgressEvent> } {
  const events: ProgressEvent[] = [];
  const waiters = new Set<() => void>();
  const stop = new AbortController();
  stops.push(stop);
  void core.handlers.streams['tasks.progress'](
    { task: LIVE_DEMO_TASK },
    {
      push: (event) => {
        events.push(event);
        for (const wake of waiters) wake();
      }
    },
    { signal: stop.signal }
  );
  return {
    events,
    ended: (after) =>
      new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`the live demo did not end: ${JSON.stringify(events.slice(after))}`)), 200_000);
        const check = () => {
          const last = events.slice(after).find((event) => event.completed === event.total);
          if (!last) return;
          clearTimeout(timer);
          waiters.delete(check);
          resolve(last);
        };
        waiters.add(check);
        check();
      })
  };
}

const stops: AbortController[] = [];

/** Waits (bounded) for a release to end; resolves with its status. */
async function settled(core: Core, deploymentId: number): Promise<string> {
  for (let waited = 0; waited < 90_000; waited += 200) {
    const release = await core.handlers.calls['releases.get']({ deploymentId }, { signal: new AbortController().signal });
    if (release.status === 'succeeded') return release.status;
    if (release.status !== 'in-progress' && release.status !== 'pending-approval') return `${release.status}: ${release.events.at(-1)?.detail ?? ''}`;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`release #${deploymentId} did not end`);
}
const open = (core: Core) => core.handlers.calls['demo.open']({}, { signal: new AbortController().signal });

describe.runIf(nginx)('the live demo where a port is taken', () => {
  it('reports PORT_IN_USE in its progress and leaves it there', async () => {
    await ensureBaseImage();
    const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'shipdeck-live-demo-port-'));
    const squatter = net.createServer();
    await new Promise<void>((resolve) => squatter.listen(0, '127.0.0.1', resolve));
    const taken = (squatter.address() as net.AddressInfo).port;
    const core = createCore({ dataDir: folder, mode: 'browser', version: 'test', liveDemo: { ports: { dev: taken, staging: await freePort(), prod: await freePort() } } });
    try {
      const progress = followLiveDemo(core);
      await open(core);
      const last = await progress.ended(0);

      expect(last.step).toContain(`The live demo stopped: releasing 1.8.0 to dev ended failed`);
      expect(last.step).toContain(`Port ${taken} on 127.0.0.1 is already taken by another program`);
      const store = openReleaseStore(folder);
      try {
        expect(store.releases.listReleases(DEMO_SERVICE_NAME, 'dev', { limit: 1 }).items[0]?.status).toBe('failed');
        // It stopped there: nothing went on to staging or prod.
        expect(store.releases.listReleases(DEMO_SERVICE_NAME, null, { limit: 500 }).items.filter((release) => release.startedBy === LIVE_DEMO_ACTOR)).toHaveLength(1);
      } finally {
        store.close();
      }
    } finally {
      for (const stop of stops.splice(0)) stop.abort();
      await core.close();
      squatter.close();
      cleanUp(folder);
      fs.rmSync(folder, { recursive: true, force: true });
    }
  }, 240_000);
});

describe.runIf(nginx)('the live demo on Docker and nginx', () => {
  let core: Core | null = null;

  beforeAll(async () => {
    await ensureBaseImage();
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'shipdeck-live-demo-'));
    dataDir = path.join(root, 'data');
    ports = await pickPorts();
    core = createCore({ dataDir, mode: 'browser', version: 'test', liveDemo: { ports } });
  });

  afterAll(async () => {
    for (const stop of stops) stop.abort();
    await core?.close();
    if (dataDir !== '') cleanUp(dataDir);
    fs.rmSync(root, { recursive: true, force: true });
  });

  it('opening the demo deploys dev → staging → prod on local ports: dev answers the newer version, prod the older', async () => {
    if (!core) throw new Error('no core');
    const progress = followLiveDemo(core);

    const service = await open(core);
    // demo.open answered before the live demo did anything.
    expect(service.name).toBe(DEMO_SERVICE_NAME);
    const last = await progress.ended(0);

    const store = openReleaseStore(dataDir);
    try {
      expect(last.step).toBe(
        `The live demo runs: dev runs 1.9.0-live on http://127.0.0.1:${ports.dev}/; staging runs 1.8.0 on http://127.0.0.1:${ports.staging}/; ` +
          `prod runs 1.8.0 on http://127.0.0.1:${ports.prod}/. Promote the newer one from the Environments board, then roll it back.`
      );
      expect(progress.events.map((event) => event.step)).toEqual(
        expect.arrayContaining(['Deploying 1.8.0 to dev (rolling)', 'Promoting 1.8.0 to staging (blue-green)', 'Promoting 1.8.0 to prod (canary, approved by demo:setup)', 'Deploying 1.9.0-live to dev (rolling)'])
      );

      const dev = await get(`http://127.0.0.1:${ports.dev}/v1/version.json`);
      const staging = await get(`http://127.0.0.1:${ports.staging}/v1/version.json`);
      const prod = await get(`http://127.0.0.1:${ports.prod}/`);
      expect(dev).toEqual({ status: 200, body: '{"service":"shop-api","version":"1.9.0-live"}\n' });
      expect(JSON.parse(staging.body)).toEqual({ service: 'shop-api', version: '1.8.0' });
      expect(prod.status).toBe(200);
      expect(prod.body).toContain('<h1>shop-api 1.8.0</h1>');
      expect((await get(`http://127.0.0.1:${ports.prod}/healthz`)).status).toBe(200);

      // The records say the same: prod was approved by the demo actor; dev is one Promote → ahead.
      const prodRelease = store.releases.currentRelease(DEMO_SERVICE_NAME, 'prod');
      expect(store.releases.getRelease(prodRelease?.id ?? 0)?.approvals.map((approval) => approval.decidedBy)).toEqual([LIVE_DEMO_ACTOR]);
      expect(store.releases.currentRelease(DEMO_SERVICE_NAME, 'dev')?.version).toBe('1.9.0-live');
      expect(store.releases.currentRelease(DEMO_SERVICE_NAME, 'staging')?.version).toBe('1.8.0');
    } finally {
      store.close();
    }
  }, 240_000);

  it('does nothing on a second open', async () => {
    if (!core) throw new Error('no core');
    const store = openReleaseStore(dataDir);
    try {
      const releases = store.releases.listReleases(DEMO_SERVICE_NAME, null, { limit: 500 }).items.length;
      const progress = followLiveDemo(core);

      await open(core);
      const last = await progress.ended(0);

      expect(last.step).toMatch(/^The live demo runs: dev runs 1\.9\.0-live/);
      expect(progress.events.filter((event) => /^(Building|Deploying|Promoting)/.test(event.step))).toEqual([]);
      expect(store.releases.listReleases(DEMO_SERVICE_NAME, null, { limit: 500 }).items.length).toBe(releases);
      expect((await get(`http://127.0.0.1:${ports.dev}/v1/version.json`)).body).toContain('1.9.0-live');
    } finally {
      store.close();
    }
  }, 60_000);

  it('lets a newcomer promote the newer version to staging and roll it back, for real', async () => {
    if (!core) throw new Error('no core');
    const calls = core.handlers.calls;
    const context = { signal: new AbortController().signal };
    const board = await calls['releases.board']({}, context);
    const staging = board.services.find((entry) => entry.service === DEMO_SERVICE_NAME)?.environments.find((entry) => entry.environment === 'staging');
    expect(staging?.promotable).toMatchObject({ version: '1.9.0-live', fromEnvironment: 'dev' });
    expect(staging?.health).toBe('healthy');

    const promoted = await calls['releases.promote']({ service: DEMO_SERVICE_NAME, environment: 'staging' }, context);
    expect(await settled(core, promoted.id)).toBe('succeeded');
    expect((await get(`http://127.0.0.1:${ports.staging}/v1/version.json`)).body).toContain('"version":"1.9.0-live"');

    const rollback = await calls['releases.rollback']({ service: DEMO_SERVICE_NAME, environment: 'staging', reason: 'trying the rollback console' }, context);
    expect(await settled(core, rollback.id)).toBe('succeeded');
    expect((await get(`http://127.0.0.1:${ports.staging}/v1/version.json`)).body).toContain('"version":"1.8.0"');
  }, 120_000);
});
