import { describe, expect, it } from 'vitest';
import { pickRevision, templateWithoutHash } from './revisions';

const owned = [3, 1, 2].map((revision) => ({ object: { metadata: { name: `api-${revision}` } }, revision }));

describe("kubectl's rollback revision choice", () => {
  it('takes the second newest for 0, the named one otherwise, and refuses unknown ones in kubectl\'s words', () => {
    expect(pickRevision(owned, 0, 'api').revision).toBe(2);
    expect(pickRevision(owned, 1, 'api').revision).toBe(1);
    expect(() => pickRevision(owned, 9, 'api')).toThrow('unable to find specified revision 9 in history');
    expect(() => pickRevision([owned[0]!], 0, 'api')).toThrow('no rollout history found for deployment "api"');
  });

  it('compares templates without the pod-template-hash label', () => {
    expect(templateWithoutHash({ metadata: { labels: { app: 'api', 'pod-template-hash': 'abc' } } }, 'pod-template-hash')).toEqual({ metadata: { labels: { app: 'api' } } });
    expect(templateWithoutHash({ metadata: { labels: { 'pod-template-hash': 'abc' } } }, 'pod-template-hash')).toEqual({ metadata: {} });
  });
});
