/**
 * The workspace's Prometheus, kept in the store's settings: where canary analysis asks (an environment may
 * name its own) and how often Prometheus scrapes (the series' resolution and the rate() window follow).
 */
import type { PrometheusSettings } from '../../../shared/contract/analysis';
import { prometheusUrlProblem } from '../../../shared/domain/environment-settings';
import type { AnalysisReads } from '../../ports/store';

export const PROMETHEUS_SETTING = 'prometheus';
export const DEFAULT_SCRAPE_INTERVAL_SECONDS = 15;

/** What is stored; anything missing or malformed takes its default. */
export function prometheusSettings(store: Pick<AnalysisReads, 'setting'>, targetsFolder: string): PrometheusSettings {
  const stored = store.setting(PROMETHEUS_SETTING);
  const value = (stored && typeof stored === 'object' ? stored : {}) as { url?: unknown; scrapeIntervalSeconds?: unknown };
  const interval = value.scrapeIntervalSeconds;
  return {
    url: typeof value.url === 'string' && prometheusUrlProblem(value.url) === null ? value.url : null,
    scrapeIntervalSeconds: typeof interval === 'number' && Number.isInteger(interval) && interval >= 1 && interval <= 600 ? interval : DEFAULT_SCRAPE_INTERVAL_SECONDS,
    targetsFolder
  };
}

/** The Prometheus an environment's analysis asks: its own, else the workspace's; null when neither is set. */
export function analysisEndpoint(environmentUrl: string | null, workspace: PrometheusSettings): { readonly url: string; readonly scrapeIntervalSeconds: number } | null {
  const url = environmentUrl ?? workspace.url;
  return url === null ? null : { url, scrapeIntervalSeconds: workspace.scrapeIntervalSeconds };
}
