// Retention, prune and registry login through the real core (dispatch → handlers → SQLite, git, a real
// docker-registry with htpasswd auth), ending with a search for the known password everywhere.
import fs from 'node:fs';

import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { CallName, CallOutput, CallInput } from '../../../shared/contract';
import type { PrunePlanView, PruneResult } from '../../../shared/domain/artifact-operations';
import type { Result } from '../../../shared/result';
import { createFileCredentialStore } from '../../adapters/credentials/file-credential-store';
import { TempRepository, makeTempDir } from '../../adapters/git/testing/temp-repository';
import { createRegistryPort } from '../../adapters/registry/registry-adapter';
import { openReleaseStore } from '../../adapters/store/sqlite-release-store';
import { dispatch } from '../../api/dispatch';
import { createCore, type Core } from '../../core';
import { requireComponent } from '../../testing/components';
import { pushTestImage } from '../../testing/push-test-image';
import { registryToolsInstalled, startTestRegistry, type TestRegistry } from '../../testing/test-registry';

const available = await requireComponent('registry', registryToolsInstalled);

const user = 'release-bot';
const password = 'Known-Canary-Password-71c4e9';
const wrongPassword = 'Known-Wrong-Password-5d20aa';
const basic = (secret: string) => `Basic ${Buffer.from(`${user}:${secret}`).toString('base64')}`;

