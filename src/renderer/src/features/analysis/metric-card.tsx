import { useMemo, useRef } from 'react';
import type { AnalysisStep, MetricVerdict, ReleaseAnalysis } from '../../../../shared/domain/analysis';
import styles from './analysis.module.css';
import { ChartLegend, legendEntries } from './chart-legend';
import type { ChartTheme } from './chart-theme';
import { MetricChart } from './metric-chart';
import { ExportPngButton } from './export-png-button';
import { pngFileName } from './png-export';
import { RawQuery } from './raw-query';
import { shapeMetricChart } from './series-shaping';
import { VerdictBadge } from './verdict-badge';

export type AnalysedMetric = ReleaseAnalysis['metrics'][number];

const DIRECTION_TEXT = { increase: 'higher is worse', decrease: 'lower is worse', either: 'a change either way is worse' } as const;

/** This metric's verdict at each step that has one, oldest first. */
export function metricVerdicts(metric: string, steps: readonly AnalysisStep[]): { step: AnalysisStep; verdict: MetricVerdict }[] {
  return steps.flatMap((step) => {
    const verdict = step.verdict?.metrics.find((entry) => entry.metric === metric);
    return verdict ? [{ step, verdict }] : [];
  });
}

export interface ExportContext {
  /** e.g. "Release #12 · api · prod". */
  readonly subtitle: string;
  /** Parts of the file name before the metric's name, e.g. ['shipdeck', 'release', 12]. */
  readonly fileParts: readonly (string | number)[];
}

/** One metric: its chart with legend, the verdict of each step and why, failed queries, the raw query, PNG export. */
export function MetricCard({
  metric,
  steps,
  now,
  live,
  theme,
  exportContext
}: {
  readonly metric: AnalysedMetric;
  readonly steps: readonly AnalysisStep[];
  readonly now: number;
  readonly live: boolean;
  readonly theme: ChartTheme;
  readonly exportContext: ExportContext;
}) {
  const plot = useRef<HTMLDivElement>(null);
  const verdicts = metricVerdicts(metric.name, steps);
  const latest = verdicts.at(-1);
  const shaped = useMemo(() => shapeMetricChart(metric, steps, now), [metric, steps, now]);
  const legend = legendEntries(theme, metric.thresholds, {
    breach: shaped.breaches.length > 0,
    failedMeasurements: shaped.failedMeasurements,
    failedHere: shaped.failedHere.length > 0,
    failedElsewhere: shaped.failedElsewhere.length > 0
  });
  // While a step runs, its verdict is still to come: an earlier step's pass is not the answer now.
  const running = live && steps.some((step) => step.endedAt === null && !step.verdict);

  return (
    <section className={styles.metric} aria-label={`Metric ${metric.name}`} data-testid="metric-chart" data-metric={metric.name}>
      <header className={styles.metricHeader}>
        <h3 className={styles.metricName}>{metric.name}</h3>
        <span className={styles.faint}>
          {metric.unit} · {DIRECTION_TEXT[metric.direction]}
        </span>
        <span className="spacer" />
        {running ? <VerdictBadge verdict="running" /> : latest ? <VerdictBadge verdict={latest.verdict.verdict} /> : null}
        <ExportPngButton
          plot={plot}
          title={metric.name}
          subtitle={exportContext.subtitle}
          legend={legend}
          fileName={pngFileName([...exportContext.fileParts, metric.name])}
          theme={theme}
        />
      </header>
      <ChartLegend entries={legend} />
      <MetricChart name={metric.name} unit={metric.unit} shaped={shaped} live={live} theme={theme} syncId="canary-analysis" containerRef={plot} />
      {(['baseline', 'canary'] as const).map((role) =>
        metric[role].failure ? (
          <p key={role} className={styles.problem} data-testid="query-failure">
            The {role} query gave nothing usable: {metric[role].failure}. An errored or empty query never counts as a pass.
          </p>
        ) : null
      )}
      {verdicts.length > 0 && (
        <ol className={styles.metricSteps} aria-label={`${metric.name} at each step`}>
          {verdicts.map(({ step, verdict }) => (
            <li key={step.step} data-testid="metric-step-verdict" data-verdict={verdict.verdict}>
              <span className={styles.stepWeight}>{step.weight} %</span>
              <VerdictBadge verdict={verdict.verdict} />
              <span className={styles.reason}>{verdict.reason}</span>
              {verdict.warnings.map((warning) => (
                <span key={warning} className={styles.warningText}>
                  ⚠ {warning}
                </span>
              ))}
            </li>
          ))}
        </ol>
      )}
      <RawQuery metric={metric.name} template={metric.query} rendered={metric.rendered} />
    </section>
  );
}
