/**
 * The command line on a kubernetes environment as an on-call engineer uses it: real `shipdeck` processes
 * with KUBECONFIG pointing at the in-process Kubernetes API emulator. (Spawned asynchronously: the
 * emulator answers from this process.)
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TempRepository } from '../adapters/git/testing/temp-repository';
import { openReleaseStore } from '../adapters/store/sqlite-release-store';
import { startKubeEmulator, type KubeEmulator } from '../kube-emulator/emulator';
import { call } from '../kube-emulator/emulator-test-client';
import type { JsonObject } from '../kube-emulator/json';

const entry = path.join(__dirname, 'index.ts');
const REPOSITORY = '127.0.0.1:5000/shop/api';
const digestOf = (index: number): string => `sha256:${String(index + 1).repeat(64)}`;
const DEPLOYMENT = '/apis/apps/v1/namespaces/shop/deployments/api';

let root = '';
let dataDir = '';
let kubeconfig = '';
let emulator: KubeEmulator | null = null;

function shipdeck(...args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', entry, ...args, '--data-dir', dataDir], {
      env: { ...process.env, KUBECONFIG: kubeconfig, SHIPDECK_LIVE_DEMO: 'off' },
      stdio: ['ignore', 'pipe', 'pipe']
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

async function live(): Promise<JsonObject> {
  if (!emulator) throw new Error('no emulator');
  return (await call(emulator, 'GET', DEPLOYMENT)).body;
}
const imageOf = (object: JsonObject): string => (object['spec'] as { template: { spec: { containers: { image: string }[] } } }).template.spec.containers[0]?.image ?? '';
const pausedOf = (object: JsonObject): boolean => (object['spec'] as { paused?: boolean }).paused === true;

beforeAll(async () => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), 'shipdeck-kube-cli-'));
  dataDir = path.join(root, 'data');
  emulator = await startKubeEmulator({ podReadyDelayMs: 50, namespaces: ['shop'] });
  kubeconfig = emulator.writeKubeconfig(path.join(root, 'kubeconfig'), { contextName: 'emu' });
  const created = await call(emulator, 'POST', '/apis/apps/v1/namespaces/shop/deployments', {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'api', labels: { app: 'api' } },
    spec: {
      replicas: 2,
      revisionHistoryLimit: 2,
      selector: { matchLabels: { app: 'api' } },
      template: { metadata: { labels: { app: 'api' } }, spec: { containers: [{ name: 'app', image: `${REPOSITORY}:bootstrap` }] } }
    }
  });
  if (created.status >= 300) throw new Error(JSON.stringify(created.body));
  const repo = TempRepository.init(path.join(root, 'repo'));
  const commits = ['1.0.0', '1.1.0'].map((version) => {
    repo.commitFile('VERSION', `${version}\n`, `Release ${version}`);
    return repo.head();
  });
  const added = await shipdeck('services', 'add', 'api', repo.dir);
  if (added.code !== 0) throw new Error(added.stderr);
  const store = openReleaseStore(dataDir);
  try {
    for (const [index, version] of ['1.0.0', '1.1.0'].entries()) {
      await store.artifacts.recordArtifact({ service: 'api', imageRepository: REPOSITORY, digest: digestOf(index), commitSha: commits[index] ?? '', version, pipelineRunId: null, commitSubject: `Release ${version}` });
    }
  } finally {
    store.close();
  }
}, 30_000);

afterAll(async () => {
  await emulator?.stop();
  if (root) fs.rmSync(root, { recursive: true, force: true });
});

describe('shipdeck on a kubernetes environment', () => {
  it('sets the target, deploys, shows status and history, rolls back to a revision, pauses and resumes', async () => {
    const set = await shipdeck('env', 'set', 'api', 'staging', '--target', 'kubernetes', '--context', 'emu', '--namespace', 'shop', '--deployment', 'api', '--strategy', 'rolling');
    expect(set.stderr).toBe('');
    expect(set.code).toBe(0);

    for (const index of [0, 1]) {
      const deployed = await shipdeck('deploy', 'api', 'staging', '--artifact', digestOf(index));
      expect(deployed.code, deployed.stderr).toBe(0);
      expect(imageOf(await live())).toBe(`${REPOSITORY}@${digestOf(index)}`);
    }

    const status = await shipdeck('status');
    expect(status.code, status.stderr).toBe(0);
    expect(status.stdout).toMatch(/api\s+staging\s+222222222222\s+1\.1\.0\s+\w+\s+running\s+healthy/);

    const history = await shipdeck('rollout', 'history', 'api', 'staging');
    expect(history.code, history.stderr).toBe(0);
    expect(history.stdout).toMatch(/\*\s+3 1\.1\.0 .*#2 .*as release #2/);
    expect(history.stdout).toMatch(/\s+2 1\.0\.0 .*#1 /);

    const rollback = await shipdeck('rollback', 'api', 'staging', '--to-revision', '2', '--yes', '--reason', 'latency');
    expect(rollback.code, rollback.stderr).toBe(0);
    const after = await live();
    expect(imageOf(after)).toBe(`${REPOSITORY}@${digestOf(0)}`);
    expect((after['metadata'] as { annotations: Record<string, string> }).annotations['deployment.kubernetes.io/revision']).toBe('4');

    const paused = await shipdeck('rollout', 'pause', 'api', 'staging');
    expect(paused.code, paused.stderr).toBe(0);
    expect(pausedOf(await live())).toBe(true);
    const refused = await shipdeck('rollback', 'api', 'staging', '--to-revision', '3', '--yes');
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('paused');
    const resumed = await shipdeck('rollout', 'resume', 'api', 'staging');
    expect(resumed.code, resumed.stderr).toBe(0);
    expect(pausedOf(await live())).toBe(false);
  }, 60_000);
});