describe.skipIf(!available)('prune and registry login against a real registry', () => {
  let root: string;
  let dataDir: string;
  let registry: TestRegistry;
  let core: Core;
  const captured: string[] = [];

  async function call<N extends CallName>(name: N, input: CallInput<N>): Promise<Result<CallOutput<N>>> {
    const result = (await dispatch(core.handlers, name, input)) as Result<CallOutput<N>>;
    captured.push(JSON.stringify(result));
    return result;
  }
  async function value<N extends CallName>(name: N, input: CallInput<N>): Promise<CallOutput<N>> {
    const result = await call(name, input);
    if (!result.ok) throw new Error(`${name} failed: ${result.error.code} ${result.error.message}`);
    return result.value;
  }

  beforeAll(async () => {
    for (const method of ['log', 'info', 'warn', 'error', 'debug'] as const) {
      vi.spyOn(console, method).mockImplementation((...args: unknown[]) => void captured.push(args.map(String).join(' ')));
    }
    root = makeTempDir('shipdeck-prune-');
    dataDir = path.join(root, 'data');
    registry = await startTestRegistry({ dir: path.join(root, 'registry'), auth: { kind: 'htpasswd', users: { [user]: password } } });
    core = createCore({ dataDir, mode: 'browser', version: 'test' });
  });
  afterAll(async () => {
    core.close();
    await registry.stop();
    vi.restoreAllMocks();
    fs.rmSync(root, { recursive: true, force: true });
  });

  it('refuses a wrong password and saves nothing, then logs in with the right one', async () => {
    const refused = await call('registry.login', { host: registry.host, username: user, password: wrongPassword });
    expect(refused.ok).toBe(false);
    if (!refused.ok) expect(refused.error.code).toBe('REGISTRY_AUTH_FAILED');
    expect(await value('registry.list', {})).toEqual([]);
    expect(fs.existsSync(path.join(dataDir, 'credentials.json'))).toBe(false);

    const login = await value('registry.login', { host: registry.host, username: user, password });
    expect(login).toMatchObject({ host: registry.host, username: user, checked: true });
    expect(login.warning).toMatch(/no OS keychain/);
    expect(await value('registry.list', {})).toEqual([{ host: registry.host, username: user }]);
  });

  it('plans by the policy, keeps deployed artifacts and rollback candidates, prunes the rest from the registry, keeps the rows', async () => {
    const repo = TempRepository.init(path.join(root, 'repo'));
    const commits = ['one', 'two', 'three', 'four', 'five'].map((word) => repo.commitFile(`${word}.txt`, word, `Change ${word}`));
    await value('services.add', { name: 'api', repoPath: repo.dir, imageRepository: `${registry.host}/shop/api` });

    // Five pushed images, recorded as the runner records them (a second connection to the same store).
    const store = openReleaseStore(dataDir, { dailyBackup: false });
    const artifacts = [];
    for (const [i, commitSha] of commits.entries()) {
      const pushed = await pushTestImage({ baseUrl: registry.baseUrl, repository: 'shop/api', authorization: basic(password) }, commitSha);
      artifacts.push(
        await store.artifacts.recordArtifact({
          service: 'api',
          imageRepository: `${registry.host}/shop/api`,
          digest: pushed.digest,
          commitSha,
          version: `1.0.${i}`,
          pipelineRunId: null,
          commitSubject: `Change ${['one', 'two', 'three', 'four', 'five'][i]}`
        })
      );
    }
    const [a1, a2, a3, a4, a5] = artifacts.map((a) => a.id) as [number, number, number, number, number];
    const deploy = async (environment: string, artifactId: number, outcome: 'succeeded' | 'failed') => {
      const deployment = await store.deployments.recordDeployment({
        service: 'api',
        environment,
        artifactId,
        previousArtifactId: null,
        strategy: 'rolling',
        startedBy: 'tester',
        rollbackOfId: null,
        status: 'in-progress'
      });
      await store.deployments.appendEvent(deployment.id, { status: outcome });
    };
    await deploy('prod', a1, 'succeeded');
    await deploy('prod', a2, 'succeeded');
    await deploy('dev', a3, 'failed');
    store.close();

    await value('retention.set', { service: 'api', keepLast: 1, keepDays: 0, keepPerEnvironment: 2 });
    const plan = (await value('artifacts.prune', { service: 'api', dryRun: true })) as PrunePlanView;
    expect(plan.kind).toBe('plan');
    expect(plan.prune.map((a) => a.id)).toEqual([a3, a4]);
    const why = Object.fromEntries(plan.keep.map((kept) => [kept.artifact.id, kept.reasons.join('; ')]));
    expect(why[a5]).toMatch(/newest 1/);
    expect(why[a2]).toMatch(/deployed to prod/);
    expect(why[a1]).toMatch(/rollback candidate in prod/);

    const result = (await value('artifacts.prune', { service: 'api' })) as PruneResult;
    expect(result.outcomes.map((o) => [o.artifactId, o.outcome])).toEqual([
      [a3, 'pruned'],
      [a4, 'pruned']
    ]);

    const client = createRegistryPort({ credentials: createFileCredentialStore({ dataDir }) }).open({ host: registry.host });
    expect(await client.hasManifest('shop/api', artifacts[2]?.digest ?? '')).toBe(false);
    expect(await client.hasManifest('shop/api', artifacts[3]?.digest ?? '')).toBe(false);
    expect(await client.hasManifest('shop/api', artifacts[4]?.digest ?? '')).toBe(true);
    expect(await client.hasManifest('shop/api', artifacts[1]?.digest ?? '')).toBe(true);

    const pruned = await value('artifacts.list', { service: 'api', status: 'pruned' });
    expect(pruned.items.map((a) => a.id).sort()).toEqual([a3, a4].sort());
    expect((await value('artifacts.list', { service: 'api' })).items).toHaveLength(5);
    const audit = await value('audit.list', {});
    const pruneEntries = audit.filter((entry) => entry.action === 'artifact.prune');
    expect(pruneEntries.map((entry) => entry.details.digest).sort()).toEqual([artifacts[2]?.digest, artifacts[3]?.digest].sort());
    expect(audit.map((entry) => entry.action)).toEqual(expect.arrayContaining(['registry.login', 'retention.set']));

    // A second prune finds nothing more to do: the policy is met.
    expect(((await value('artifacts.prune', { service: 'api', dryRun: true })) as PrunePlanView).prune).toEqual([]);

    // Detail: where it runs, and the commits since the previous artifact, from git.
    const detail = await value('artifacts.get', { id: a2 });
    expect(detail.placements.map((p) => p.environment)).toEqual(['prod']);
    expect(detail.commitsSincePrevious).toMatchObject({ kind: 'commits', previous: { id: a1 } });
    if (detail.commitsSincePrevious.kind === 'commits') expect(detail.commitsSincePrevious.commits.map((c) => c.sha)).toEqual([commits[1]]);
    expect((await value('artifacts.get', { id: a1 })).commitsSincePrevious.kind).toBe('first');
  });

  it('reports the registry online, and offline once it stops; the history still reads', async () => {
    const online = await value('system.status', {});
    expect(online.registries).toEqual([expect.objectContaining({ host: registry.host, reachable: true, services: ['api'] })]);
    await registry.stop();
    const offline = await value('system.status', {});
    expect(offline.registries[0]?.reachable).toBe(false);
    expect((await value('artifacts.list', {})).items).toHaveLength(5);
    const failed = (await value('artifacts.prune', { service: 'api', dryRun: true })) as PrunePlanView;
    expect(failed.kind).toBe('plan');
  });

  it('leaves the known password nowhere: not in SQLite, files, logs, errors or the audit log', async () => {
    const secrets = [password, wrongPassword, basic(password).slice(6), basic(wrongPassword).slice(6)];
    const files = filesUnder(dataDir);
    expect(files.some((file) => file.endsWith('shipdeck.db'))).toBe(true);
    for (const file of files) {
      const content = fs.readFileSync(file);
      secrets.forEach((secret, index) => expect(content.includes(secret), `secret #${index} in ${path.basename(file)}`).toBe(false));
    }
    const audit = JSON.stringify(await value('audit.list', { limit: 1000 }));
    expect(captured.length).toBeGreaterThan(5);
    for (const text of [...captured, audit]) {
      secrets.forEach((secret, index) => expect(text.includes(secret), `secret #${index} in captured text`).toBe(false));
    }
  });
});

function filesUnder(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    return entry.isDirectory() ? filesUnder(full) : [full];
  });
}

