// `shipdeck env set … --prometheus` and `shipdeck experiment <service> <env> status` as real processes
// over a real data folder: a canary of prod held at 50 % with a sticky key (recorded through the store),
// and a local server answering as Prometheus' API with the variants' visitor and conversion counters.
import { spawn } from 'node:child_process';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ExperimentStatus } from '../../../shared/domain/analysis';
import { makeTempDir, removeDir, TempRepository } from '../../adapters/git/testing/temp-repository';
import { openReleaseStore } from '../../adapters/store/sqlite-release-store';

const entry = path.join(__dirname, '..', 'index.ts');
let root: string;
let dataDir: string;
let prometheus: http.Server;
let prometheusUrl: string;
const asked: string[] = [];

/** Counters from 0 at the start of the range to these at its end: A converts 10 %, B 13 %. */
const COUNTERS = { baseline: { visitors: 4000, conversions: 400 }, canary: { visitors: 4000, conversions: 520 } };

function shipdeck(args: readonly string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', entry, ...args, '--data-dir', dataDir], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

beforeAll(async () => {
  prometheus = http.createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const form = new URLSearchParams(Buffer.concat(chunks).toString('utf8'));
      const query = form.get('query') ?? '';
      asked.push(query);
      const side = query.includes('role="canary"') ? COUNTERS.canary : COUNTERS.baseline;
      const total = query.startsWith('sum(experiment_conversions_total') ? side.conversions : side.visitors;
      const start = Number(form.get('start'));
      const end = Number(form.get('end'));
      const values = [
        [start, '0'],
        [end, String(total)]
      ];
      response.writeHead(200, { 'Content-Type': 'application/json' });
      response.end(JSON.stringify({ status: 'success', data: { resultType: 'matrix', result: [{ metric: {}, values }] } }));
    });
  });
  await new Promise<void>((resolve) => prometheus.listen(0, '127.0.0.1', resolve));
  prometheusUrl = `http://127.0.0.1:${(prometheus.address() as AddressInfo).port}`;

  root = makeTempDir('shipdeck-cli-experiment-');
  dataDir = path.join(root, 'data');
  const repo = TempRepository.init(path.join(root, 'repo'));
  const commits = ['a', 'b'].map((word) => repo.commitFile(`${word}.txt`, word, `feat: ${word}`));
  expect((await shipdeck(['services', 'add', 'shop', repo.dir])).code).toBe(0);
  const configured = await shipdeck(['env', 'set', 'shop', 'prod', '--strategy', 'canary', '--sticky', 'cookie:uid', '--port', '18443', '--prometheus', prometheusUrl, '--analysis-window', '600']);
  expect(configured.code, configured.stderr).toBe(0);
  expect(configured.stdout).toContain(`canary analysis: ${prometheusUrl} · each step judged over 600s`);

  const store = openReleaseStore(dataDir, { dailyBackup: false });
  try {
    const digests = ['1', '2'].map((n) => `sha256:${n.repeat(64)}`);
    for (const [i, digest] of digests.entries()) {
      await store.artifacts.recordArtifact({ service: 'shop', imageRepository: 'shipdeck-local/shop', digest, commitSha: commits[i] ?? '', version: `1.${i}.0`, pipelineRunId: null });
    }
    const settings = store.workspace.findService('shop')?.environments.find((env) => env.name === 'prod')?.settings;
    if (!settings) throw new Error('prod settings');
    const release = await store.releases.startRelease({
      service: 'shop',
      environment: 'prod',
      digest: digests[1] ?? '',
      previousDigest: digests[0] ?? '',
      strategy: 'canary',
      trigger: 'manual',
      startedBy: 'tester',
      rollbackOfId: null,
      reason: null,
      overrideReason: null,
      settings,
      status: 'in-progress',
      pid: null
    });
    await store.releases.appendReleaseEvent(release.id, { status: 'in-progress', phase: 'traffic', step: 1, weight: 50, detail: '50% of the traffic on the canary' });
    await store.releases.appendReleaseEvent(release.id, { status: 'in-progress', phase: 'paused', step: 1, weight: 50, detail: 'held for the experiment' });
  } finally {
    store.close();
  }
}, 60_000);

afterAll(async () => {
  prometheus.closeAllConnections();
  await new Promise((resolve) => prometheus.close(resolve));
  removeDir(root);
});

describe('shipdeck experiment', () => {
  it('prints both variants, the difference and what is still needed, read from Prometheus', async () => {
    const json = await shipdeck(['experiment', 'shop', 'prod', 'status', '--json']);
    expect(json.code, json.stderr).toBe(0);
    const status = JSON.parse(json.stdout) as ExperimentStatus;
    expect(status).toMatchObject({ service: 'shop', environment: 'prod', design: 'sequential', confidence: 0.95 });
    expect(status.variants).toEqual([
      { variant: 'A', visitors: 4000, conversions: 400, rate: 0.1 },
      { variant: 'B', visitors: 4000, conversions: 520, rate: 0.13 }
    ]);
    expect(status.difference.estimate).toBeCloseTo(0.03, 10);
    expect(status.difference.low).toBeLessThan(status.difference.estimate);
    expect(status.peekingGuard).toContain('cookie:uid');
    // Variant A is the baseline (stable), B the canary; the counters of this service and environment only.
    expect(asked.some((query) => query.includes('service="shop",environment="prod",role="baseline"'))).toBe(true);
    expect(asked.some((query) => query.includes('service="shop",environment="prod",role="canary"'))).toBe(true);

    const text = await shipdeck(['experiment', 'shop', 'prod', 'status']);
    expect(text.code, text.stderr).toBe(0);
    expect(text.stdout).toContain('Experiment in shop/prod: A = stable, B = canary (sequential, 95 % confidence)');
    expect(text.stdout).toMatch(/A\s+4,000 visitors\s+400 conversions\s+10 %/);
    expect(text.stdout).toMatch(/B\s+4,000 visitors\s+520 conversions\s+13 %/);
    expect(text.stdout).toContain(`Verdict: ${status.verdict}`);
  }, 60_000);

  it('says why there is no experiment, and refuses an unknown action', async () => {
    const none = await shipdeck(['experiment', 'shop', 'dev', 'status']);
    expect(none.code).toBe(1);
    expect(none.stderr).toContain('No experiment runs in shop/dev: no release is under way there.');
    expect(none.stderr).toContain('--sticky cookie:NAME --canary-steps 50,100');
    const unknown = await shipdeck(['experiment', 'shop', 'prod', 'start']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('"start" is not an experiment action');
  }, 60_000);
});
