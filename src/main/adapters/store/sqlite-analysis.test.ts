// Canary analysis records in SQLite: what a step asked, the points read and the verdict come back as they
// were written (a failed measurement stays NaN), nothing can be rewritten, and they survive a reopen —
// the charts replay offline. Workspace settings are replaced in place and audited.
import { describe, expect, it } from 'vitest';
import type { StepVerdict } from '../../../shared/domain/analysis';
import { DEFAULT_ENVIRONMENT_SETTINGS } from '../../../shared/domain/environment-settings';
import type { AskedMetric } from '../../ports/store';
import { openReleaseStore } from './sqlite-release-store';
import { audit, digest, newService, steppingClock, useTempDirs } from './testing/temp-store';

const tempDir = useTempDirs('shipdeck-analysis-');

const errorRate: AskedMetric = {
  name: 'error-rate',
  query: 'sum(rate(errors{role="{{role}}"}[1m]))',
  direction: 'increase',
  thresholds: { relative: 2 },
  unit: 'ratio',
  rendered: { baseline: 'sum(rate(errors{role="baseline"}[1m]))', canary: 'sum(rate(errors{role="canary"}[1m]))' }
};

const verdict: StepVerdict = {
  verdict: 'fail',
  reason: 'error rate 5.1 % on the canary against 0.4 % on the baseline',
  metrics: [{ metric: 'error-rate', verdict: 'fail', reason: 'higher', numbers: { canaryMedian: 0.051, pValue: 0.0001, effect: Number.POSITIVE_INFINITY, missing: null }, warnings: [] }],
  warnings: ['baseline noisy']
};

async function withRelease(dataDir: string) {
  const store = openReleaseStore(dataDir, { now: steppingClock(), dailyBackup: false });
  await store.workspace.addService(newService('shop'), audit('service.add'));
  await store.releases.configureEnvironment('shop', 'dev', { settings: { ...DEFAULT_ENVIRONMENT_SETTINGS, publicPort: 18_080 } }, audit('environment.configure'));
  await store.artifacts.recordArtifact({ service: 'shop', imageRepository: '127.0.0.1:5000/shop/shop', digest: digest(1), commitSha: '1'.repeat(40), version: '1.0.0', pipelineRunId: null });
  const release = await store.releases.startRelease({
    service: 'shop',
    environment: 'dev',
    digest: digest(1),
    previousDigest: null,
    strategy: 'canary',
    trigger: 'manual',
    startedBy: 'tester',
    rollbackOfId: null,
    reason: null,
    overrideReason: null,
    settings: DEFAULT_ENVIRONMENT_SETTINGS,
    status: 'in-progress',
    pid: 1
  });
  return { store, release };
}

describe('canary analysis records', () => {
  it('gives back each step, its points in the order read (NaN and infinity kept) and its verdict, after a reopen too', async () => {
    const dataDir = tempDir();
    const { store, release } = await withRelease(dataDir);
    expect(store.appliedMigrations()).toContain(6);
    await store.analysis.startStep({ deploymentId: release.id, step: 1, weight: 25, startedAt: 1_700_000_000, windowSeconds: 60, prometheusUrl: 'http://127.0.0.1:9090', metrics: [errorRate] });
    await store.analysis.appendSeries([
      { deploymentId: release.id, step: 1, metric: 'error-rate', role: 'baseline', points: [[1_700_000_005, 0.004]], failure: null },
      { deploymentId: release.id, step: 1, metric: 'error-rate', role: 'canary', points: [[1_700_000_005, Number.NaN]], failure: null }
    ]);
    await store.analysis.appendSeries([
      { deploymentId: release.id, step: 1, metric: 'error-rate', role: 'canary', points: [[1_700_000_010, 0.05], [1_700_000_015, Number.POSITIVE_INFINITY]], failure: null },
      { deploymentId: release.id, step: 1, metric: 'error-rate', role: 'baseline', points: [], failure: 'Prometheus at http://127.0.0.1:9090 does not answer' }
    ]);
    await store.analysis.recordVerdict({ deploymentId: release.id, step: 1, verdict, endedAt: 1_700_000_020 });
    store.close();

    const reopened = openReleaseStore(dataDir, { dailyBackup: false });
    const recorded = reopened.analysis.analysisOf(release.id);
    expect(recorded.steps).toEqual([{ deploymentId: release.id, step: 1, weight: 25, startedAt: 1_700_000_000, windowSeconds: 60, prometheusUrl: 'http://127.0.0.1:9090', metrics: [errorRate] }]);
    const canary = recorded.series.filter((chunk) => chunk.role === 'canary').flatMap((chunk) => chunk.points);
    expect(canary.map(([at]) => at)).toEqual([1_700_000_005, 1_700_000_010, 1_700_000_015]);
    expect(Number.isNaN(canary[0]?.[1])).toBe(true);
    expect(canary.slice(1).map(([, value]) => value)).toEqual([0.05, Number.POSITIVE_INFINITY]);
    expect(recorded.series.at(-1)).toMatchObject({ role: 'baseline', points: [], failure: 'Prometheus at http://127.0.0.1:9090 does not answer' });
    expect(recorded.verdicts).toEqual([{ deploymentId: release.id, step: 1, endedAt: 1_700_000_020, verdict }]);
    expect(reopened.analysis.analysisOf(release.id + 1)).toEqual({ steps: [], series: [], verdicts: [] });
    reopened.close();
  });

  it('refuses to rewrite or delete what was recorded', async () => {
    const dataDir = tempDir();
    const { store, release } = await withRelease(dataDir);
    await store.analysis.startStep({ deploymentId: release.id, step: 1, weight: 25, startedAt: 1, windowSeconds: 60, prometheusUrl: 'http://127.0.0.1:9090', metrics: [errorRate] });
    await store.analysis.appendSeries([{ deploymentId: release.id, step: 1, metric: 'error-rate', role: 'canary', points: [[1, 0.1]], failure: null }]);
    await store.analysis.recordVerdict({ deploymentId: release.id, step: 1, verdict, endedAt: 2 });
    // The append-only triggers are the store's own guarantee: reach them through a raw connection.
    const Database = (await import('better-sqlite3')).default;
    const raw = new Database(store.file);
    try {
      expect(() => raw.prepare("UPDATE analysis_series SET points = '[]'").run()).toThrow(/append-only/);
      expect(() => raw.prepare('DELETE FROM analysis_verdicts').run()).toThrow(/append-only/);
      expect(() => raw.prepare('UPDATE analysis_steps SET weight = 50').run()).toThrow(/append-only/);
    } finally {
      raw.close();
      store.close();
    }
  });

  it('replaces a workspace setting in place and audits who changed it', async () => {
    const { store } = await withRelease(tempDir());
    expect(store.analysis.setting('prometheus')).toBeNull();
    await store.analysis.setSetting('prometheus', { url: 'http://127.0.0.1:9090', scrapeIntervalSeconds: 15 }, audit('settings.prometheus', 'workspace'));
    await store.analysis.setSetting('prometheus', { url: null, scrapeIntervalSeconds: 5 }, audit('settings.prometheus', 'workspace'));
    expect(store.analysis.setting('prometheus')).toEqual({ url: null, scrapeIntervalSeconds: 5 });
    expect(store.audit.list(10).filter((entry) => entry.action === 'settings.prometheus')).toHaveLength(2);
    store.close();
  });
});
