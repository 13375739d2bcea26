/**
 * Canary analysis and experiments: the workspace's Prometheus, a release's analysis (series, steps,
 * verdicts — from the records, so it works offline), and the status of an A/B experiment. Charts follow
 * a running analysis through `releases.changes` (a hint with the release's id each time points arrive).
 */
import { z } from 'zod';
import type { ExperimentStatus, ReleaseAnalysis } from '../domain/analysis';
import { prometheusUrlProblem } from '../domain/environment-settings';
import { call, type FeatureContract } from './define';
import { noInput, serviceName } from './schemas';

export interface PrometheusSettings {
  /** Where canary analysis asks, unless an environment names its own; null: no analysis. */
  readonly url: string | null;
  /** How often Prometheus scrapes the instances: the resolution of the series and the rate() interval follow from it. */
  readonly scrapeIntervalSeconds: number;
  /** The folder of scrape targets (file_sd) Shipdeck keeps up to date: Prometheus' file_sd_configs should read `<folder>/*.json`. */
  readonly targetsFolder: string;
}

export interface WorkspaceSettings {
  readonly prometheus: PrometheusSettings;
}

const prometheusUrl = z.string({ error: 'url must be a URL or null' }).superRefine((url, ctx) => {
  const problem = prometheusUrlProblem(url);
  if (problem) ctx.addIssue({ code: 'custom', message: problem });
});

const deploymentId = z.int({ error: 'deploymentId must be a deployment number' }).positive({ error: 'deploymentId must be a deployment number' });

const environmentName = z.string({ error: 'environment name is required' }).regex(/^[a-z0-9][a-z0-9-]{0,31}$/, {
  error: 'environment name must be 1–32 lowercase letters, digits or "-", e.g. "staging"'
});

export const analysisContract = {
  feature: 'analysis',
  calls: {
    'settings.get': call<WorkspaceSettings>()(noInput, 'Workspace settings: the Prometheus canary analysis asks, and the folder of scrape targets it should read.'),
    'settings.setPrometheus': call<WorkspaceSettings>()(
      z.strictObject({
        url: prometheusUrl.nullable(),
        scrapeIntervalSeconds: z
          .int({ error: 'the scrape interval is a whole number of seconds' })
          .min(1, { error: 'the scrape interval is at least 1 second' })
          .max(600, { error: 'the scrape interval is at most 600 seconds' })
          .optional()
      }),
      'Sets the Prometheus canary analysis asks (null: none), and how often it scrapes; an environment may name its own.'
    ),
    'analysis.get': call<ReleaseAnalysis>()(
      z.strictObject({ deploymentId }),
      "A release's canary analysis as recorded: each metric's baseline and canary series, its query, the steps with their verdicts and why."
    ),
    'experiments.status': call<ExperimentStatus>()(
      z.strictObject({ service: serviceName, environment: environmentName }),
      'The A/B experiment of an environment (a canary held at 50 % with a sticky key: A = stable, B = canary): conversions per variant, the difference with its confidence interval, and what is still needed.'
    )
  },
  streams: {}
} as const satisfies FeatureContract;
