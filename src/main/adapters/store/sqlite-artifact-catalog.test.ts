// The artifact catalogue (migration 4): search, filters, sorts and cursor paging over a real SQLite file.
import { describe, expect, it } from 'vitest';
import { versionSortKey } from '../../../shared/domain/artifact-catalog';
import type { ArtifactQuery } from '../../../shared/domain/artifact-catalog';
import { openReleaseStore } from './sqlite-release-store';
import { audit, newService, steppingClock, useTempDirs } from './testing/temp-store';

const tempDir = useTempDirs();
/** Digests with distinct leading characters, so a short prefix finds one. */
const digestOf = (i: number): string => `sha256:${(['a1', 'b2', 'c3', 'd4', 'e5', 'f6'][i] ?? '00').repeat(32)}`;
const sha = (n: number): string => n.toString(16).padStart(2, '0').repeat(20);

async function seeded() {
  const store = openReleaseStore(tempDir(), { now: steppingClock() });
  await store.workspace.addService(newService('api'), audit('service.add'));
  await store.workspace.addService(newService('web'), audit('service.add', 'service:web'));
  const rows: { service: string; version: string | null; subject: string }[] = [
    { service: 'api', version: 'v1.0.0', subject: 'Add checkout endpoint' },
    { service: 'api', version: null, subject: 'Fix login redirect' },
    { service: 'web', version: '2.0.0-rc.1', subject: 'New header' },
    { service: 'api', version: 'v1.10.0', subject: 'Speed up login page' },
    { service: 'web', version: '2.0.0', subject: 'Release header' },
    { service: 'api', version: 'v1.2.0', subject: 'Retry payments' }
  ];
  const ids: number[] = [];
  for (const [i, row] of rows.entries()) {
    const recorded = await store.artifacts.recordArtifact({
      service: row.service,
      imageRepository: `127.0.0.1:5000/shop/${row.service}`,
      digest: digestOf(i),
      commitSha: sha(i + 1),
      version: row.version,
      pipelineRunId: null,
      commitSubject: row.subject
    });
    ids.push(recorded.id);
  }
  return { store, ids };
}

const query = (overrides: Partial<ArtifactQuery>): ArtifactQuery => ({ status: 'all', sort: 'newest', limit: 100, ...overrides });

