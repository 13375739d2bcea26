// The live demo on the real Docker engine behind Debian's real nginx: opening the demo in a temporary
// data folder builds the demo's two images and releases them, and the environments answer over HTTP on
// 127.0.0.1 — dev the newer version, prod the older. A second open does nothing.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDockerContainersPort } from '../../adapters/docker/docker-adapter';
import { createDockerEnvironmentRuntime } from '../../adapters/docker/environment-runtime';
import { createWorktreeAdapter } from '../../adapters/git/worktree';
import { createNginxRouter, findNginxBinary } from '../../adapters/router/nginx-router';
import { openReleaseStore } from '../../adapters/store/sqlite-release-store';
import { createCore } from '../../core';
import { createEventBus } from '../../event-bus';
import { createDockerStrategyRunner } from '../../features/releases/strategies/docker-strategy-runner';
import { DEMO_SERVICE_NAME } from '../../features/workspace/open-demo';
import type { ReleaseStore } from '../../ports/store';
import { requireComponent } from '../../testing/components';
import { dockerAnswers, ensureBaseImage } from '../../testing/docker-fixtures';
import { LIVE_DEMO_ACTOR } from './deploy-live-demo';
import { createLiveDemo } from './create-live-demo';

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
const builtDigests = new Set<string>();

/** Removes what this test made on the shared engine: its containers (by their digest label), its networks when empty, its nginx masters. */
function cleanUp(): void {
  for (const digest of builtDigests) {
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
  const routers = path.join(dataDir, 'router');
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

function openLiveDemo(store: ReleaseStore) {
  const runtime = createDockerEnvironmentRuntime();
  const router = createNginxRouter({ dataDir });
  return createLiveDemo({
    store,
    events: createEventBus(),
    containers: createDockerContainersPort(),
    worktrees: createWorktreeAdapter(dataDir),
    runner: createDockerStrategyRunner({ runtime, router }),
    imageReference: (_service, artifact) => artifact.digest,
    ports
  });
}

describe.runIf(nginx)('the live demo on Docker and nginx', () => {
  beforeAll(async () => {
    await ensureBaseImage();
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'shipdeck-live-demo-'));
    dataDir = path.join(root, 'data');
    ports = await pickPorts();
    const core = createCore({ dataDir, mode: 'browser', version: 'test' });
    try {
      await core.handlers.calls['demo.open']({}, { signal: new AbortController().signal });
    } finally {
      await core.close();
    }
  }, 120_000);

  afterAll(() => {
    if (dataDir !== '') cleanUp();
    fs.rmSync(root, { recursive: true, force: true });
  });

  it('deploys dev → staging → prod on local ports: dev answers the newer version, prod the older', async () => {
    const store = openReleaseStore(dataDir);
    const live = openLiveDemo(store);
    try {
      const service = store.workspace.findService(DEMO_SERVICE_NAME);
      if (!service) throw new Error('the demo was not opened');
      live.start(service);
      const outcome = await live.last();
      for (const artifact of store.artifacts.listArtifacts(DEMO_SERVICE_NAME, { limit: 5 }).items) {
        if (artifact.pipelineRunId === null) builtDigests.add(artifact.digest);
      }
      expect(outcome, outcome?.detail).toMatchObject({ kind: 'deployed' });

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
      await live.close();
      store.close();
    }
  }, 240_000);

  it('does nothing on a second open', async () => {
    const store = openReleaseStore(dataDir);
    const live = openLiveDemo(store);
    try {
      const service = store.workspace.findService(DEMO_SERVICE_NAME);
      if (!service) throw new Error('the demo was not opened');
      const releases = store.releases.listReleases(DEMO_SERVICE_NAME, null, { limit: 500 }).items.length;
      live.start(service);
      expect(await live.last()).toMatchObject({ kind: 'already-live' });
      expect(store.releases.listReleases(DEMO_SERVICE_NAME, null, { limit: 500 }).items.length).toBe(releases);
      expect((await get(`http://127.0.0.1:${ports.dev}/v1/version.json`)).body).toContain('1.9.0-live');
    } finally {
      await live.close();
      store.close();
    }
  }, 60_000);
});
