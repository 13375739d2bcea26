// The apply sequence against a scripted engine: what happens when nginx refuses a reload, and how a reload is judged.
import { appendFile, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { RouteConfig } from '../../ports/traffic-router';
import type { NginxEngine, RouterSite, WorkerProcess } from './nginx-engine';
import { NginxRouter } from './nginx-router';
import { freePort } from './router-test-http';

/** An engine whose master is always running; each reload replaces the workers unless told otherwise. */
function scriptedEngine(behaviour: { reload: 'replace' | 'refuse'; titles: boolean }) {
  let generation = 0;
  let workers: WorkerProcess[] = [{ id: 'w0', shuttingDown: false }];
  const calls: string[] = [];
  const engine: NginxEngine = {
    kind: 'host',
    workerUser: null,
    titlesShowShutdown: behaviour.titles,
    test: async () => {
      calls.push('test');
      return { ok: true, output: '' };
    },
    running: async () => 'master',
    start: async () => void calls.push('start'),
    needsRestart: async () => false,
    workers: async () => workers,
    reload: async (site: RouterSite) => {
      calls.push('reload');
      if (behaviour.reload === 'refuse') {
        await mkdir(path.dirname(site.errorLog), { recursive: true });
        await appendFile(site.errorLog, '2026/01/01 00:00:00 [emerg] 10#10: bind() to 127.0.0.1:9 failed (13: Permission denied)\n');
        return;
      }
      generation += 1;
      // Without titles (macOS) old workers look unchanged while they finish their requests.
      workers = [...workers.map((worker) => ({ ...worker, shuttingDown: behaviour.titles })), { id: `w${generation}`, shuttingDown: false }];
    },
    stop: async () => void calls.push('stop')
  };
  return { engine, calls };
}

describe('NginxRouter.apply', () => {
  let dataDir = '';
  let config: RouteConfig;

  beforeEach(async () => {
    dataDir = await mkdtemp(path.join(os.tmpdir(), 'shipdeck-router-unit-'));
    const port = await freePort();
    config = {
      service: 'shop',
      environment: 'prod',
      publicPort: port,
      pools: [{ name: 'stable', servers: [{ instanceName: 's0', hostPort: 20001, networkAddress: 's0:8080' }] }],
      weights: { stable: 100 },
      sticky: null,
      mirror: null,
      deploymentId: 1
    };
  });

  afterEach(async () => {
    await rm(dataDir, { recursive: true, force: true });
  });

  async function seedRunning(router: NginxRouter, text: string): Promise<string> {
    const status = await router.status('shop', 'prod');
    await mkdir(path.dirname(status.configFile), { recursive: true });
    await writeFile(status.configFile, text);
    return status.configFile;
  }

  it('puts the previous file back when nginx refuses the reload, so current() tells what is loaded', async () => {
    const { engine, calls } = scriptedEngine({ reload: 'refuse', titles: true });
    const router = new NginxRouter({ dataDir }, engine);
    const configFile = await seedRunning(router, 'the loaded config\n');

    await expect(router.apply(config)).rejects.toMatchObject({ code: 'ROUTER_FAILED', message: expect.stringContaining('bind() to 127.0.0.1:9 failed') });
    expect(calls).toEqual(['test', 'reload']);
    expect(await readFile(configFile, 'utf8')).toBe('the loaded config\n');
  });

  it('resolves once new workers run where worker titles cannot say which old ones shut down', async () => {
    const { engine, calls } = scriptedEngine({ reload: 'replace', titles: false });
    const router = new NginxRouter({ dataDir, reloadTimeoutMs: 5_000 }, engine);
    const configFile = await seedRunning(router, 'the loaded config\n');

    await router.apply(config);
    expect(calls).toEqual(['test', 'reload']);
    expect(await readFile(configFile, 'utf8')).toContain('"deploymentId":1');
  });

  it('does not reload when the running router already has the route', async () => {
    const { engine, calls } = scriptedEngine({ reload: 'replace', titles: true });
    const router = new NginxRouter({ dataDir }, engine);
    await router.apply(config);
    await router.apply(config);
    expect(calls).toEqual(['test', 'reload']);
  });

  it('stops before loading anything when cancelled', async () => {
    const { engine, calls } = scriptedEngine({ reload: 'replace', titles: true });
    const router = new NginxRouter({ dataDir }, engine);
    await expect(router.apply(config, AbortSignal.abort())).rejects.toMatchObject({ code: 'CANCELLED' });
    expect(calls).toEqual([]);
  });

  it('says how to get nginx when none is installed', async () => {
    const router = new NginxRouter({ dataDir, runtime: 'host', nginxBinary: path.join(dataDir, 'no-nginx') });
    await expect(router.apply(config)).rejects.toMatchObject({ code: 'ROUTER_FAILED', hint: expect.stringMatching(/apt-get install nginx.*Docker/) });
    expect(await router.status('shop', 'prod')).toMatchObject({ running: false });
  });
});
