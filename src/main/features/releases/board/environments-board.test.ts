// The Environments board over a real SQLite store, with the engine and nginx faked per environment.
import { describe, expect, it } from 'vitest';
import { createReleaseViews } from '../release-views';
import { routeTo, SERVICE, useViewsWorld } from '../testing/views-fixture';

const world = useViewsWorld();
const VERSIONS = [{ version: '1.0.0' }, { version: '1.1.0' }, { version: '1.2.0' }];

const cell = (board: Awaited<ReturnType<ReturnType<typeof createReleaseViews>['board']>>, environment: string) => {
  const found = board.services.find((row) => row.service === SERVICE)?.environments.find((status) => status.environment === environment);
  if (!found) throw new Error(`no ${environment} on the board`);
  return found;
};

describe('the board: what the records say', () => {
  it('shows every environment in promotion order with what runs, the previous good artifact and what can be promoted', async () => {
    const w = await world(VERSIONS);
    await w.ship('dev', '1.0.0');
    await w.ship('dev', '1.1.0');
    await w.ship('dev', '1.2.0');
    const staging = await w.ship('staging', '1.0.0');
    await w.ship('staging', '1.1.0');
    const board = await createReleaseViews(w.deps).board();

    expect(board.services.map((row) => row.environments.map((status) => status.environment))).toEqual([['dev', 'staging', 'prod']]);
    const dev = cell(board, 'dev');
    expect(dev.current).toMatchObject({ version: '1.2.0', digest: w.version('1.2.0').digest, commitSha: w.version('1.2.0').commitSha, deployedBy: 'alice', strategy: 'rolling' });
    expect(dev.lastKnownGood).toMatchObject({ version: '1.1.0' });
    expect(dev.promotable).toBeNull();
    expect(dev.url).toBe('http://127.0.0.1:18001');

    expect(cell(board, 'staging').promotable).toEqual({
      digest: w.version('1.2.0').digest,
      version: '1.2.0',
      commitSha: w.version('1.2.0').commitSha,
      fromEnvironment: 'dev'
    });
    expect(cell(board, 'staging').lastKnownGood).toMatchObject({ version: '1.0.0', deploymentId: staging.id });
    expect(cell(board, 'prod')).toMatchObject({ current: null, lastKnownGood: null, promotable: { version: '1.1.0', fromEnvironment: 'staging' }, requiresApproval: true });
    expect(board.checkedAt).toBe('2026-03-02T12:00:00.000Z');
  });

  it('gathers what waits for a person into the inbox, one sentence each, longest waiting first', async () => {
    const w = await world(VERSIONS);
    await w.ship('staging', '1.0.0');
    const held = await w.ship('staging', '1.1.0');
    await w.store.releases.placeHold(SERVICE, 'staging', { deploymentId: held.id, by: 'carol', reason: 'checkout errors' });
    const interrupted = await w.ship('dev', '1.2.0', { endAt: 'interrupted' });
    const canary = await w.ship('dev', '1.1.0', { strategy: 'canary', endAt: 'in-progress' });
    await w.store.releases.appendReleaseEvent(canary.id, { status: 'in-progress', phase: 'traffic', step: 2, weight: 25 });
    await w.store.releases.appendReleaseEvent(canary.id, { status: 'in-progress', phase: 'paused', step: 2, weight: 25, detail: 'waiting for a person' });
    const waiting = await w.ship('prod', '1.1.0', { trigger: 'promotion', endAt: 'pending-approval', startedBy: 'bob' });

    const board = await createReleaseViews(w.deps).board();
    expect(board.inbox.map((item) => [item.kind, item.environment, item.deploymentId])).toEqual([
      ['held', 'staging', held.id],
      ['interrupted', 'dev', interrupted.id],
      ['paused-canary', 'dev', canary.id],
      ['pending-approval', 'prod', waiting.id]
    ]);
    expect(board.inbox.map((item) => item.summary)).toEqual([
      `${SERVICE} staging is held by carol after rollback #${held.id} (checkout errors): automation will not move it until someone releases the hold.`,
      `Release #${interrupted.id} of 1.2.0 to ${SERVICE} dev was interrupted: check what really runs, then deploy or roll back.`,
      `Canary of 1.1.0 on ${SERVICE} dev is paused at 25 %: continue or abort it.`,
      `Promotion of 1.1.0 to ${SERVICE} prod waits for approval (asked by bob).`
    ]);
    expect(cell(board, 'dev')).toMatchObject({ active: { id: canary.id, phase: 'paused' }, interrupted: { id: interrupted.id } });
    expect(cell(board, 'staging').hold).toMatchObject({ by: 'carol' });
    expect(cell(board, 'prod').active).toMatchObject({ id: waiting.id, status: 'pending-approval' });
  });

  it('stops showing an interruption once a release has succeeded after it', async () => {
    const w = await world(VERSIONS);
    await w.ship('dev', '1.0.0', { endAt: 'interrupted' });
    await w.ship('dev', '1.1.0');
    const board = await createReleaseViews(w.deps).board();
    expect(cell(board, 'dev').interrupted).toBeNull();
    expect(board.inbox).toEqual([]);
  });
});

