// A release's detail and an artifact's timeline over a real SQLite store and a real git repository.
import { describe, expect, it } from 'vitest';
import { createReleaseViews } from '../release-views';
import { SERVICE, useViewsWorld } from '../testing/views-fixture';

const world = useViewsWorld();
const VERSIONS = [{ version: '1.0.0' }, { version: '1.1.0' }, { version: '1.2.0' }];

describe('release detail', () => {
  it('shows the commits since the artifact it replaced, its steps, its audit trail, and the rollback that undid it', async () => {
    const w = await world(VERSIONS);
    await w.ship('prod', '1.0.0');
    const canary = await w.ship('prod', '1.2.0', { strategy: 'canary', endAt: 'in-progress', startedBy: 'bob' });
    await w.store.releases.appendReleaseEvent(canary.id, { status: 'in-progress', phase: 'traffic', step: 1, weight: 5 });
    await w.store.releases.appendReleaseEvent(canary.id, { status: 'in-progress', phase: 'continued', step: 1, weight: 5, actor: 'bob' });
    await w.store.releases.appendReleaseEvent(canary.id, { status: 'in-progress', phase: 'traffic', step: 2, weight: 25 });
    await w.store.releases.appendReleaseEvent(canary.id, { status: 'succeeded', phase: 'completed', weight: 100, step: 4 });
    const rollback = await w.ship('prod', '1.0.0', { trigger: 'rollback', rollbackOfId: canary.id, reason: 'checkout errors', startedBy: 'carol' });
    await w.store.releases.appendReleaseEvent(canary.id, { status: 'rolled-back', phase: 'rolled-back', detail: `undone by #${rollback.id}` });

    const views = createReleaseViews(w.deps);
    const detail = await views.detail(canary.id);
    expect(detail.commits?.map((commit) => commit.subject)).toEqual(['Release 1.2.0', 'Release 1.1.0']);
    expect(detail.commitsProblem).toBeNull();
    expect(detail.steps).toEqual([
      { label: 'Canary at 5 %', weight: 5, state: 'done' },
      { label: 'Canary at 25 %', weight: 25, state: 'done' },
      { label: 'Canary at 50 %', weight: 50, state: 'done' },
      { label: 'All traffic (100 %)', weight: 100, state: 'done' }
    ]);
    expect(detail.audit.map((entry) => [entry.action, entry.actor])).toEqual([
      ['release.started', 'bob'],
      ['release.continued', 'bob'],
      ['release.completed', 'shipdeck'],
      ['release.rolled-back', 'shipdeck']
    ]);
    expect(detail.rolledBackBy).toMatchObject({ id: rollback.id, reason: 'checkout errors' });
    expect(detail.rolledBackBy).not.toHaveProperty('events');
    expect(detail.rollbackOf).toBeNull();

    const undoing = await views.detail(rollback.id);
    expect(undoing.rollbackOf).toMatchObject({ id: canary.id });
    // A rollback's commits are the ones it took out.
    expect(undoing.commits?.map((commit) => commit.subject)).toEqual(['Release 1.2.0', 'Release 1.1.0']);
  });

  it('shows a paused canary at its weight, and says why there are no commits', async () => {
    const w = await world(VERSIONS);
    const first = await w.ship('prod', '1.0.0', { strategy: 'canary', endAt: 'in-progress' });
    await w.store.releases.appendReleaseEvent(first.id, { status: 'in-progress', phase: 'traffic', step: 2, weight: 25 });
    await w.store.releases.appendReleaseEvent(first.id, { status: 'in-progress', phase: 'paused', step: 2, weight: 25 });
    const detail = await createReleaseViews(w.deps).detail(first.id);
    expect(detail.steps.map((step) => step.state)).toEqual(['done', 'current', 'pending', 'pending']);
    expect(detail.commits).toBeNull();
    expect(detail.commitsProblem).toBe('This was the first release to prod: there is no earlier artifact to compare with.');
  });

  it('keeps the detail when git cannot say, with the reason', async () => {
    const w = await world(VERSIONS);
    await w.ship('dev', '1.0.0');
    const second = await w.ship('dev', '1.1.0');
    await w.store.workspace.setServicePath(SERVICE, `${w.repo.dir}-gone`, { actor: 'tester', action: 'service.path', subject: `service:${SERVICE}`, details: {} });
    const detail = await createReleaseViews(w.deps).detail(second.id);
    expect(detail).toMatchObject({ id: second.id, commits: null });
    expect(detail.commitsProblem).toContain('does not exist');
  });

  it('refuses a release number that does not exist', async () => {
    const w = await world(VERSIONS);
    await expect(createReleaseViews(w.deps).detail(999)).rejects.toMatchObject({ code: 'NOT_FOUND', message: 'There is no release #999.' });
  });
});

describe('artifact timeline', () => {
  it('lists every environment the artifact reached, by whom, and how it left', async () => {
    const w = await world(VERSIONS);
    const devFirst = await w.ship('dev', '1.1.0', { startedBy: 'alice' });
    await w.ship('dev', '1.2.0');
    const staging = await w.ship('staging', '1.1.0', { trigger: 'promotion', startedBy: 'bob' });
    const prod = await w.ship('prod', '1.1.0', { trigger: 'promotion', strategy: 'canary' });
    const rollback = await w.ship('prod', '1.0.0', { trigger: 'automatic-rollback', rollbackOfId: prod.id, reason: 'error rate 4 %' });
    await w.store.releases.appendReleaseEvent(prod.id, { status: 'rolled-back', phase: 'rolled-back' });
    const failed = await w.ship('prod', '1.1.0', { endAt: 'failed' });

    const timeline = await createReleaseViews(w.deps).timeline(w.version('1.1.0').digest);
    expect(timeline).toMatchObject({ service: SERVICE, version: '1.1.0', commitSha: w.version('1.1.0').commitSha });
    expect(timeline.entries.map((entry) => [entry.environment, entry.deploymentId, entry.by, entry.trigger, entry.strategy, entry.status, entry.left?.how ?? null])).toEqual([
      ['dev', devFirst.id, 'alice', 'manual', 'rolling', 'succeeded', `replaced by 1.2.0 (#${devFirst.id + 1})`],
      ['staging', staging.id, 'bob', 'promotion', 'rolling', 'succeeded', null],
      ['prod', prod.id, 'alice', 'promotion', 'canary', 'rolled-back', `rolled back automatically by #${rollback.id} (error rate 4 %)`],
      ['prod', failed.id, 'alice', 'manual', 'rolling', 'failed', null]
    ]);
    expect(timeline.entries[2]?.left?.byDeploymentId).toBe(rollback.id);
    expect((timeline.entries[0]?.arrivedAt ?? '') < (timeline.entries[0]?.left?.at ?? '')).toBe(true);
  });

  it('has no entries for an artifact never deployed, and refuses an unknown digest', async () => {
    const w = await world(VERSIONS);
    const views = createReleaseViews(w.deps);
    await expect(views.timeline(w.version('1.0.0').digest)).resolves.toMatchObject({ version: '1.0.0', entries: [] });
    await expect(views.timeline(`sha256:${'0'.repeat(64)}`)).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });
});
