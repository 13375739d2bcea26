import { useEffect, useState, type ReactNode } from 'react';
import type { ReleaseAnalysis } from '../../../../shared/domain/analysis';
import { cx } from '../../components/cx';
import styles from './analysis.module.css';
// Notes look the same on every release screen.
import noteStyles from '../releases/releases.module.css';
import { useChartTheme } from './chart-theme';
import { MetricCard, type ExportContext } from './metric-card';
import { StepVerdicts } from './step-verdicts';

const nowSeconds = () => Date.now() / 1000;

/** The clock in unix seconds, ticking while `live` (a running step grows to now). */
function useLiveNow(live: boolean): number {
  const [now, setNow] = useState(nowSeconds);
  useEffect(() => {
    if (!live) return;
    setNow(nowSeconds());
    const timer = setInterval(() => setNow(nowSeconds()), 5000);
    return () => clearInterval(timer);
  }, [live]);
  return now;
}

/** The last moment the record speaks of: where a replayed step without an end stops on the chart. */
export function lastRecorded(analysis: ReleaseAnalysis): number {
  let last = 0;
  for (const metric of analysis.metrics) for (const [t] of [...metric.baseline.points, ...metric.canary.points]) last = Math.max(last, t);
  for (const step of analysis.steps) last = Math.max(last, step.startedAt, step.endedAt ?? 0);
  return last;
}

/**
 * A release's canary analysis: whether it is live or replayed, an automatic rollback and its reason,
 * a chart per metric (canary against baseline, thresholds, steps, verdicts, queries), then every step's
 * verdict with its numbers. `rollbackLink` renders the link to the rollback release, if any.
 */
export function ReleaseAnalysisView({
  analysis,
  live,
  exportContext,
  rollbackLink
}: {
  readonly analysis: ReleaseAnalysis;
  /** The release is still under way: its running step grows with the clock and its charts follow. */
  readonly live: boolean;
  readonly exportContext: ExportContext;
  readonly rollbackLink?: ((deploymentId: number) => ReactNode) | undefined;
}) {
  const clock = useLiveNow(live);
  const now = live ? clock : lastRecorded(analysis);
  const theme = useChartTheme();
  const rollback = analysis.automaticRollback;
  return (
    <div className={styles.analysis} data-testid="release-analysis" data-live={live}>
      {rollback && (
        <div className={cx(noteStyles.note, noteStyles.noteDanger)} data-testid="automatic-rollback">
          <p className={noteStyles.noteTitle}>Rolled back automatically — no person was asked</p>
          <p>{rollback.reason}</p>
          {rollbackLink?.(rollback.deploymentId)}
        </div>
      )}
      <p className={styles.source}>
        {live ? (
          <>
            <span className={styles.liveDot} aria-hidden="true" /> Live: the charts follow the canary as it runs.
          </>
        ) : (
          'Replayed from the release record: the series are stored with it, so this works offline.'
        )}{' '}
        <span className={styles.faint}>{analysis.prometheusUrl ? `Prometheus: ${analysis.prometheusUrl}` : 'No Prometheus endpoint was set.'}</span>
      </p>
      {analysis.metrics.length === 0 ? (
        <p className={styles.faint}>No metrics were analysed for this release.</p>
      ) : (
        <div className={styles.metrics}>
          {analysis.metrics.map((metric) => (
            <MetricCard key={metric.name} metric={metric} steps={analysis.steps} now={now} live={live} theme={theme} exportContext={exportContext} />
          ))}
        </div>
      )}
      {analysis.steps.length > 0 && (
        <>
          <h3 className={styles.subheading}>Verdict of each step</h3>
          <StepVerdicts steps={analysis.steps} now={now} live={live} units={new Map(analysis.metrics.map((metric) => [metric.name, metric.unit]))} />
        </>
      )}
    </div>
  );
}
