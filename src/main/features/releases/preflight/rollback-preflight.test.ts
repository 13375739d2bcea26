// The rollback pre-flight over a real SQLite store and a real git repository; engine and registry faked.
import { describe, expect, it } from 'vitest';
import type { RollbackPreflight } from '../../../../shared/domain/releases';
import { createReleaseViews } from '../release-views';
import { defaultImageConfig, SERVICE, useViewsWorld, type VersionSpec } from '../testing/views-fixture';

const world = useViewsWorld();

const VERSIONS: readonly VersionSpec[] = [
  { version: '1.0.0', files: { 'migrations/001_create_products.sql': '-- Create products\nCREATE TABLE products (id bigserial PRIMARY KEY, name text NOT NULL);\n' } },
  { version: '1.1.0', files: { 'migrations/002_add_sku.sql': 'ALTER TABLE products ADD COLUMN sku text;\n' } },
  { version: '1.2.0', files: { 'migrations/003_rename_name.sql': 'ALTER TABLE products RENAME COLUMN name TO title;\n' } }
];

const checkOf = (preflight: RollbackPreflight, id: string) => {
  const found = preflight.checks.find((check) => check.id === id);
  if (!found) throw new Error(`no ${id} check`);
  return found;
};

describe('rollback pre-flight', () => {
  it('goes to the previous good release by default and says what changes', async () => {
    const w = await world(VERSIONS.slice(0, 2));
    const previous = await w.ship('prod', '1.0.0', { settings: { instances: 2 } });
    await w.ship('prod', '1.1.0', { settings: { instances: 3, strategy: 'canary' } });
    w.imageConfigs.set(w.version('1.1.0').digest, defaultImageConfig({ env: ['PATH=/bin', 'FEATURE_SKU=on'] }));

    const preflight = await createReleaseViews(w.deps).preflight({ service: SERVICE, environment: 'prod' });
    expect(preflight.from).toEqual({ digest: w.version('1.1.0').digest, version: '1.1.0', commitSha: w.version('1.1.0').commitSha });
    expect(preflight.to).toMatchObject({ digest: w.version('1.0.0').digest, version: '1.0.0', deploymentId: previous.id, pruned: false });
    expect(preflight.commits?.map((commit) => commit.subject)).toEqual(['Release 1.1.0']);
    expect(preflight.settingsDiff).toEqual([
      { setting: 'instances', from: '3', to: '2' },
      { setting: 'strategy', from: 'canary', to: 'rolling' }
    ]);
    expect(preflight.containerDiff).toEqual([{ setting: 'env FEATURE_SKU', from: 'on', to: 'unset' }]);
    expect(preflight.migrations).toMatchObject([{ file: 'migrations/002_add_sku.sql', kind: 'additive', backwardCompatible: true }]);
    expect(preflight.checks.map((check) => [check.id, check.status])).toEqual([
      ['artifact', 'ok'],
      ['target', 'ok'],
      ['changes', 'ok'],
      ['migrations', 'ok'],
      ['automation', 'warning'],
      ['lock', 'ok']
    ]);
    expect(checkOf(preflight, 'changes').detail).toMatch(/^Takes out 1 commit, newest [0-9a-f]{8} "Release 1\.1\.0"\. Environment settings differ: instances, strategy\. Container configuration differs: env FEATURE_SKU\.$/);
    expect(checkOf(preflight, 'automation').detail).toBe(
      `After a manual rollback ${SERVICE} prod is held: automatic canary continuation and branch-watch deploys will not move it until someone releases the hold (shipdeck hold release ${SERVICE} prod).`
    );
    expect(preflight).toMatchObject({ blocked: false, overridable: false });
    expect(preflight.candidates.map((candidate) => candidate.version)).toEqual(['1.0.0']);
  });

  it('blocks a rollback across a migration that is not backward-compatible, and lets only that be overridden', async () => {
    const w = await world(VERSIONS);
    await w.ship('prod', '1.0.0');
    await w.ship('prod', '1.1.0');
    await w.ship('prod', '1.2.0');
    const views = createReleaseViews(w.deps);

    const preflight = await views.preflight({ service: SERVICE, environment: 'prod', toDigest: w.version('1.0.0').digest });
    expect(preflight.migrations.map((crossing) => [crossing.file, crossing.backwardCompatible])).toEqual([
      ['migrations/002_add_sku.sql', true],
      ['migrations/003_rename_name.sql', false]
    ]);
    expect(preflight.migrations[1]?.explanation).toContain('"ALTER TABLE products RENAME COLUMN name TO title" renames a column');
    expect(checkOf(preflight, 'migrations')).toMatchObject({ status: 'blocked', title: 'Incompatible migration' });
    expect(checkOf(preflight, 'migrations').detail).toContain('migrations/003_rename_name.sql (rename)');
    expect(preflight).toMatchObject({ blocked: true, overridable: true });
    expect(preflight.candidates.map((candidate) => candidate.version)).toEqual(['1.1.0', '1.0.0']);

    // The previous release (1.1.0) is on the near side of the rename: nothing incompatible is crossed.
    const toPrevious = await views.preflight({ service: SERVICE, environment: 'prod' });
    expect(toPrevious.migrations.map((crossing) => crossing.file)).toEqual(['migrations/003_rename_name.sql']);
    expect(toPrevious.blocked).toBe(true);
  });

  it('is blocked, not overridable, while another release holds the environment, naming it', async () => {
    const w = await world(VERSIONS);
    await w.ship('prod', '1.0.0');
    await w.ship('prod', '1.1.0');
    const running = await w.ship('prod', '1.2.0', { strategy: 'canary', endAt: 'in-progress', startedBy: 'bob' });
    const preflight = await createReleaseViews(w.deps).preflight({ service: SERVICE, environment: 'prod' });
    expect(checkOf(preflight, 'lock')).toMatchObject({ status: 'blocked', title: 'Release in progress' });
    expect(checkOf(preflight, 'lock').detail).toMatch(new RegExp(`^Release #${running.id} \\(1\\.2\\.0, canary\\) holds prod since \\S+ \\(bob\\)\\.`));
    expect(preflight).toMatchObject({ blocked: true, overridable: false });
  });

  it('names a pruned artifact as pruned, and an unreachable engine as unreachable', async () => {
    const w = await world(VERSIONS.slice(0, 2));
    await w.ship('prod', '1.0.0');
    await w.ship('prod', '1.1.0');
    w.presence.set(w.version('1.0.0').digest, { exists: false, where: 'the registry 127.0.0.1:5000', pruned: true });
    const pruned = await createReleaseViews(w.deps).preflight({ service: SERVICE, environment: 'prod' });
    expect(checkOf(pruned, 'artifact')).toEqual({
      id: 'artifact',
      status: 'blocked',
      title: 'Artifact pruned',
      detail: '1.0.0 was pruned: its image is no longer in the registry 127.0.0.1:5000, so it cannot be started again. Pick another candidate.'
    });
    expect(pruned).toMatchObject({ blocked: true, overridable: false });

    w.engineDown = true;
    const unreachable = await createReleaseViews(w.deps).preflight({ service: SERVICE, environment: 'prod' });
    expect(checkOf(unreachable, 'target')).toMatchObject({ status: 'blocked', title: 'Target unreachable', detail: 'No Docker engine answers at /var/run/docker.sock.' });
  });

  it('marks pruned candidates from the record', async () => {
    const w = await world(VERSIONS);
    await w.ship('prod', '1.0.0');
    await w.ship('prod', '1.1.0');
    await w.ship('prod', '1.2.0');
    await w.store.artifacts.recordPrune(w.version('1.0.0').artifactId, 'retention');
    const preflight = await createReleaseViews(w.deps).preflight({ service: SERVICE, environment: 'prod' });
    expect(preflight.candidates.map((candidate) => [candidate.version, candidate.pruned])).toEqual([
      ['1.1.0', false],
      ['1.0.0', true]
    ]);
  });

  it('says who already holds the environment, and that a release waiting for approval would move it again', async () => {
    const w = await world(VERSIONS);
    await w.ship('prod', '1.0.0');
    const current = await w.ship('prod', '1.1.0');
    await w.store.releases.placeHold(SERVICE, 'prod', { deploymentId: current.id, by: 'carol', reason: 'investigating' });
    const waiting = await w.ship('prod', '1.2.0', { endAt: 'pending-approval' });
    const detail = checkOf(await createReleaseViews(w.deps).preflight({ service: SERVICE, environment: 'prod' }), 'automation').detail;
    expect(detail).toMatch(/It is already held by carol since \S+ \(investigating\)\./);
    expect(detail).toContain(`Release #${waiting.id} (1.2.0) waits for approval here; approving it would move prod again.`);
  });

  it('warns instead of passing when git cannot tell the commits or the migrations', async () => {
    const w = await world(VERSIONS.slice(0, 2));
    await w.ship('prod', '1.0.0');
    await w.ship('prod', '1.1.0');
    await w.store.workspace.setServicePath(SERVICE, `${w.repo.dir}-moved`, { actor: 'tester', action: 'service.path', subject: `service:${SERVICE}`, details: {} });
    const preflight = await createReleaseViews(w.deps).preflight({ service: SERVICE, environment: 'prod' });
    expect(preflight.commits).toBeNull();
    expect(checkOf(preflight, 'changes').status).toBe('warning');
    expect(checkOf(preflight, 'changes').detail).toMatch(/^Commits not compared: /);
    expect(checkOf(preflight, 'migrations')).toMatchObject({ status: 'warning', title: 'Migrations not checked' });
    expect(preflight.blocked).toBe(false);
  });

  it('takes any artifact of the service as a target, and refuses what is not one, or nothing to go back to', async () => {
    const w = await world(VERSIONS);
    await w.ship('prod', '1.2.0');
    const views = createReleaseViews(w.deps);
    await expect(views.preflight({ service: SERVICE, environment: 'prod' })).rejects.toMatchObject({
      code: 'NOT_FOUND',
      message: `${SERVICE} has no earlier good release in prod: nothing to roll back to.`
    });
    const neverDeployed = await views.preflight({ service: SERVICE, environment: 'prod', toDigest: w.version('1.0.0').digest });
    expect(neverDeployed.to).toMatchObject({ version: '1.0.0', deploymentId: 0 });
    const unknown = `sha256:${'f'.repeat(64)}`;
    await expect(views.preflight({ service: SERVICE, environment: 'prod', toDigest: unknown })).rejects.toMatchObject({
      code: 'NOT_FOUND',
      message: `${unknown} is not an artifact of ${SERVICE}.`
    });
    await expect(views.preflight({ service: SERVICE, environment: 'qa' })).rejects.toMatchObject({ code: 'NOT_FOUND', message: `${SERVICE} has no environment "qa".` });
  });
});
