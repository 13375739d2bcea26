// `shipdeck artifacts`, `prune` and `registry login/logout` as real processes over a real data folder
// (artifacts recorded through the store, as the runner records them) and a real docker-registry.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTempDir, removeDir, TempRepository } from '../../adapters/git/testing/temp-repository';
import { openReleaseStore } from '../../adapters/store/sqlite-release-store';
import { requireComponent } from '../../testing/components';
import { pushTestImage } from '../../testing/push-test-image';
import { registryToolsInstalled, startTestRegistry, type TestRegistry } from '../../testing/test-registry';

const entry = path.join(__dirname, '..', 'index.ts');
const registryAvailable = await requireComponent('registry', registryToolsInstalled);
const user = 'ci-user';
const password = 'Cli-Canary-Password-4f1e0b';

let root: string;
let dataDir: string;
let repo: TempRepository;
let registry: TestRegistry | undefined;
const commits: string[] = [];
const digests: string[] = [];

function shipdeck(args: readonly string[], stdin?: string) {
  const result = spawnSync(process.execPath, ['--import', 'tsx', entry, ...args, '--data-dir', dataDir], {
    encoding: 'utf8',
    ...(stdin === undefined ? {} : { input: stdin })
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

beforeAll(async () => {
  root = makeTempDir('shipdeck-cli-artifacts-');
  dataDir = path.join(root, 'data');
  repo = TempRepository.init(path.join(root, 'repo'));
  for (const word of ['alpha', 'beta', 'gamma']) commits.push(repo.commitFile(`${word}.txt`, word, `feat: ${word}`));
  if (registryAvailable) {
    registry = await startTestRegistry({ dir: path.join(root, 'registry'), auth: { kind: 'htpasswd', users: { [user]: password } } });
  }
  const host = registry?.host ?? '127.0.0.1:1';
  expect(shipdeck(['services', 'add', 'api', repo.dir, '--image', `${host}/shop/api`]).code).toBe(0);
  const store = openReleaseStore(dataDir, { dailyBackup: false });
  for (const [i, commitSha] of commits.entries()) {
    const digest = registry
      ? (await pushTestImage({ baseUrl: registry.baseUrl, repository: 'shop/api', authorization: `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}` }, commitSha)).digest
      : `sha256:${String(i + 1).repeat(64)}`;
    digests.push(digest);
    await store.artifacts.recordArtifact({
      service: 'api',
      imageRepository: `${host}/shop/api`,
      digest,
      commitSha,
      version: i === 2 ? 'v1.1.0' : null,
      pipelineRunId: null,
      commitSubject: `feat: ${['alpha', 'beta', 'gamma'][i]}`
    });
  }
  store.close();
}, 60_000);
afterAll(async () => {
  await registry?.stop();
  removeDir(root);
});

describe('shipdeck artifacts', () => {
  it('prints every artifact as JSON with digest, full commit, tags, version, date, run and pruned', () => {
    const result = shipdeck(['artifacts', 'api', '--json']);
    expect(result.code).toBe(0);
    const artifacts = JSON.parse(result.stdout) as Record<string, unknown>[];
    expect(artifacts).toHaveLength(3);
    expect(artifacts[0]).toMatchObject({ digest: digests[2], commit: commits[2], version: 'v1.1.0', runId: null, pruned: false, tags: [commits[2], commits[2]?.slice(0, 7), '1.1.0'] });
    expect(typeof artifacts[0]?.createdAt).toBe('string');
    expect(artifacts.map((a) => a.commit)).toEqual([...commits].reverse());
  });

  it('prints a line per artifact, and refuses an unknown service with exit 1', () => {
    const plain = shipdeck(['artifacts', 'api']);
    expect(plain.stdout.trim().split('\n')).toHaveLength(3);
    expect(plain.stdout).toContain('feat: gamma');
    const unknown = shipdeck(['artifacts', 'nobody']);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toMatch(/^shipdeck: There is no service named "nobody"/);
  });

  it('prune --dry-run says what would go and why each other one stays, and changes nothing', () => {
    // The default policy keeps the newest 20: nothing goes.
    const result = shipdeck(['prune', 'api', '--dry-run', '--json']);
    expect(result.code).toBe(0);
    const plan = JSON.parse(result.stdout) as { kind: string; prune: unknown[]; keep: { reasons: string[] }[] };
    expect(plan.kind).toBe('plan');
    expect(plan.prune).toEqual([]);
    expect(plan.keep[0]?.reasons.join(' ')).toMatch(/newest 20/);
    const text = shipdeck(['prune', 'api', '--dry-run']);
    expect(text.stdout).toContain('Would prune 0');
    expect(text.stdout).toContain('because: among the newest 20');
  });
});

describe.skipIf(!registryAvailable)('shipdeck registry login and prune against a real registry', () => {
  it('refuses a wrong password (exit 1, nothing saved), then logs in with the right one and warns about the file', () => {
    const host = registry?.host ?? '';
    const wrong = shipdeck(['registry', 'login', host, '--username', user, '--password-stdin'], 'not-the-password\n');
    expect(wrong.code).toBe(1);
    expect(wrong.stderr).toMatch(/^shipdeck: /);
    expect(fs.existsSync(path.join(dataDir, 'credentials.json'))).toBe(false);

    const right = shipdeck(['registry', 'login', host, '--username', user, '--password-stdin'], `${password}\n`);
    expect(right.code).toBe(0);
    expect(right.stdout).toContain(`Logged in to ${host} as ${user}`);
    expect(right.stderr).toMatch(/no OS keychain/);
    expect(right.stdout + right.stderr).not.toContain(password);
    expect(fs.statSync(path.join(dataDir, 'credentials.json')).mode & 0o777).toBe(0o600);
  });

  it('prunes by the policy: the manifest goes from the registry, the row stays, marked pruned', async () => {
    const { createRegistryPort } = await import('../../adapters/registry/registry-adapter');
    const { createFileCredentialStore } = await import('../../adapters/credentials/file-credential-store');
    const store = openReleaseStore(dataDir, { dailyBackup: false });
    await store.artifacts.setRetentionPolicy('api', { keepLast: 1, keepDays: 0, keepPerEnvironment: 1 }, 'tester');
    store.close();
    const result = shipdeck(['prune', 'api', '--json']);
    expect(result.code).toBe(0);
    const outcome = JSON.parse(result.stdout) as { kind: string; outcomes: { digest: string; outcome: string }[] };
    expect(outcome.outcomes.map((o) => [o.digest, o.outcome])).toEqual([
      [digests[0], 'pruned'],
      [digests[1], 'pruned']
    ]);
    const client = createRegistryPort({ credentials: createFileCredentialStore({ dataDir }) }).open({ host: registry?.host ?? '' });
    expect(await client.hasManifest('shop/api', digests[0] ?? '')).toBe(false);
    expect(await client.hasManifest('shop/api', digests[2] ?? '')).toBe(true);
    const listed = JSON.parse(shipdeck(['artifacts', 'api', '--json']).stdout) as { digest: string; pruned: boolean }[];
    expect(listed.map((a) => [a.digest, a.pruned])).toEqual([
      [digests[2], false],
      [digests[1], true],
      [digests[0], true]
    ]);
  });

  it('logs out', () => {
    const host = registry?.host ?? '';
    expect(shipdeck(['registry', 'logout', host]).stdout).toContain(`Removed the credentials for ${host}`);
    expect(shipdeck(['registry', 'logout', host]).stdout).toContain(`No credentials were saved for ${host}`);
  });
});
