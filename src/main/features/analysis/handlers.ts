import type { analysisContract, WorkspaceSettings } from '../../../shared/contract/analysis';
import type { CallNamesOf, FeatureHandlers, StreamNamesOf } from '../../api/handlers';
import type { ReleaseStore } from '../../ports/store';
import type { ExperimentDeps } from './experiment-status';
import { experimentStatus } from './experiment-status';
import { releaseAnalysis } from './release-analysis';
import { PROMETHEUS_SETTING, prometheusSettings } from './workspace-settings';

type AnalysisHandlers = FeatureHandlers<CallNamesOf<typeof analysisContract>, StreamNamesOf<typeof analysisContract>>;

export interface AnalysisHandlersDeps {
  readonly store: Pick<ReleaseStore, 'analysis' | 'releases' | 'workspace'>;
  readonly experiments: ExperimentDeps;
  /** Where the scrape targets are written (told to the user: their Prometheus reads it). */
  readonly targetsFolder: string;
  readonly actor: string;
  /** Writes every analysed environment's scrape targets (a Prometheus was just set: tell it what runs). */
  readonly syncAllTargets?: (() => Promise<void>) | undefined;
}

export function createAnalysisHandlers(deps: AnalysisHandlersDeps): AnalysisHandlers {
  const { store } = deps;
  const settings = (): WorkspaceSettings => ({ prometheus: prometheusSettings(store.analysis, deps.targetsFolder) });
  return {
    calls: {
      'settings.get': () => settings(),
      'settings.setPrometheus': async ({ url, scrapeIntervalSeconds }, { signal }) => {
        const next = { url, scrapeIntervalSeconds: scrapeIntervalSeconds ?? settings().prometheus.scrapeIntervalSeconds };
        await store.analysis.setSetting(
          PROMETHEUS_SETTING,
          next,
          { actor: deps.actor, action: 'settings.prometheus', subject: 'workspace', details: { url, scrapeIntervalSeconds: next.scrapeIntervalSeconds } },
          signal
        );
        void deps.syncAllTargets?.().catch((error: unknown) => console.warn('[shipdeck] writing the scrape targets failed:', error));
        return settings();
      },
      'analysis.get': ({ deploymentId }) => releaseAnalysis(store, deploymentId),
      'experiments.status': ({ service, environment }, { signal }) => experimentStatus(deps.experiments, service, environment, signal)
    },
    streams: {}
  };
}
