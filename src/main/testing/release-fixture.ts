/**
 * A workspace ready to release for real: a git repository with one commit per version, a service, an
 * artifact per version whose image is a local version server (answers its version on `/`, 200 on
 * /healthz), and the core over it (in this process). For the releases' integration tests and benchmark;
 * needs the Docker engine and nginx.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import type { CallInput, CallName, CallOutput } from '../../shared/contract';
import { createLocalConnection, type CoreConnection } from '../api/connection';
import { openReleaseStore } from '../adapters/store/sqlite-release-store';
import { createCore } from '../core';
import { invoke } from '../cli/invoke';
import { buildVersionServerImage } from './version-server-image';

export interface ReleaseArtifact {
  readonly version: string;
  readonly digest: string;
  readonly commitSha: string;
}

export interface ReleaseFixture {
  readonly dataDir: string;
  readonly repoPath: string;
  readonly service: string;
  readonly artifacts: readonly ReleaseArtifact[];
  readonly core: CoreConnection;
  call<N extends CallName>(name: N, input: CallInput<N>): Promise<CallOutput<N>>;
  /** Closes the core (releases in flight record how they ended). Containers and nginx stay, as in real life. */
  closeCore(): Promise<void>;
  /** Opens a new core over the same data folder (a restart). */
  reopen(): Promise<void>;
  /** Removes every container, network and router of the fixture's service, and its data folder. */
  dispose(): Promise<void>;
}

const git = (cwd: string, args: readonly string[]) => execFileSync('git', args, { cwd, encoding: 'utf8', env: { ...process.env, GIT_AUTHOR_NAME: 'Test', GIT_AUTHOR_EMAIL: 't@example.com', GIT_COMMITTER_NAME: 'Test', GIT_COMMITTER_EMAIL: 't@example.com' } }).trim();

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

export async function createReleaseFixture(options: { readonly versions: readonly string[]; readonly service?: string; readonly unhealthyVersions?: readonly string[] }): Promise<ReleaseFixture> {
  const service = options.service ?? `rel-${process.pid}-${Math.random().toString(36).slice(2, 7)}`;
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'shipdeck-release-'));
  const dataDir = path.join(root, 'data');
  const repoPath = path.join(root, 'repo');
  fs.mkdirSync(repoPath, { recursive: true });
  git(repoPath, ['init', '-q', '-b', 'main']);
  const commits: string[] = [];
  for (const version of options.versions) {
    fs.writeFileSync(path.join(repoPath, 'VERSION'), `${version}\n`);
    git(repoPath, ['add', '-A']);
    git(repoPath, ['commit', '-q', '-m', `Release ${version}`]);
    git(repoPath, ['tag', `v${version}`]);
    commits.push(git(repoPath, ['rev-parse', 'HEAD']));
  }

  const open = () => {
    const core = createCore({ dataDir, mode: 'browser', version: 'test' });
    return createLocalConnection(core.handlers, () => core.close());
  };
  let core = open();
  await invoke(core, 'services.add', { name: service, repoPath });

  const artifacts: ReleaseArtifact[] = [];
  const store = openReleaseStore(dataDir);
  try {
    for (const [index, version] of options.versions.entries()) {
      const image = await buildVersionServerImage(version, { healthy: !(options.unhealthyVersions ?? []).includes(version) });
      const commitSha = commits[index] ?? '';
      await store.artifacts.recordArtifact({ service, imageRepository: `shipdeck-test/${service}`, digest: image.imageId, commitSha, version, pipelineRunId: null, commitSubject: `Release ${version}` });
      artifacts.push({ version, digest: image.imageId, commitSha });
    }
  } finally {
    store.close();
  }

  const fixture: ReleaseFixture = {
    dataDir,
    repoPath,
    service,
    artifacts,
    get core() {
      return core;
    },
    call: (name, input) => invoke(core, name, input),
    closeCore: () => core.close(),
    reopen: async () => {
      core = open();
      await Promise.resolve();
    },
    dispose: async () => {
      await core.close().catch(() => undefined);
      removeServiceLeftovers(service, dataDir);
      fs.rmSync(root, { recursive: true, force: true });
    }
  };
  return fixture;
}

/** Containers and networks labelled with the service, and the nginx masters under the data folder. */
export function removeServiceLeftovers(service: string, dataDir: string): void {
  const ids = execFileSync('docker', ['ps', '-aq', '--filter', `label=shipdeck.service=${service}`], { encoding: 'utf8' }).split('\n').filter(Boolean);
  if (ids.length > 0) execFileSync('docker', ['rm', '-f', ...ids], { stdio: 'ignore' });
  const networks = execFileSync('docker', ['network', 'ls', '-q', '--filter', `name=shipdeck-${service}`], { encoding: 'utf8' }).split('\n').filter(Boolean);
  for (const network of networks) execFileSync('docker', ['network', 'rm', network], { stdio: 'ignore' });
  const routers = path.join(dataDir, 'router');
  for (const pidFile of findFiles(routers, (name) => name.endsWith('.pid'))) {
    const pid = Number(fs.readFileSync(pidFile, 'utf8').trim());
    if (Number.isSafeInteger(pid) && pid > 1) {
      try {
        process.kill(pid, 'SIGQUIT');
      } catch {
        // Already gone.
      }
    }
  }
}

function findFiles(dir: string, match: (name: string) => boolean): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    return entry.isDirectory() ? findFiles(full, match) : match(entry.name) ? [full] : [];
  });
}