describe('artifact catalogue', () => {
  it('lists every artifact of every service newest first, with subject and tags', async () => {
    const { store, ids } = await seeded();
    const page = store.artifacts.searchArtifacts(query({}));
    expect(page.items.map((a) => a.id)).toEqual([...ids].reverse());
    expect(page.items[0]).toMatchObject({ service: 'api', commitSubject: 'Retry payments', version: 'v1.2.0', tags: [sha(6), sha(6).slice(0, 7), '1.2.0'] });
    expect(page.nextCursor).toBeNull();
    store.close();
  });

  it('searches by digest prefix, commit prefix, version prefix and words of the message', async () => {
    const { store, ids } = await seeded();
    const found = (search: string, extra: Partial<ArtifactQuery> = {}) => store.artifacts.searchArtifacts(query({ search, ...extra })).items.map((a) => a.id);
    expect(found(digestOf(3))).toEqual([ids[3]]);
    expect(found('sha256:d4d4')).toEqual([ids[3]]);
    expect(found('D4D4d4')).toEqual([ids[3]]);
    expect(found(sha(2).slice(0, 8))).toEqual([ids[1]]);
    expect(found('1.1')).toEqual([ids[3]]);
    expect(found('v1.2')).toEqual([ids[5]]);
    expect(found('2.0.0')).toEqual([ids[4], ids[2]]);
    expect(found('login')).toEqual([ids[3], ids[1]]);
    expect(found('log')).toEqual([ids[3], ids[1]]);
    expect(found('login fix')).toEqual([ids[1]]);
    expect(found('"; DROP TABLE artifacts; --')).toEqual([]);
    expect(found('login', { service: 'web' })).toEqual([]);
    store.close();
  });

  it('filters by service, status and date, and sorts oldest first or by semantic version', async () => {
    const { store, ids } = await seeded();
    const idsOf = (extra: Partial<ArtifactQuery>) => store.artifacts.searchArtifacts(query(extra)).items.map((a) => a.id);
    expect(idsOf({ service: 'web' })).toEqual([ids[4], ids[2]]);
    expect(idsOf({ service: 'nobody' })).toEqual([]);
    await store.artifacts.recordPrune(ids[0] as number, 'tester');
    expect(idsOf({ status: 'pruned' })).toEqual([ids[0]]);
    expect(idsOf({ status: 'live' })).not.toContain(ids[0]);
    const all = store.artifacts.searchArtifacts(query({})).items;
    const third = all.find((a) => a.id === ids[2]);
    expect(idsOf({ createdFrom: third?.createdAt, sort: 'oldest' })).toEqual([ids[2], ids[3], ids[4], ids[5]]);
    expect(idsOf({ createdTo: third?.createdAt, sort: 'oldest' })).toEqual([ids[0], ids[1]]);
    // 1.10.0 > 1.2.0 > 1.0.0 (not string order), a release above its prerelease, no version last.
    const byVersion = store.artifacts.searchArtifacts(query({ sort: 'version' })).items.map((a) => a.version);
    expect(byVersion).toEqual(['2.0.0', '2.0.0-rc.1', 'v1.10.0', 'v1.2.0', 'v1.0.0', null]);
    store.close();
  });

  it('pages with a cursor in every sort, without gaps or repeats', async () => {
    const { store } = await seeded();
    for (const sort of ['newest', 'oldest', 'version'] as const) {
      const whole = store.artifacts.searchArtifacts(query({ sort })).items.map((a) => a.id);
      const paged: number[] = [];
      let cursor: string | undefined;
      do {
        const page = store.artifacts.searchArtifacts(query({ sort, limit: 4, cursor }));
        paged.push(...page.items.map((a) => a.id));
        cursor = page.nextCursor ?? undefined;
      } while (cursor !== undefined);
      expect(paged).toEqual(whole);
    }
    expect(() => store.artifacts.searchArtifacts(query({ cursor: 'not a cursor' }))).toThrow(/cursor/);
    store.close();
  });

  it('finds the previous artifact of the same service, and the live ones for retention', async () => {
    const { store, ids } = await seeded();
    expect(store.artifacts.previousArtifact(ids[3] as number)?.id).toBe(ids[1]);
    expect(store.artifacts.previousArtifact(ids[0] as number)).toBeNull();
    await store.artifacts.recordPrune(ids[1] as number, 'tester');
    expect(store.artifacts.liveArtifacts('api').map((a) => a.id)).toEqual([ids[5], ids[3], ids[0]]);
    store.close();
  });

  it('keeps a retention policy per service, the default until one is set', async () => {
    const { store } = await seeded();
    expect(store.artifacts.getRetentionPolicy('api')).toMatchObject({ custom: false, keepLast: 20 });
    const set = await store.artifacts.setRetentionPolicy('api', { keepLast: 3, keepDays: 7, keepPerEnvironment: 2 }, 'ana');
    expect(set).toMatchObject({ service: 'api', custom: true, keepLast: 3, keepDays: 7, keepPerEnvironment: 2, updatedBy: 'ana' });
    expect(store.artifacts.getRetentionPolicy('web').custom).toBe(false);
    expect(() => store.artifacts.getRetentionPolicy('nobody')).toThrow(/no service/);
    store.close();
  });
});

describe('versionSortKey', () => {
  it('orders by semantic-version precedence', () => {
    const versions = ['1.0.0-alpha', '1.0.0-alpha.1', '1.0.0-alpha.beta', '1.0.0-beta.2', '1.0.0-beta.11', '1.0.0-rc.1', '1.0.0', 'v1.2.0', '1.10.0'];
    const sorted = [...versions].sort((a, b) => (versionSortKey(a) < versionSortKey(b) ? -1 : 1));
    expect(sorted).toEqual(versions);
    expect(versionSortKey(null) < versionSortKey('0.0.1')).toBe(true);
  });
});

describe('searchTerms', () => {
  it('reads a version as a version, hex as a SHA prefix, and other text as words', async () => {
    const { searchTerms } = await import('../../../shared/domain/artifact-catalog');
    expect(searchTerms('v1.2')).toEqual({ hexPrefix: null, versionPrefix: '1.2', words: [] });
    expect(searchTerms('sha256:ABCD12')).toMatchObject({ hexPrefix: 'abcd12' });
    expect(searchTerms('cafe')).toEqual({ hexPrefix: 'cafe', versionPrefix: null, words: ['cafe'] });
    expect(searchTerms('fix login!')).toEqual({ hexPrefix: null, versionPrefix: null, words: ['fix', 'login'] });
  });
});
