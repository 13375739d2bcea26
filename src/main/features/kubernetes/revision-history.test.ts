import { describe, expect, it } from 'vitest';
import type { Release } from '../../../shared/domain/releases';
import type { ReplicaSetRevision } from '../../ports/kubernetes';
import { joinRevisions } from './revision-history';

const digest = (n: number) => `sha256:${String(n).repeat(64).slice(0, 64)}`;
const replicaSet = (revision: number, n: number, changeCause: string | null, createdAt: string): ReplicaSetRevision => ({
  revision,
  name: `api-${revision}`,
  changeCause,
  containers: [{ name: 'api', image: `127.0.0.1:5000/api@${digest(n)}` }],
  template: {},
  replicas: 0,
  createdAt
});
const release = (id: number, n: number, createdAt: string, status: Release['status'] = 'succeeded') =>
  ({ id, digest: digest(n), version: `1.${n}.0`, createdAt, status, strategy: 'rolling', startedBy: 'ana' }) as unknown as Release;

describe('joinRevisions', () => {
  it('joins ReplicaSets with the release named in the change-cause, then adds older releases only the records keep', () => {
    const revisions = joinRevisions(
      [replicaSet(4, 4, 'shipdeck: deploy 1.4.0 as release #14 by ana', '2026-03-04T00:00:00Z'), replicaSet(5, 5, 'kubectl set image (by hand)', '2026-03-05T00:00:00Z')],
      [release(14, 4, '2026-03-04T00:00:00Z'), release(12, 2, '2026-03-02T00:00:00Z'), release(11, 1, '2026-03-01T00:00:00Z'), release(13, 3, '2026-03-03T00:00:00Z', 'failed')],
      5
    );
    expect(revisions.map((revision) => [revision.revision, revision.deploymentId, revision.current])).toEqual([
      [5, null, true],
      [4, 14, false],
      [null, 12, false],
      [null, 11, false]
    ]);
    expect(revisions[1]?.version).toBe('1.4.0');
  });

  it('does not credit a release with a change made by hand that kept its change-cause', () => {
    const [revision] = joinRevisions([replicaSet(6, 3, 'shipdeck: deploy 1.4.0 as release #14 by ana', '2026-03-06T00:00:00Z')], [release(14, 4, '2026-03-04T00:00:00Z')], 6);
    expect(revision?.deploymentId).toBeNull();
  });
});
