// The analysis feature's calls over the real SQLite store: the workspace's Prometheus setting (kept,
// audited, cleared), a release's analysis read from the records, and why an environment has no experiment.
import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_ENVIRONMENT_SETTINGS, type EnvironmentSettings } from '../../../shared/domain/environment-settings';
import { openReleaseStore } from '../../adapters/store/sqlite-release-store';
import { audit, newService, steppingClock, useTempDirs } from '../../adapters/store/testing/temp-store';
import type { MetricsPort } from '../../ports/metrics';
import type { ReleaseStore } from '../../ports/store';
import { createAnalysisHandlers } from './handlers';
import { createDomainJudge } from './judge-binding';
import { prometheusSettings } from './workspace-settings';

const tempDir = useTempDirs('shipdeck-analysis-handlers-');
const stores: ReleaseStore[] = [];
afterEach(() => stores.splice(0).forEach((store) => store.close()));

const context = { signal: new AbortController().signal };
const digest = (n: number): string => `sha256:${String(n).repeat(64)}`;
const noPrometheus: MetricsPort = { instant: () => Promise.reject(new Error('not asked')), range: () => Promise.reject(new Error('not asked')) };

async function world() {
  const store = openReleaseStore(tempDir(), { now: steppingClock(), dailyBackup: false });
  stores.push(store);
  await store.workspace.addService(newService('shop'), audit('service.add'));
  for (const n of [1, 2]) {
    await store.artifacts.recordArtifact({ service: 'shop', imageRepository: 'shipdeck-local/shop', digest: digest(n), commitSha: `${n}`.repeat(40), version: `1.${n}.0`, pipelineRunId: null });
  }
  const workspace = () => prometheusSettings(store.analysis, '/data/prometheus/targets');
  const synced: string[] = [];
  const handlers = createAnalysisHandlers({
    syncAllTargets: async () => void synced.push(prometheusSettings(store.analysis, '').url ?? 'none'),
    store,
    experiments: { metrics: noPrometheus, store, judge: createDomainJudge(), workspace },
    targetsFolder: '/data/prometheus/targets',
    actor: 'dana'
  });
  const canary = async (settings: Partial<EnvironmentSettings>, weight: number) => {
    const release = await store.releases.startRelease({
      service: 'shop',
      environment: 'dev',
      digest: digest(2),
      previousDigest: digest(1),
      strategy: 'canary',
      trigger: 'manual',
      startedBy: 'dana',
      rollbackOfId: null,
      reason: null,
      overrideReason: null,
      settings: { ...DEFAULT_ENVIRONMENT_SETTINGS, strategy: 'canary', ...settings },
      status: 'in-progress',
      pid: null
    });
    await store.releases.appendReleaseEvent(release.id, { status: 'in-progress', phase: 'traffic', step: 1, weight });
    return release;
  };
  return { store, handlers, canary, synced };
}

describe('settings', () => {
  it('keeps the workspace’s Prometheus, its scrape interval when not given again, and clears it', async () => {
    const { store, handlers, synced } = await world();
    expect(await handlers.calls['settings.get']({}, context)).toEqual({ prometheus: { url: null, scrapeIntervalSeconds: 15, targetsFolder: '/data/prometheus/targets' } });
    await handlers.calls['settings.setPrometheus']({ url: 'http://127.0.0.1:9090', scrapeIntervalSeconds: 5 }, context);
    expect((await handlers.calls['settings.setPrometheus']({ url: 'http://prometheus.internal:9090/prom' }, context)).prometheus).toEqual({
      url: 'http://prometheus.internal:9090/prom',
      scrapeIntervalSeconds: 5,
      targetsFolder: '/data/prometheus/targets'
    });
    expect((await handlers.calls['settings.setPrometheus']({ url: null }, context)).prometheus.url).toBeNull();
    // Each change tells Prometheus what runs, once the setting is stored.
    expect(synced).toEqual(['http://127.0.0.1:9090', 'http://prometheus.internal:9090/prom', 'none']);
    expect(store.audit.list(10).filter((entry) => entry.action === 'settings.prometheus').map((entry) => [entry.actor, entry.details['url']])).toEqual([
      ['dana', null],
      ['dana', 'http://prometheus.internal:9090/prom'],
      ['dana', 'http://127.0.0.1:9090']
    ]);
  });
});

describe('analysis.get', () => {
  it('answers an empty analysis for a release that was never analysed, and NOT_FOUND for no release', async () => {
    const { handlers, canary } = await world();
    const release = await canary({}, 5);
    expect(await handlers.calls['analysis.get']({ deploymentId: release.id }, context)).toEqual({
      deploymentId: release.id,
      prometheusUrl: null,
      metrics: [],
      steps: [],
      automaticRollback: null
    });
    await expect(Promise.resolve().then(() => handlers.calls['analysis.get']({ deploymentId: 999 }, context))).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });
});

describe('experiments.status', () => {
  const status = (handlers: Awaited<ReturnType<typeof world>>['handlers']) => handlers.calls['experiments.status']({ service: 'shop', environment: 'dev' }, context);

  it('says why there is no experiment: no sticky key, not at 50 %, no Prometheus', async () => {
    const first = await world();
    await first.canary({ sticky: null }, 50);
    await expect(status(first.handlers)).rejects.toMatchObject({ code: 'NOT_FOUND', message: expect.stringContaining('without a sticky key') });

    const second = await world();
    await second.canary({ sticky: { kind: 'cookie', name: 'uid' } }, 25);
    await expect(status(second.handlers)).rejects.toMatchObject({ code: 'NOT_FOUND', message: expect.stringContaining('is at 25 %, not held at 50 %') });

    const third = await world();
    await third.canary({ sticky: { kind: 'cookie', name: 'uid' } }, 50);
    await expect(status(third.handlers)).rejects.toMatchObject({ code: 'ENVIRONMENT_NOT_CONFIGURED', hint: expect.stringContaining('--prometheus') });
  });
});
