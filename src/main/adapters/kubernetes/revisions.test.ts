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

  it('picks the newest revision other than the current one that runs a digest', () => {
    const digest = (n: number) => `sha256:${String(n).repeat(64)}`;
    const running = (revision: number, n: number) => ({ object: { spec: { template: { spec: { containers: [{ name: 'api', image: `r/api@${digest(n)}` }] } } } }, revision });
    const history = [running(1, 1), running(2, 2), running(3, 1), running(4, 2)];
    expect(pickRevision(history, { digest: digest(1) }, 'api', 4).revision).toBe(3);
    expect(pickRevision(history, { digest: digest(2) }, 'api', 4).revision).toBe(2);
    expect(() => pickRevision(history, { digest: digest(7) }, 'api', 4)).toThrow('no revision of "api" runs');
  });

  it('compares templates without the pod-template-hash label', () => {
    expect(templateWithoutHash({ metadata: { labels: { app: 'api', 'pod-template-hash': 'abc' } } }, 'pod-template-hash')).toEqual({ metadata: { labels: { app: 'api' } } });
    expect(templateWithoutHash({ metadata: { labels: { 'pod-template-hash': 'abc' } } }, 'pod-template-hash')).toEqual({ metadata: {} });
  });
});
