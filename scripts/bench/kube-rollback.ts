// Rollback on Kubernetes: from the command to the Deployment's template changed on the API server, for
// Shipdeck's in-app action (`releases.rollback` on a long-lived core in this process, as the UI's button
// calls it) and for `kubectl rollout undo` (a child process), alternated, against the Kubernetes API
// emulator on loopback. The moment the template changed is seen by a raw HTTP watch of our own on the
// Deployment. Run alone: `node --import tsx scripts/bench/index.ts kube-rollback`.
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { openReleaseStore } from '../../src/main/adapters/store/sqlite-release-store';
import { TempRepository } from '../../src/main/adapters/git/testing/temp-repository';
import { createCore } from '../../src/main/core';
import { startKubeEmulator } from '../../src/main/kube-emulator/emulator';

const RUNS = 10;
const NAMESPACE = 'bench';
const DEPLOYMENT = 'api';
const SERVICE = 'bench-api';
const ENVIRONMENT = 'cluster';
const DIGESTS = ['a', 'b'].map((letter) => `sha256:${letter.repeat(64)}`) as [string, string];

/**
 * A registry that has every manifest asked for (the pre-flight checks that the target artifact still
 * exists): answers the Registry API's manifest HEAD/GET with the digest asked for.
 */
async function startRegistry(): Promise<{ host: string; close(): Promise<void> }> {
  const server = http.createServer((request, response) => {
    const digest = /\/manifests\/(sha256:[0-9a-f]{64})$/.exec(request.url ?? '')?.[1];
    if (request.url === '/v2/' || request.url === '/v2') {
      response.writeHead(200, { 'Content-Type': 'application/json', 'Docker-Distribution-API-Version': 'registry/2.0' }).end('{}');
      return;
    }
    if (!digest) {
      response.writeHead(404).end();
      return;
    }
    const body = JSON.stringify({ schemaVersion: 2, mediaType: 'application/vnd.docker.distribution.manifest.v2+json', config: { mediaType: 'application/vnd.docker.container.image.v1+json', size: 2, digest }, layers: [] });
    response.writeHead(200, { 'Content-Type': 'application/vnd.docker.distribution.manifest.v2+json', 'Docker-Content-Digest': digest, 'Content-Length': Buffer.byteLength(body) });
    response.end(request.method === 'HEAD' ? undefined : body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address !== null ? address.port : 0;
  return { host: `127.0.0.1:${port}`, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

export interface KubeRollbackFigures {
  readonly runs: number;
  readonly kubectl: string;
  readonly shipdeck: { readonly medianMs: number; readonly p90Ms: number; readonly answerMedianMs: number };
  readonly kubectlUndo: { readonly medianMs: number; readonly p90Ms: number };
  /** The rollback called without the pre-flight read first (it reads git, the registry and the cluster at the call). */
  readonly coldMedianMs: number;
  /** kubectl's median ÷ Shipdeck's. */
  readonly ratio: number;
}

const quantile = (values: readonly number[], q: number): number => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)] ?? NaN;
};

/** The kubectl to run: the installed one, unless it is gcloud's dispatcher that fails here. */
function kubectlBinary(): string {
  const versioned = '/usr/lib/google-cloud-sdk/bin/kubectl.1.33';
  const installed = spawnSync('kubectl', ['version', '--client'], { encoding: 'utf8' });
  if (installed.status === 0) return 'kubectl';
  if (fs.existsSync(versioned)) return versioned;
  throw new Error('kubectl is not installed');
}

/** One watch on the Deployment, for the whole benchmark: who waits for which image learns when it arrived. */
function watchTemplate(server: string): { next(image: string): Promise<number>; close(): void } {
  const waiting = new Map<string, (at: number) => void>();
  let buffer = '';
  const request = http.get(`${server}/apis/apps/v1/namespaces/${NAMESPACE}/deployments?watch=1&fieldSelector=metadata.name%3D${DEPLOYMENT}`, (response) => {
    response.on('data', (chunk: Buffer) => {
      const at = performance.now();
      buffer += chunk.toString('utf8');
      let newline = buffer.indexOf('\n');
      while (newline >= 0) {
        const line = buffer.slice(0, newline);
        buffer = buffer.slice(newline + 1);
        newline = buffer.indexOf('\n');
        if (line.trim() === '') continue;
        const event = JSON.parse(line) as { object?: { spec?: { template?: { spec?: { containers?: { image?: string }[] } } } } };
        const image = event.object?.spec?.template?.spec?.containers?.[0]?.image ?? '';
        waiting.get(image)?.(at);
        waiting.delete(image);
      }
    });
  });
  request.on('error', () => undefined);
  return {
    next: (image) => new Promise((resolve) => waiting.set(image, resolve)),
    close: () => request.destroy()
  };
}

type Call = (input: unknown, context: { signal: AbortSignal }) => Promise<unknown>;

export async function kubeRollbackBench(runs = RUNS): Promise<KubeRollbackFigures> {
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'kube-rollback-bench-'));
  const registry = await startRegistry();
  const REPOSITORY = `${registry.host}/bench/api`;
  const imageOf = (digest: string) => `${REPOSITORY}@${digest}`;
  const emulator = await startKubeEmulator({ podReadyDelayMs: 50, namespaces: [NAMESPACE] });
  const kubeconfig = emulator.writeKubeconfig(path.join(folder, 'kubeconfig'), { contextName: 'bench', namespace: NAMESPACE });
  const previousKubeconfig = process.env['KUBECONFIG'];
  process.env['KUBECONFIG'] = kubeconfig;
  const repository = TempRepository.init(path.join(folder, 'repo'));
  const commitSha = repository.commitFile('README.md', 'bench\n', 'first');
  const dataDir = path.join(folder, 'data');
  const core = createCore({ dataDir, mode: 'browser', version: 'bench', liveDemo: false, demoEmulator: false });
  const calls = core.handlers.calls as unknown as Record<string, Call>;
  const context = { signal: new AbortController().signal };
  const watch = watchTemplate(emulator.url);
  const kubectl = kubectlBinary();
  try {
    await calls['services.add']?.({ name: SERVICE, repoPath: repository.dir, imageRepository: REPOSITORY }, context);
    await calls['environments.set']?.({ service: SERVICE, environments: [{ name: ENVIRONMENT, targetKind: 'kubernetes', requiresApproval: false }] }, context);
    await calls['environments.configure']?.({ service: SERVICE, environment: ENVIRONMENT, targetKind: 'kubernetes', instances: 2, kubernetes: { context: 'bench', namespace: NAMESPACE, deployment: DEPLOYMENT } }, context);
    const store = openReleaseStore(dataDir);
    for (const [index, digest] of DIGESTS.entries()) store.artifacts.recordArtifact({ service: SERVICE, imageRepository: REPOSITORY, digest, commitSha, version: `1.${index}.0`, pipelineRunId: null });
    store.close();
    const labels = { app: DEPLOYMENT };
    const created = await fetch(`${emulator.url}/apis/apps/v1/namespaces/${NAMESPACE}/deployments`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: DEPLOYMENT }, spec: { replicas: 2, selector: { matchLabels: labels }, template: { metadata: { labels }, spec: { containers: [{ name: 'api', image: 'bench/api:before' }] } } } })
    });
    if (!created.ok) throw new Error(`creating the Deployment: ${created.status}`);

    const settle = async (release: unknown): Promise<void> => {
      const id = (release as { id: number }).id;
      for (;;) {
        const detail = (await calls['releases.get']?.({ deploymentId: id }, context)) as { status: string };
        if (detail.status !== 'in-progress' && detail.status !== 'pending-approval') {
          if (detail.status !== 'succeeded') throw new Error(`release #${id} ended ${detail.status}`);
          return;
        }
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    };
    /** The newer artifact released by Shipdeck (after the older one, the first time): the rollback's starting point. */
    const releaseNewer = async (): Promise<void> => {
      await calls['releases.releaseHold']?.({ service: SERVICE, environment: ENVIRONMENT }, context).catch(() => undefined);
      await settle(await calls['releases.deploy']?.({ service: SERVICE, environment: ENVIRONMENT, digest: DIGESTS[1] }, context));
    };
    await settle(await calls['releases.deploy']?.({ service: SERVICE, environment: ENVIRONMENT, digest: DIGESTS[0] }, context));

    const shipdeck: number[] = [];
    const cold: number[] = [];
    const answers: number[] = [];
    const undo: number[] = [];
    const env = { ...process.env, KUBECONFIG: kubeconfig };
    for (let run = 0; run < runs; run++) {
      await releaseNewer();
      // Cold: the rollback without a pre-flight read before it (it computes one itself at the call).
      let changed = watch.next(imageOf(DIGESTS[0]));
      let started = performance.now();
      await settle(await calls['releases.rollback']?.({ service: SERVICE, environment: ENVIRONMENT, toDigest: DIGESTS[0], reason: 'bench' }, context));
      cold.push((await changed) - started);

      // As a person does it: the dialog shows the pre-flight, then the Rollback button (timed from the click).
      await releaseNewer();
      await calls['releases.preflight']?.({ service: SERVICE, environment: ENVIRONMENT, toDigest: DIGESTS[0] }, context);
      changed = watch.next(imageOf(DIGESTS[0]));
      started = performance.now();
      const release = await calls['releases.rollback']?.({ service: SERVICE, environment: ENVIRONMENT, toDigest: DIGESTS[0], reason: 'bench' }, context);
      answers.push(performance.now() - started);
      shipdeck.push((await changed) - started);
      await settle(release);

      await releaseNewer();
      changed = watch.next(imageOf(DIGESTS[0]));
      started = performance.now();
      const child = spawn(kubectl, ['rollout', 'undo', `deployment/${DEPLOYMENT}`, '-n', NAMESPACE], { env, stdio: 'ignore' });
      const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
      undo.push((await changed) - started);
      if ((await exited) !== 0) throw new Error('kubectl rollout undo failed');
    }
    const version = spawnSync(kubectl, ['version', '--client', '-o', 'json'], { encoding: 'utf8', env }).stdout;
    const gitVersion = (JSON.parse(version || '{}') as { clientVersion?: { gitVersion?: string } }).clientVersion?.gitVersion ?? kubectl;
    const shipdeckMedian = quantile(shipdeck, 0.5);
    const undoMedian = quantile(undo, 0.5);
    return {
      runs,
      kubectl: gitVersion,
      shipdeck: { medianMs: shipdeckMedian, p90Ms: quantile(shipdeck, 0.9), answerMedianMs: quantile(answers, 0.5) },
      coldMedianMs: quantile(cold, 0.5),
      kubectlUndo: { medianMs: undoMedian, p90Ms: quantile(undo, 0.9) },
      ratio: undoMedian / shipdeckMedian
    };
  } finally {
    watch.close();
    await core.close();
    await emulator.stop();
    await registry.close();
    if (previousKubeconfig === undefined) delete process.env['KUBECONFIG'];
    else process.env['KUBECONFIG'] = previousKubeconfig;
    fs.rmSync(folder, { recursive: true, force: true });
  }
}

export const kubeRollbackRows = (figures: KubeRollbackFigures): [string, string, string][] => [
  [`Rollback on Kubernetes, command → Deployment template changed (emulator, ${figures.runs} runs each): Shipdeck's Rollback after its pre-flight was shown`, `${figures.shipdeck.medianMs.toFixed(1)} ms (p90 ${figures.shipdeck.p90Ms.toFixed(1)} ms)`, ''],
  ['  … Shipdeck releases.rollback called cold (no pre-flight shown before: git, registry and cluster read at the call)', `${figures.coldMedianMs.toFixed(1)} ms`, ''],
  ['  … kubectl rollout undo (a process)', `${figures.kubectlUndo.medianMs.toFixed(1)} ms (p90 ${figures.kubectlUndo.p90Ms.toFixed(1)} ms; ${figures.kubectl})`, ''],
  ['  … kubectl ÷ Shipdeck (medians)', `${figures.ratio.toFixed(1)}×`, '≥ 5×']
];