describe('the board: live health and drift', () => {
  it('is healthy with no drift when what runs is what the record says', async () => {
    const w = await world(VERSIONS);
    await w.ship('dev', '1.1.0');
    w.live.dev.instances = w.runs('dev', '1.1.0', 2);
    w.live.dev.route = routeTo('dev', w.live.dev.instances);
    const dev = cell(await createReleaseViews(w.deps).board(), 'dev');
    expect(dev).toMatchObject({ health: 'healthy', healthDetail: 'All 2 instances answer /healthz.', drift: { kind: 'none' } });
    expect(dev.instances.map((instance) => [instance.role, instance.healthy])).toEqual([
      ['stable', true],
      ['stable', true]
    ]);
  });

  it('is degraded when an instance does not answer, and down when none nginx routes to does', async () => {
    const w = await world(VERSIONS);
    await w.ship('dev', '1.1.0');
    await w.ship('staging', '1.1.0');
    w.live.dev.instances = w.runs('dev', '1.1.0', 2);
    w.live.dev.route = routeTo('dev', w.live.dev.instances);
    w.live.dev.unhealthy.add(w.live.dev.instances[1]?.id ?? '');
    w.live.staging.instances = w.runs('staging', '1.1.0', 2);
    w.live.staging.route = routeTo('staging', w.live.staging.instances);
    for (const instance of w.live.staging.instances) w.live.staging.unhealthy.add(instance.id);

    const board = await createReleaseViews(w.deps).board();
    expect(cell(board, 'dev')).toMatchObject({ health: 'degraded', healthDetail: '1 of 2 running instances do not answer /healthz.' });
    expect(cell(board, 'dev').instances.map((instance) => instance.healthy)).toEqual([true, false]);
    expect(cell(board, 'staging')).toMatchObject({ health: 'down', healthDetail: 'None of the instances nginx sends traffic to answers /healthz.' });
  });

  it('shows containers removed or changed by hand as drift, with a sentence per difference', async () => {
    const w = await world(VERSIONS);
    const current = await w.ship('dev', '1.1.0', { settings: { instances: 3 } });
    const [kept, stopped] = w.runs('dev', '1.1.0', 2);
    const foreign = { ...(w.runs('dev', '1.2.0', 1)[0] as NonNullable<typeof kept>), id: 'foreign', name: 'shipdeck-shop-api-dev-stable-9', index: 9 };
    if (!kept || !stopped) throw new Error('fixture');
    w.live.dev.instances = [kept, { ...stopped, state: 'exited', hostPort: null }, foreign];
    w.live.dev.route = routeTo('dev', [kept]);
    w.live.dev.problems = ['nginx sends traffic to shipdeck-shop-api-dev-stable-4, which is not running.'];

    const dev = cell(await createReleaseViews(w.deps).board(), 'dev');
    expect(dev.drift).toEqual({
      kind: 'drift',
      reasons: [
        'shipdeck-shop-api-dev-stable-1 is exited, not running.',
        `shipdeck-shop-api-dev-stable-9 runs ${w.version('1.2.0').digest.slice(7, 19)}, which no release put here.`,
        `1 of 3 instances of 1.1.0 are running: 2 were removed or stopped.`,
        'nginx sends traffic to shipdeck-shop-api-dev-stable-4, which is not running.'
      ]
    });
    expect(dev.health).toBe('degraded');
    expect(current.id).toBe(dev.current?.deploymentId);
  });

  it('says when a different version serves traffic than the record says', async () => {
    const w = await world(VERSIONS);
    const current = await w.ship('dev', '1.1.0', { settings: { instances: 1 } });
    w.live.dev.instances = w.runs('dev', '1.0.0', 1);
    w.live.dev.route = routeTo('dev', w.live.dev.instances);
    const dev = cell(await createReleaseViews(w.deps).board(), 'dev');
    expect(dev.drift.kind).toBe('drift');
    expect(dev.drift.kind === 'drift' && dev.drift.reasons[0]).toBe(
      `Traffic goes to ${w.version('1.0.0').digest.slice(7, 19)}, but the record says 1.1.0 (#${current.id}) runs here.`
    );
  });

  it('is down when nothing runs any more, and says nothing was deployed where nothing was', async () => {
    const w = await world(VERSIONS);
    await w.ship('dev', '1.1.0');
    const board = await createReleaseViews(w.deps).board();
    expect(cell(board, 'dev')).toMatchObject({ health: 'down', healthDetail: 'No instance is running: nothing serves traffic.', drift: { kind: 'drift' } });
    expect(cell(board, 'prod')).toMatchObject({ health: 'unknown', healthDetail: 'Nothing has been deployed here yet.', drift: { kind: 'none' } });
  });

  it('still answers when the engine is unreachable or hangs, saying so for every docker environment', async () => {
    const w = await world(VERSIONS);
    await w.ship('dev', '1.1.0');
    w.engineDown = true;
    const down = await createReleaseViews(w.deps).board();
    expect(cell(down, 'dev')).toMatchObject({
      health: 'unknown',
      healthDetail: 'No Docker engine answers at /var/run/docker.sock.',
      drift: { kind: 'unknown', reason: 'No Docker engine answers at /var/run/docker.sock.' },
      current: { version: '1.1.0' }
    });

    w.engineDown = false;
    w.engineHangs = true;
    const hung = await createReleaseViews(w.deps).board();
    expect(cell(hung, 'dev')).toMatchObject({ health: 'unknown', healthDetail: 'The Docker engine did not answer within 0.3 s.' });
  });

  it("reads instances and health from the engine when nginx's route cannot be read back", async () => {
    const w = await world(VERSIONS);
    await w.ship('dev', '1.1.0');
    w.live.dev.instances = w.runs('dev', '1.1.0', 2);
    w.live.dev.readStateError = new Error('the router config is unreadable');
    const dev = cell(await createReleaseViews(w.deps).board(), 'dev');
    expect(dev.instances).toHaveLength(2);
    expect(dev.drift).toEqual({ kind: 'unknown', reason: 'Could not read back what runs: the router config is unreadable' });
  });
});
