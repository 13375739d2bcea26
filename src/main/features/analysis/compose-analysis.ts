/**
 * Builds the analysis feature from the core's adapters: the gate analysis the release orchestrator asks at
 * each canary step, the runtime that keeps Prometheus' scrape targets up to date (the releases use it in
 * place of the plain one), and the handlers.
 */
import type { EnvironmentRuntimePort } from '../../ports/environment-runtime';
import type { EventPort } from '../../ports/events';
import type { MetricsPort, ScrapeTargetsPort } from '../../ports/metrics';
import type { ReleaseStore } from '../../ports/store';
import type { AnalysisJudge } from './analysis-judge';
import { createCanaryAnalysis, versionLabel } from './canary-analysis';
import { createAnalysisHandlers } from './handlers';
import { createScrapeTargetSync } from './scrape-target-sync';
import { analysisEndpoint, prometheusSettings } from './workspace-settings';

export interface AnalysisFeatureDeps {
  readonly store: ReleaseStore;
  readonly events: EventPort;
  readonly actor: string;
  readonly runtime: EnvironmentRuntimePort;
  readonly metrics: MetricsPort;
  readonly targets: ScrapeTargetsPort;
  readonly judge: AnalysisJudge;
}

export function composeAnalysis(deps: AnalysisFeatureDeps) {
  const { store } = deps;
  const workspace = () => prometheusSettings(store.analysis, deps.targets.folder);
  const scrape = createScrapeTargetSync({
    runtime: deps.runtime,
    targets: deps.targets,
    versionOf: (service, digest) => versionLabel(store.releases.releasesOfDigest(digest).find((release) => release.service === service)?.version ?? null, digest),
    analysed: (service, environment) => {
      const env = store.workspace.findService(service)?.environments.find((candidate) => candidate.name === environment);
      return env !== undefined && analysisEndpoint(env.settings.prometheusUrl, workspace()) !== null;
    }
  });
  const gate = createCanaryAnalysis({ metrics: deps.metrics, store, judge: deps.judge, events: deps.events, workspace, syncTargets: scrape.sync });
  const handlers = createAnalysisHandlers({
    store,
    experiments: { metrics: deps.metrics, store, judge: deps.judge, workspace },
    targetsFolder: deps.targets.folder,
    actor: deps.actor,
    syncAllTargets: async () => {
      for (const service of store.workspace.listServices()) {
        for (const environment of service.environments) if (environment.targetKind === 'docker') await scrape.sync(service.name, environment.name);
      }
    }
  });
  return { handlers, gate, runtime: scrape.runtime };
}
